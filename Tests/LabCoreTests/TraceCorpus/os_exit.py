# Ends with os._exit: no atexit, no teardown. The gather's join still happened before it.
import asyncio
import os
import sys


async def work(n):
    await asyncio.sleep(0.001 * n)
    return n


async def main():
    print(await asyncio.gather(work(1), work(2)), flush=True)
    print("tasks: 3", file=sys.stderr, flush=True)
    os._exit(3)


asyncio.run(main())
