# blocking: three tasks that block with time.sleep(1) instead of awaiting.
# asyncio has one thread, so they run one after another: 3 seconds, not 1.
# await asyncio.sleep suspends instead; asyncio.to_thread moves the blocking
# call to a thread of its own. Both take about 1 second.
import asyncio
import time


async def blocking(name, delay):
    time.sleep(delay)  # holds the event loop's only thread
    return name


async def suspending(name, delay):
    await asyncio.sleep(delay)  # gives the thread back while it waits
    return name


async def on_a_thread(name, delay):
    await asyncio.to_thread(time.sleep, delay)  # blocks another thread
    return name


async def main():
    for task in (blocking, suspending, on_a_thread):
        start = time.perf_counter()
        results = await asyncio.gather(*(task(n, 1) for n in "ABC"))
        elapsed = time.perf_counter() - start
        print(f"{task.__name__}: {results} in {elapsed:.1f}s")


asyncio.run(main())
