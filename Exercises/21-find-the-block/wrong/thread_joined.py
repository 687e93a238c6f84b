# The pause in a thread, joined on the loop's thread: the loop still waits 0.3 s for each.
import asyncio
import threading
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
    t = threading.Thread(target=politeness.pause)
    t.start()
    t.join()
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
