# An `await asyncio.sleep(0)` before the call lets the other thumbnails start, but each one then
# calls shrink() on the loop's thread all the same: four callbacks hold the loop 0.3 s each, and
# the four take 1.2 s.
import asyncio
import time

IMAGES = ["beach.jpg", "city.jpg", "forest.jpg", "snow.jpg"]


def shrink(name):
    time.sleep(0.3)  # a blocking library call
    return f"thumbnail: {name}"


async def make_thumbnail(name):
    await asyncio.sleep(0)
    return shrink(name)


async def main():
    for line in await asyncio.gather(*(make_thumbnail(name) for name in IMAGES)):
        print(line)


asyncio.run(main())
