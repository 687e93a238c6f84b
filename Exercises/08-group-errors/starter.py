"""Exercise: every error, and every result, out of a TaskGroup.

Six images are resized at once in a TaskGroup. Two of them are corrupt and fail after half a
second; by then three are resized, and the group cancels the last one. This program crashes
instead of reporting that. Make it print, sorted by image name:

    failed: cat.png: corrupt header
    failed: dog.png: corrupt header
    resized: a.png, b.png, c.png
    not resized: huge.png
"""
import asyncio

IMAGES = {"a.png": 0.1, "b.png": 0.2, "c.png": 0.3, "cat.png": 0.5, "dog.png": 0.5, "huge.png": 2.0}
CORRUPT = {"cat.png", "dog.png"}


class CorruptImage(Exception):
    pass


async def resize(name):
    await asyncio.sleep(IMAGES[name])
    if name in CORRUPT:
        raise CorruptImage(f"{name}: corrupt header")
    return name


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            tasks = {name: group.create_task(resize(name)) for name in IMAGES}
    except CorruptImage as error:
        print(f"failed: {error}")
    resized = [task.result() for task in tasks.values()]
    print(f"resized: {', '.join(resized)}")


asyncio.run(main())
