"""Solution: as_completed() hands each download over as it finishes; the name travels with it."""
import asyncio

FILES = {"a.csv": (0.2, 1200), "b.csv": (0.5, 3400), "c.csv": (0.5, 560), "d.csv": (0.8, 7800)}


async def download(name):
    seconds, size = FILES[name]
    await asyncio.sleep(seconds)  # the network
    return name, size


async def save(name, size):
    await asyncio.sleep(0.3)  # the disk
    print(f"saved {name}: {size} bytes")


async def main():
    for next_done in asyncio.as_completed([download(name) for name in FILES]):
        name, size = await next_done
        await save(name, size)
    print(f"{len(FILES)} files saved")


asyncio.run(main())
