# An uncaught exception: the traceback python3 prints, with the TaskGroup's exception group.
import asyncio
import sys


async def child(n):
    await asyncio.sleep(0.001 * n)
    if n == 2:
        raise ValueError(f"bad item {n}")
    return n


async def main():
    print("tasks: 4", file=sys.stderr)
    async with asyncio.TaskGroup() as group:
        for n in range(3):
            group.create_task(child(n))


asyncio.run(main())
