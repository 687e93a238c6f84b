"""Also correct: the loop's default executor, through run_in_executor (what to_thread uses)."""
import asyncio
import time

IMAGES = ["beach.jpg", "city.jpg", "forest.jpg", "snow.jpg"]


def shrink(name):
    time.sleep(0.3)  # a blocking library call
    return f"thumbnail: {name}"


async def make_thumbnail(name):
    return await asyncio.get_running_loop().run_in_executor(None, shrink, name)


async def main():
    for line in await asyncio.gather(*(make_thumbnail(name) for name in IMAGES)):
        print(line)


asyncio.run(main())
