# worker-pool: a producer puts 8 one-second jobs into a queue of at most 2;
# 2 workers take them out. The producer gets ahead, finds the queue full and
# waits for room (backpressure): its last job goes in at 2 s, and join()
# returns at 4 s, when every job has had its task_done().
import asyncio

from _gatherlab import demo, finished, letters, observed, returned, waiting

params = demo("worker-pool", jobs=8, workers=2, maxsize=2, delay=1.0)
names = letters(params.jobs)


@observed
async def job(name):
    await asyncio.sleep(params.delay)
    return name


async def worker(queue, results):
    while True:
        name = await queue.get()
        results[name] = await job(name)
        queue.task_done()


async def produce(queue):
    waited = False
    for name in names:
        if queue.full() and not waited:
            waiting("producer", phase="producer")  # put() will wait for room
            waited = True
        await queue.put(name)
        waiting(name)  # in the queue until a worker takes it
    finished("producer", f"{len(names)} jobs put", phase="producer")


async def main():
    queue = asyncio.Queue(maxsize=params.maxsize)
    results = {}
    workers = [asyncio.create_task(worker(queue, results))
               for _ in range(params.workers)]
    await produce(queue)
    await queue.join()  # every job put has had its task_done()
    returned([results[name] for name in names], "queue.join() returned")
    for task in workers:
        task.cancel()  # they would wait at get() forever
    await asyncio.gather(*workers, return_exceptions=True)


asyncio.run(main())
