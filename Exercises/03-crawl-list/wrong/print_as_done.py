"""Wrong: each page's line is printed as its fetch ends, so the lines come in the order the
fetches finish. On the unperturbed run that is the order of PATHS (the pages that take equally
long end in the order they started), but only by luck: two timers that tie may fire either way,
and on a real network they do. The schedules find a seed where /blog comes before /about."""
import asyncio

PATHS = ["/", "/about", "/blog", "/contact", "/docs", "/pricing"]
SITE = {"/": (0.2, 512), "/about": (0.3, 256), "/blog": (0.3, 2048), "/contact": (0.5, 128),
        "/docs": (0.7, 4096), "/pricing": (0.7, 1024)}


async def fetch(path):
    seconds, size = SITE[path]
    await asyncio.sleep(seconds)  # the network
    print(f"{path}: {size} bytes")
    return size


async def main():
    sizes = await asyncio.gather(*(fetch(path) for path in PATHS))
    print(f"{len(sizes)} pages, {sum(sizes)} bytes")


asyncio.run(main())
