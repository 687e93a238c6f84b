"""Exercise: three at a time, without making every task first.

The site allows three requests at a time. The semaphore keeps the fetches to three at once, but
a task is created for every page before any of them starts: with a sitemap of 100 000 pages that
is 100 000 tasks. Crawl with at most three tasks in existence (besides main), three fetching at
a time, and print the same last line.
"""
import asyncio

PAGES = [f"/page/{number}" for number in range(1, 13)]


async def fetch(page, limit):
    async with limit:
        await asyncio.sleep(0.5)  # the network
        return len(page)


async def main():
    limit = asyncio.Semaphore(3)
    sizes = await asyncio.gather(*(fetch(page, limit) for page in PAGES))
    print(f"{len(sizes)} pages crawled, {sum(sizes)} bytes")


asyncio.run(main())
