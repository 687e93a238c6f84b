"""Also correct: three workers share one iterator, gathered."""
import asyncio

PAGES = [f"/page/{number}" for number in range(1, 13)]


async def crawler(pages, sizes):
    for page in pages:
        await asyncio.sleep(0.5)  # the network
        sizes.append(len(page))


async def main():
    pages = iter(PAGES)
    sizes = []
    await asyncio.gather(*(crawler(pages, sizes) for _ in range(3)))
    print(f"{len(sizes)} pages crawled, {sum(sizes)} bytes")


asyncio.run(main())
