"""Also correct: a thread of its own for each thumbnail, handing its result to the loop with
call_soon_threadsafe (the loop keeps real time while the threads are alive)."""
import asyncio
import threading
import time

IMAGES = ["beach.jpg", "city.jpg", "forest.jpg", "snow.jpg"]


def shrink(name):
    time.sleep(0.3)  # a blocking library call
    return f"thumbnail: {name}"


async def make_thumbnail(name):
    loop = asyncio.get_running_loop()
    made = loop.create_future()

    def work():
        thumbnail = shrink(name)
        loop.call_soon_threadsafe(made.set_result, thumbnail)

    threading.Thread(target=work).start()
    return await made


async def main():
    for line in await asyncio.gather(*(make_thumbnail(name) for name in IMAGES)):
        print(line)


asyncio.run(main())
