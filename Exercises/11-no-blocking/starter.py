"""Exercise: thumbnails without blocking the loop.

Four thumbnails are made "at once" with gather, but shrink() is a blocking library call (it
stands for an image library's resize): while it runs, the event loop can run nothing else, so
the thumbnails are made one after another in 1.2 s. Keep shrink() as it is and stop it from
blocking the loop, so the four take about 0.3 s together.
"""
import asyncio
import time

IMAGES = ["beach.jpg", "city.jpg", "forest.jpg", "snow.jpg"]


def shrink(name):
    time.sleep(0.3)  # a blocking library call
    return f"thumbnail: {name}"


async def make_thumbnail(name):
    return shrink(name)


async def main():
    for line in await asyncio.gather(*(make_thumbnail(name) for name in IMAGES)):
        print(line)


asyncio.run(main())
