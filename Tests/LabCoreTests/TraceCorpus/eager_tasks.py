# 3.12's eager task factory: children made in an eager task's first step still get their parent.
import asyncio
import sys


async def leaf(n):
    return n


async def branch(n):
    return sum(await asyncio.gather(leaf(n), leaf(n + 1)))


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    print(await asyncio.gather(branch(1), branch(10)))


asyncio.run(main())
print("tasks: 7", file=sys.stderr)
