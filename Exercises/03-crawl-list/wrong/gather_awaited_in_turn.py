# gather of coroutines awaited one by one in a loop: each gather holds one fetch, so they still run in turn.
import asyncio

PATHS = ["/", "/about", "/blog", "/contact", "/docs", "/pricing"]
SITE = {"/": (0.2, 512), "/about": (0.3, 256), "/blog": (0.3, 2048), "/contact": (0.5, 128),
        "/docs": (0.7, 4096), "/pricing": (0.7, 1024)}


async def fetch(path):
    seconds, size = SITE[path]
    await asyncio.sleep(seconds)  # the network
    return size


async def main():
    sizes = []
    for path in PATHS:
        (size,) = await asyncio.gather(fetch(path))
        sizes.append(size)
    for path, size in zip(PATHS, sizes):
        print(f"{path}: {size} bytes")
    print(f"{len(sizes)} pages, {sum(sizes)} bytes")


asyncio.run(main())
