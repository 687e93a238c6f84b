# blocking: three tasks of 1 second each.
# mode=sleep calls time.sleep, which blocks asyncio's only thread: the tasks
# run one after another (3 s). mode=await suspends instead (1 s). mode=thread
# hands the blocking call to a worker thread with asyncio.to_thread (1 s); the
# loop's default pool has min(32, os.cpu_count() + 4) of them, and more calls
# than that wait for one.
import asyncio
import time

from _gatherlab import demo, letters, observed, returned, waiting

params = demo("blocking", tasks=3, delay=1.0, mode="sleep")


@observed
async def task(name):
    if params.mode == "sleep":
        time.sleep(params.delay)  # blocks the event loop
    elif params.mode == "await":
        await asyncio.sleep(params.delay)
    else:
        await asyncio.to_thread(time.sleep, params.delay)
    return name


async def main():
    names = letters(params.tasks)
    for name in names:
        waiting(name)  # created now; each starts once the loop's one thread is free
    results = await asyncio.gather(*(task(name) for name in names))
    returned(results)


asyncio.run(main())
