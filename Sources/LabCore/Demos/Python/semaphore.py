# semaphore: 20 one-second tasks, at most 5 at a time: 4 waves, 4 seconds.
# The semaphore pattern creates all 20 tasks at once (15 wait); a sliding
# window only ever holds 5.
import asyncio
import time


async def work(n):
    await asyncio.sleep(1)
    return n


async def with_semaphore(inputs, limit):
    semaphore = asyncio.Semaphore(limit)

    async def bounded(n):
        async with semaphore:
            return await work(n)

    return await asyncio.gather(*(bounded(n) for n in inputs))


async def with_window(inputs, limit):
    results, running = {}, {}
    pending = iter(enumerate(inputs))
    for index, n in pending:
        running[asyncio.create_task(work(n))] = index
        if len(running) == limit:
            break
    while running:
        done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            results[running.pop(task)] = task.result()
            for index, n in pending:
                running[asyncio.create_task(work(n))] = index
                break
    return [results[i] for i in range(len(results))]


async def main():
    for strategy in (with_semaphore, with_window):
        start = time.perf_counter()
        results = await strategy(range(20), limit=5)
        elapsed = time.perf_counter() - start
        print(f"{strategy.__name__}: {len(results)} results in {elapsed:.1f}s")


asyncio.run(main())
