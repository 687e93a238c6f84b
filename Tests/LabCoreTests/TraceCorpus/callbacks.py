# Callbacks that raise (call_soon, a task's done callback): asyncio's exception handler prints each
# with python3's traceback, which starts at asyncio's Handle._run, no tracer frame in it. A task's
# own method as a callback (get_name) is not one of its steps.
import asyncio
import sys


def boom(n):
    raise ValueError(f"callback {n}")


async def work():
    await asyncio.sleep(0.001)
    return 1


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(boom, 1)
    task = asyncio.create_task(work())
    task.add_done_callback(lambda done: boom(2))
    loop.call_soon(task.get_name)
    print(await task)
    await asyncio.sleep(0.005)


asyncio.run(main())
print("tasks: 2", file=sys.stderr)
