# A task per page in a TaskGroup, printed in PATHS' order once the group is done: also correct.
import asyncio

PATHS = ["/", "/about", "/blog", "/contact", "/docs", "/pricing"]
SITE = {"/": (0.2, 512), "/about": (0.3, 256), "/blog": (0.3, 2048), "/contact": (0.5, 128),
        "/docs": (0.7, 4096), "/pricing": (0.7, 1024)}


async def fetch(path):
    seconds, size = SITE[path]
    await asyncio.sleep(seconds)  # the network
    return size


async def main():
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch(path)) for path in PATHS]
    sizes = [task.result() for task in tasks]
    for path, size in zip(PATHS, sizes):
        print(f"{path}: {size} bytes")
    print(f"{len(sizes)} pages, {sum(sizes)} bytes")


asyncio.run(main())
