# A queue of work items and three workers, as in the asyncio documentation's Queue example.
import asyncio
import sys


async def worker(name, queue, done):
    while True:
        delay = await queue.get()
        await asyncio.sleep(delay)
        done.append(name)
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    for i in range(12):
        queue.put_nowait(0.001 * (i % 4))
    done = []
    workers = [asyncio.create_task(worker(f"worker-{i}", queue, done)) for i in range(3)]
    await queue.join()
    for task in workers:
        task.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print(len(done), "items;", [type(result).__name__ for result in results])


asyncio.run(main())
print("tasks: 4", file=sys.stderr)
