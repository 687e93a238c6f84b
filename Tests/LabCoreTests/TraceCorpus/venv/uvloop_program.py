# Under uvloop: its loop makes tasks in C (Cython), through asyncio.Task.
import asyncio
import sys

import uvloop


async def work(n):
    await asyncio.sleep(0.001 * n)
    return n


async def main():
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(work(n)) for n in range(3)]
    print([task.result() for task in tasks], await asyncio.gather(work(4), work(5)))


uvloop.run(main())
print("tasks: 6", file=sys.stderr)
