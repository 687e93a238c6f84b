# ordering: A, B, C take 3, 1 and 2 seconds; they finish B, C, A,
# yet gather returns the results in argument order.
import asyncio


async def task(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return name


async def main():
    results = await asyncio.gather(task("A", 3), task("B", 1), task("C", 2))
    print(results)  # ['A', 'B', 'C']


asyncio.run(main())
