# Arguments the tracer must not render: a __repr__ that raises, one that is slow, a huge list.
import asyncio
import sys


class Touchy:
    def __repr__(self):
        raise RuntimeError("do not call my repr")

    def __str__(self):
        raise RuntimeError("do not call my str")


class Slow:
    calls = 0

    def __repr__(self):
        Slow.calls += 1
        return "slow"


class Odd(Exception):
    def __str__(self):
        raise RuntimeError("do not call my str either")


async def work(thing, items):
    await asyncio.sleep(0.001)
    return thing


async def fails():
    raise Odd()


async def main():
    big = list(range(20000))
    results = await asyncio.gather(work(Touchy(), big), work(Slow(), big), fails(), return_exceptions=True)
    print([type(result).__name__ for result in results], "repr calls:", Slow.calls)


asyncio.run(main())
print("tasks: 4", file=sys.stderr)
