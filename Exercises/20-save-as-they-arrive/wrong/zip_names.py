# as_completed, but each result is labelled with the next name in argument order: right only
# while the files finish in that order. b.csv and c.csv take equally long, and on a schedule
# where c.csv comes in first, b.csv is saved with c.csv's size.
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
    for name, next_done in zip(FILES, asyncio.as_completed([download(name) for name in FILES])):
        await save(name, await next_done)
    print(f"{len(FILES)} files saved")


asyncio.run(main())
