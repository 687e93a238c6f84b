# Awaitables of the program's own the tracer must not look into: one whose __getattr__ raises,
# awaited inside a task, and a Future subclass whose __hash__ and __eq__ raise. The tracer labels
# what a task waits on without calling either.
import asyncio
import sys


class Sneaky:
    def __await__(self):
        return (yield from asyncio.sleep(0.01).__await__())

    def __getattr__(self, name):
        raise RuntimeError(f"__getattr__({name}) called")


class Unhashable(asyncio.Future):
    def __hash__(self):
        raise RuntimeError("__hash__ called")

    def __eq__(self, other):
        raise RuntimeError("__eq__ called")


async def wait_sneaky():
    await Sneaky()
    return "sneaky ok"


async def wait_future():
    future = Unhashable()
    asyncio.get_running_loop().call_later(0.01, future.set_result, "future ok")
    return await future


async def main():
    print(await asyncio.gather(wait_sneaky(), wait_future()))


asyncio.run(main())
print("tasks: 3", file=sys.stderr)
