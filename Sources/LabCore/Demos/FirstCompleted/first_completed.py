# first-completed: wait returns at 1 s with B done and A, C pending.
# wait() cancels nothing, so the code cancels the rest itself.
import asyncio

from _gatherlab import demo, letters, observed, returned

params = demo("first-completed", delays=[3, 1, 2])


@observed
async def task(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    names = letters(len(params.delays))
    tasks = [asyncio.create_task(task(name, delay)) for name, delay in zip(names, params.delays)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    returned([f"{t.result()} done" for t in tasks if t in done], "wait returned")
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


asyncio.run(main())
