# timeout: a 5-second deadline over tasks of 1, 2 and 7 seconds. A and B
# finish, C is cancelled at the deadline, and their results are lost.
import asyncio
import time


async def task(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return name


async def main():
    start = time.perf_counter()
    try:
        async with asyncio.timeout(5):  # Python 3.11+
            await asyncio.gather(task("A", 1), task("B", 2), task("C", 7))
    except TimeoutError:
        print(f"timed out after {time.perf_counter() - start:.1f}s")


asyncio.run(main())
