# cleanup: tasks of 0.5, 2.5 and 3 s under a 1-second deadline.
# When it passes, asyncio.timeout() cancels the block, and the TaskGroup
# cancels each task still running: it closes its connection (0.5 s) and
# re-raises. The block ends once every task has ended, with TimeoutError.
# mode=swallow: task B catches its cancellation and carries on with its
# work. The group waits for it, and TimeoutError still comes, late: B
# swallowed its own cancellation, not the block's.
import asyncio

from _gatherlab import cancelling, caught, deadline, demo, letters, observed, returned

params = demo("cleanup", delays=[0.5, 2.5, 3], deadline=1.0, cleanup=0.5, mode="reraise", swallow=1)


@observed
async def work(name, delay, swallows):
    loop = asyncio.get_running_loop()
    end = loop.time() + delay
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError:
        cancelling(name)
        if swallows:
            # "Handled": it carries on, and the group waits for it.
            await asyncio.sleep(end - loop.time())
            return name
        await asyncio.sleep(params.cleanup)  # closing the connection
        raise


async def main():
    names = letters(len(params.delays))
    swallower = None
    if params.mode == "swallow" and params.swallow < len(names):
        swallower = names[params.swallow]
    deadline(params.deadline)
    try:
        async with asyncio.timeout(params.deadline):
            async with asyncio.TaskGroup() as group:
                tasks = [
                    group.create_task(work(name, delay, name == swallower))
                    for name, delay in zip(names, params.delays)
                ]
        returned([task.result() for task in tasks], "block ended")
    except TimeoutError as error:
        caught(error, "TimeoutError raised")


asyncio.run(main())
