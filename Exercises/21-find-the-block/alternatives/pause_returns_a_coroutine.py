# pause() returns asyncio.sleep's coroutine without being async itself, and crawl awaits it: also correct.
import asyncio
import time

SITES = {"news.example": 0.3, "shop.example": 0.4, "blog.example": 0.2, "docs.example": 0.3}


class Politeness:
    """A pause between two requests to the same site, as its robots.txt asks."""

    def __init__(self, seconds):
        self.seconds = seconds

    def pause(self):
        return asyncio.sleep(self.seconds)


async def fetch(site, path):
    await asyncio.sleep(SITES[site])  # the network
    return f"https://{site}{path}"


async def crawl(site, politeness):
    pages = [await fetch(site, "/")]
    await politeness.pause()
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
