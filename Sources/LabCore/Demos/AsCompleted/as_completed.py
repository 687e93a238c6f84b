# as-completed: tasks of 3, 1 and 2 seconds; the consumer spends 0.5 s on
# each result. mode=finish handles each result as its task finishes
# (asyncio.as_completed): B at 1 s, C at 2 s, A at 3 s, all handled at 3.5 s.
# mode=gather waits for all of them, then handles A, B, C in order: 4.5 s.
import asyncio

from _gatherlab import demo, letters, observed, returned

params = demo("as-completed", delays=[3, 1, 2], handle=0.5, mode="finish")


@observed
async def task(name, delay):
    await asyncio.sleep(delay)
    return name


@observed(phase="handled")
async def handle(step, result):
    await asyncio.sleep(params.handle)  # what the consumer does with it
    return result


async def main():
    names = letters(len(params.delays))
    tasks = [asyncio.create_task(task(name, delay))
             for name, delay in zip(names, params.delays)]
    handled = []
    if params.mode == "finish":
        # Each await gives the next result to finish. (3.13+: `async for t in
        # asyncio.as_completed(tasks)` yields the tasks themselves, finished.)
        for next_done in asyncio.as_completed(tasks):
            result = await next_done
            handled.append(await handle(f"handle {result}", result))
    else:
        for result in await asyncio.gather(*tasks):
            handled.append(await handle(f"handle {result}", result))
    returned(handled, "all handled")


asyncio.run(main())
