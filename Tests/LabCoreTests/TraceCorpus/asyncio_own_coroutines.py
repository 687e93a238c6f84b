# Tasks whose coroutines are asyncio's own, asked for by the program: they are the program's.
import asyncio
import sys
import threading


async def quick(n):
    return n


async def main():
    loop = asyncio.get_running_loop()
    sleeper = asyncio.create_task(asyncio.sleep(0.001))
    threaded = asyncio.create_task(asyncio.to_thread(sum, [1, 2, 3]))
    barrier = asyncio.Barrier(2)
    parties = [asyncio.create_task(barrier.wait()) for _ in range(2)]
    await sleeper
    print("to_thread", await threaded)
    await asyncio.gather(*parties)
    future = asyncio.run_coroutine_threadsafe(quick(7), loop)
    print("threadsafe", await asyncio.to_thread(future.result))


asyncio.run(main())
print("tasks: 6", file=sys.stderr)
