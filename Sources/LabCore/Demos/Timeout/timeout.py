# timeout: a 5-second deadline over tasks of 1, 2 and 7 seconds.
# mode=all: wait_for over the whole gather. A and B finish, C is cancelled
# at the deadline, and their results are lost with the gather.
# mode=each: a deadline per task. The gather returns A's and B's results
# and a TimeoutError in C's slot.
import asyncio

from _gatherlab import caught, deadline, demo, letters, observed, returned

params = demo("timeout", delays=[1, 2, 7], timeout=5.0, mode="all")


@observed
async def task(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    names = letters(len(params.delays))
    deadline(params.timeout)
    if params.mode == "all":
        try:
            gathered = asyncio.gather(*(task(name, delay) for name, delay in zip(names, params.delays)))
            returned(await asyncio.wait_for(gathered, params.timeout))
        except TimeoutError as error:
            caught(error)
    else:
        results = await asyncio.gather(
            *(asyncio.wait_for(task(name, delay), params.timeout) for name, delay in zip(names, params.delays)),
            return_exceptions=True,
        )
        returned(results)


asyncio.run(main())
