# The wrapped APIs called with keyword arguments, as their signatures allow. The deadlines are
# 60 s, far past the 1 ms sleeps: at 1 s they were the one thing here a loaded machine could change.
import asyncio
import sys


async def work(n=1):
    await asyncio.sleep(0.001)
    return n


async def main():
    print(await asyncio.wait_for(fut=work(2), timeout=60))
    print(await asyncio.gather(work(3), return_exceptions=True))
    async with asyncio.timeout(delay=60):
        print(await asyncio.create_task(coro=work(4), name="named"))
    async with asyncio.timeout_at(when=asyncio.get_running_loop().time() + 60):
        async with asyncio.TaskGroup() as group:
            task = group.create_task(coro=work(5), name="in-group")
    print(task.result(), task.get_name())
    print(await asyncio.Task(coro=work(6), loop=asyncio.get_running_loop()))


asyncio.run(main())
# 3.11's wait_for wraps its coroutine in a task; 3.12's awaits it in the caller.
print(f"tasks: {6 if sys.version_info < (3, 12) else 5}", file=sys.stderr)
