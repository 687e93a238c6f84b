"""Solution: except* takes every error out of the group; the tasks keep their results."""
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
    tasks = {}
    try:
        async with asyncio.TaskGroup() as group:
            for name in IMAGES:
                tasks[name] = group.create_task(resize(name))
    except* CorruptImage as group:
        for error in sorted(group.exceptions, key=str):
            print(f"failed: {error}")
    resized = [name for name, task in tasks.items() if task.done() and not task.cancelled() and task.exception() is None]
    cancelled = [name for name, task in tasks.items() if task.cancelled()]
    print(f"resized: {', '.join(sorted(resized))}")
    print(f"not resized: {', '.join(sorted(cancelled))}")


asyncio.run(main())
