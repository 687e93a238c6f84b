# except ExceptionGroup instead of except*, and the results read task by task: also correct.
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
    tasks = {}
    try:
        async with asyncio.TaskGroup() as group:
            for name in IMAGES:
                tasks[name] = group.create_task(resize(name, headers))
    except ExceptionGroup as eg:
        errors = sorted(str(e) for e in eg.exceptions)
        for e in errors:
            print("failed:", e)
    ok, cancelled = [], []
    for name in sorted(tasks):
        t = tasks[name]
        if t.cancelled():
            cancelled.append(name)
        elif not t.exception():
            ok.append(t.result())
    print("resized:", ", ".join(ok))
    print("not resized:", ", ".join(cancelled))


asyncio.run(main())
