# asyncio.Task(...) called as it refuses: each TypeError in asyncio's own words, and the coroutine
# freed at once (its "never awaited" warning names the call's line).
import asyncio
import sys


async def f():
    return 1


async def main():
    for call in (
        lambda: asyncio.Task(f(), bogus=True),
        lambda: asyncio.Task(),
        lambda: asyncio.Task(f(), asyncio.get_running_loop()),
        lambda: asyncio.Task(coro=f(), extra=1),
    ):
        try:
            call()
        except TypeError as error:
            print("TypeError:", error)
    print(await asyncio.Task(f()))


asyncio.run(main())
print("tasks: 2", file=sys.stderr)
