# A thread per thumbnail, but joined on the loop's thread: join() blocks the loop until the
# thread is done, so the thumbnails are made one after another all the same.
import asyncio
import threading
import time

IMAGES = ["beach.jpg", "city.jpg", "forest.jpg", "snow.jpg"]


def shrink(name):
    time.sleep(0.3)  # a blocking library call
    return f"thumbnail: {name}"


async def make_thumbnail(name):
    made = []
    thread = threading.Thread(target=lambda: made.append(shrink(name)))
    thread.start()
    thread.join()
    return made[0]


async def main():
    for line in await asyncio.gather(*(make_thumbnail(name) for name in IMAGES)):
        print(line)


asyncio.run(main())
