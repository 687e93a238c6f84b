# Batches of three: never more than three tasks, but each batch waits for its slowest.
import asyncio

PAGES = [f"/page/{number}" for number in range(1, 13)]


async def fetch(page, seconds):
    await asyncio.sleep(seconds)
    return len(page)


async def main():
    sizes = []
    for start in range(0, len(PAGES), 3):
        batch = PAGES[start:start + 3]
        sizes += await asyncio.gather(*(fetch(page, 0.2 if page.endswith(("1", "2")) else 0.7) for page in batch))
    print(f"{len(sizes)} pages crawled, {sum(sizes)} bytes")


asyncio.run(main())
