# semaphore: 20 one-second tasks, at most 5 at a time: 4 waves, 4 seconds.
# mode=semaphore (the guide's pattern) creates all 20 tasks at once, 15 of
# them waiting; mode=window, a sliding window, only ever holds 5.
# fail=N makes task [N] fail: gather hands the error over at once while the
# waves go on, orphaned; the window cancels the tasks it had started.
import asyncio

from _gatherlab import caught, demo, letters, observed, orphans_settled, returned, waiting

params = demo("semaphore", tasks=20, limit=5, delay=1.0, mode="semaphore", fail="none")
names = letters(params.tasks)


@observed
async def work(name):
    if params.fail != "none" and names.index(name) == int(params.fail):
        await asyncio.sleep(params.delay / 2)  # fails halfway, never at the same moment as a finish
        raise ValueError(f"{name} failed")
    await asyncio.sleep(params.delay)
    return name


async def with_semaphore(limit):
    semaphore = asyncio.Semaphore(limit)

    async def bounded(name):
        waiting(name)
        async with semaphore:
            return await work(name)

    return await asyncio.gather(*(bounded(name) for name in names))


async def with_window(limit):
    results, running = {}, {}
    pending = iter(names)
    try:
        for name in pending:
            running[asyncio.create_task(work(name))] = name
            if len(running) == limit:
                break
        while running:
            done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                results[running.pop(task)] = task.result()
                for name in pending:
                    running[asyncio.create_task(work(name))] = name
                    break
    finally:
        for task in running:
            task.cancel()
        # Wait until they have stopped, as a task group would, before the error goes on.
        await asyncio.gather(*running, return_exceptions=True)
    return [results[name] for name in names]


async def main():
    strategy = with_semaphore if params.mode == "semaphore" else with_window
    try:
        returned(await strategy(params.limit))
    except ValueError as error:
        caught(error)
    await orphans_settled()


asyncio.run(main())
