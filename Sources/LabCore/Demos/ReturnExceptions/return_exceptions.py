# return-exceptions: A fails at 1 s, B succeeds at 2 s. Nothing is cancelled;
# gather returns at 2 s with the error in A's slot and the value in B's.
import asyncio

from _gatherlab import demo, letters, observed, returned

params = demo("return-exceptions", delays=[2], fail_at=1.0)


@observed
async def fail(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(f"{name} failed")


@observed
async def work(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    names = letters(len(params.delays) + 1)
    results = await asyncio.gather(
        fail(names[0], params.fail_at),
        *(work(name, delay) for name, delay in zip(names[1:], params.delays)),
        return_exceptions=True,
    )
    returned(results)  # [ValueError('A failed'), 'B']


asyncio.run(main())
