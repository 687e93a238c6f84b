"""Also correct: a thread pool of its own, as wide as the batch, closed when the batch is done."""
import asyncio
import concurrent.futures
import time

IMAGES = ["beach.jpg", "city.jpg", "forest.jpg", "snow.jpg"]


def shrink(name):
    time.sleep(0.3)  # a blocking library call
    return f"thumbnail: {name}"


async def make_thumbnail(name, pool):
    return await asyncio.get_running_loop().run_in_executor(pool, shrink, name)


async def main():
    with concurrent.futures.ThreadPoolExecutor(len(IMAGES)) as pool:
        lines = await asyncio.gather(*(make_thumbnail(name, pool) for name in IMAGES))
    for line in lines:
        print(line)


asyncio.run(main())
