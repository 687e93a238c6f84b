# as_completed with each result put under its path, printed in PATHS' order at the end: also correct.
import asyncio

PATHS = ["/", "/about", "/blog", "/contact", "/docs", "/pricing"]
SITE = {"/": (0.2, 512), "/about": (0.3, 256), "/blog": (0.3, 2048), "/contact": (0.5, 128),
        "/docs": (0.7, 4096), "/pricing": (0.7, 1024)}


async def fetch(path):
    seconds, size = SITE[path]
    await asyncio.sleep(seconds)  # the network
    return size


async def fetch_named(path):
    return path, await fetch(path)


async def main():
    sizes = {}
    for next_done in asyncio.as_completed([fetch_named(path) for path in PATHS]):
        path, size = await next_done
        sizes[path] = size
    for path in PATHS:
        print(f"{path}: {sizes[path]} bytes")
    print(f"{len(sizes)} pages, {sum(sizes.values())} bytes")


asyncio.run(main())
