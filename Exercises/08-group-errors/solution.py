"""Solution: except* takes every error out of the group; the tasks keep their results."""
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
    tasks = {}
    headers = asyncio.create_task(check_headers())
    try:
        async with asyncio.TaskGroup() as group:
            for name in IMAGES:
                tasks[name] = group.create_task(resize(name, headers))
    except* CorruptImage as group:
        for error in sorted(group.exceptions, key=str):
            print(f"failed: {error}")
    resized = [name for name, task in tasks.items() if task.done() and not task.cancelled() and task.exception() is None]
    cancelled = [name for name, task in tasks.items() if task.cancelled()]
    print(f"resized: {', '.join(sorted(resized))}")
    print(f"not resized: {', '.join(sorted(cancelled))}")


asyncio.run(main())
