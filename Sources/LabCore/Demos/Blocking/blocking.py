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
    else:
        await asyncio.sleep(params.delay)
    return name


@observed
def job(name):  # mode=thread: runs on one of asyncio.to_thread's worker threads
    time.sleep(params.delay)
    return name


async def main():
    names = letters(params.tasks)
    waiting(*names)  # created now; each starts once a thread is free to run it
    if params.mode == "thread":
        results = await asyncio.gather(*(asyncio.to_thread(job, name) for name in names))
    else:
        results = await asyncio.gather(*(task(name) for name in names))
    returned(results)


asyncio.run(main())
