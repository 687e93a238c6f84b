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

IMAGES = ["a.png", "b.png", "c.png", "cat.png", "dog.png", "huge.png"]
SECONDS = {"a.png": 0.1, "b.png": 0.2, "c.png": 0.3, "huge.png": 2.0}  # to resize each good image
CORRUPT = {"cat.png", "dog.png"}


class CorruptImage(Exception):
    pass


async def check_headers():
    """One pass over every file's header, half a second: it finds both corrupt images at once."""
    await asyncio.sleep(0.5)
    return CORRUPT


async def resize(name, headers):
    if name in CORRUPT:
        await headers  # fails when the header check ends, at the same moment as the other one
        raise CorruptImage(f"{name}: corrupt header")
    await asyncio.sleep(SECONDS[name])
    return name


async def main():
    headers = asyncio.create_task(check_headers())
    try:
        async with asyncio.TaskGroup() as group:
            tasks = {name: group.create_task(resize(name, headers)) for name in IMAGES}
    except CorruptImage as error:
        print(f"failed: {error}")
    resized = [task.result() for task in tasks.values()]
    print(f"resized: {', '.join(resized)}")


asyncio.run(main())
