"""Wrong: one task at a time 'to be safe'; prints the right line."""
import asyncio

PAGES = [f"/page/{number}" for number in range(1, 13)]


async def fetch(page):
    await asyncio.sleep(0.5)  # the network
    return len(page)


async def main():
    sizes = []
    for page in PAGES:
        sizes.append(await asyncio.create_task(fetch(page)))
    print(f"{len(sizes)} pages crawled, {sum(sizes)} bytes")


asyncio.run(main())
