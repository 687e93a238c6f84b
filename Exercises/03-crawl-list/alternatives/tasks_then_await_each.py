# Every fetch made a task first, then each awaited in PATHS' order: also correct.
import asyncio

PATHS = ["/", "/about", "/blog", "/contact", "/docs", "/pricing"]
SITE = {"/": (0.2, 512), "/about": (0.3, 256), "/blog": (0.3, 2048), "/contact": (0.5, 128),
        "/docs": (0.7, 4096), "/pricing": (0.7, 1024)}


async def fetch(path):
    seconds, size = SITE[path]
    await asyncio.sleep(seconds)  # the network
    return size


async def main():
    tasks = [asyncio.create_task(fetch(path)) for path in PATHS]
    total = 0
    for path, task in zip(PATHS, tasks):
        size = await task
        total += size
        print(f"{path}: {size} bytes")
    print(f"{len(tasks)} pages, {total} bytes")


asyncio.run(main())
