"""Exercise: crawl a list of pages at once.

The crawler fetches each page of the site one after another, which takes 2.7 seconds. Fetch
all six at the same time (the slowest takes 0.7 s) and print the same lines, in the order of
PATHS, and the same total.
"""
import asyncio

PATHS = ["/", "/about", "/blog", "/contact", "/docs", "/pricing"]
SITE = {"/": (0.2, 512), "/about": (0.3, 256), "/blog": (0.3, 2048), "/contact": (0.5, 128),
        "/docs": (0.7, 4096), "/pricing": (0.7, 1024)}


async def fetch(path):
    seconds, size = SITE[path]
    await asyncio.sleep(seconds)  # the network
    return size


async def main():
    sizes = [await fetch(path) for path in PATHS]
    for path, size in zip(PATHS, sizes):
        print(f"{path}: {size} bytes")
    print(f"{len(sizes)} pages, {sum(sizes)} bytes")


asyncio.run(main())
