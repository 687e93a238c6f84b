"""Exercise: find what holds the loop.

The crawler reads two pages from each of four sites at once, and it is polite: between two
requests to the same site it pauses 0.3 s. The slowest site needs 0.4 s a page, so the crawl
should take 1.1 s; it takes about 1.8 s. Something holds the event loop. Find it: run the file
with `asyncio.run(main(), debug=True)`, which logs the task that held the loop by its name, or
with `gatherlab trace`. Then fix it, and print the same lines:

    news.example: 2 pages
    shop.example: 2 pages
    blog.example: 2 pages
    docs.example: 2 pages
    crawled 8 pages
"""
import asyncio
import time

SITES = {"news.example": 0.3, "shop.example": 0.4, "blog.example": 0.2, "docs.example": 0.3}


class Politeness:
    """A pause between two requests to the same site, as its robots.txt asks."""

    def __init__(self, seconds):
        self.seconds = seconds

    def pause(self):
        time.sleep(self.seconds)


async def fetch(site, path):
    await asyncio.sleep(SITES[site])  # the network
    return f"https://{site}{path}"


async def crawl(site, politeness):
    pages = [await fetch(site, "/")]
    politeness.pause()
    pages.append(await fetch(site, "/sitemap.xml"))
    return pages


async def main():
    politeness = Politeness(0.3)
    async with asyncio.TaskGroup() as group:
        tasks = {site: group.create_task(crawl(site, politeness), name=f"crawl {site}") for site in SITES}
    for site, task in tasks.items():
        print(f"{site}: {len(task.result())} pages")
    print(f"crawled {sum(len(task.result()) for task in tasks.values())} pages")


asyncio.run(main())
