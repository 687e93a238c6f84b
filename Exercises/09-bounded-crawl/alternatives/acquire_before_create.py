# A semaphore acquired *before* each task is created: also only three at a time.
import asyncio

PAGES = [f"/page/{number}" for number in range(1, 13)]


async def fetch(page):
    await asyncio.sleep(0.5)
    return len(page)


async def main():
    limit = asyncio.Semaphore(3)
    tasks = []
    async with asyncio.TaskGroup() as group:
        for page in PAGES:
            await limit.acquire()
            task = group.create_task(fetch(page))
            task.add_done_callback(lambda _: limit.release())
            tasks.append(task)
    sizes = [task.result() for task in tasks]
    print(f"{len(sizes)} pages crawled, {sum(sizes)} bytes")


asyncio.run(main())
