# ordering: A, B, C take 3, 1 and 2 seconds; they finish B, C, A,
# yet gather returns the results in argument order.
import asyncio

from _gatherlab import demo, letters, observed, returned

params = demo("ordering", delays=[3, 1, 2])


@observed
async def task(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    names = letters(len(params.delays))
    results = await asyncio.gather(*(task(name, delay) for name, delay in zip(names, params.delays)))
    returned(results)  # ['A', 'B', 'C']: argument order, not finish order


asyncio.run(main())
