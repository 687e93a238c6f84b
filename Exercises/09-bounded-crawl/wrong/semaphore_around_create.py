"""Wrong: a semaphore around create_task, thinking it bounds the tasks (it is released at once)."""
import asyncio

PAGES = [f"/page/{number}" for number in range(1, 13)]


async def fetch(page, limit):
    async with limit:
        await asyncio.sleep(0.5)  # the network
        return len(page)


async def main():
    limit = asyncio.Semaphore(3)
    tasks = []
    for page in PAGES:
        async with limit:
            tasks.append(asyncio.create_task(fetch(page, limit)))
    sizes = await asyncio.gather(*tasks)
    print(f"{len(sizes)} pages crawled, {sum(sizes)} bytes")


asyncio.run(main())
