# Prints exactly the right lines, in finish order even, but only after every download is in.
import asyncio

FILES = {"a.csv": (0.2, 1200), "b.csv": (0.5, 3400), "c.csv": (0.5, 560), "d.csv": (0.8, 7800)}


async def download(name):
    seconds, size = FILES[name]
    await asyncio.sleep(seconds)
    return size


async def save(name, size):
    await asyncio.sleep(0.3)
    print(f"saved {name}: {size} bytes")


async def main():
    sizes = await asyncio.gather(*(download(name) for name in FILES))
    by_arrival = sorted(zip(FILES, sizes), key=lambda pair: FILES[pair[0]][0])
    for name, size in by_arrival:
        await save(name, size)
    print(f"{len(FILES)} files saved")


asyncio.run(main())
