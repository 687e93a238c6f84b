"""Solution: three workers share a queue of pages; only three tasks ever exist."""
import asyncio

PAGES = [f"/page/{number}" for number in range(1, 13)]


async def fetch(page):
    await asyncio.sleep(0.5)  # the network
    return len(page)


async def worker(pages, sizes):
    while not pages.empty():
        page = pages.get_nowait()
        sizes.append(await fetch(page))


async def main():
    pages = asyncio.Queue()
    for page in PAGES:
        pages.put_nowait(page)
    sizes = []
    async with asyncio.TaskGroup() as group:
        for _ in range(3):
            group.create_task(worker(pages, sizes))
    print(f"{len(sizes)} pages crawled, {sum(sizes)} bytes")


asyncio.run(main())
