"""Exercise: save each file as it arrives.

The backup downloads four files at once, then saves them to its one disk, one file at a time
(0.3 s each). It gathers all four downloads before saving the first, so the disk sits idle until
the slowest download (0.8 s) is in, and the backup takes 2 s. Save each file as soon as its
download finishes, while the others are still downloading, and print (b.csv and c.csv take
equally long, so they may come in either order):

    saved a.csv: 1200 bytes
    saved b.csv: 3400 bytes
    saved c.csv: 560 bytes
    saved d.csv: 7800 bytes
    4 files saved
"""
import asyncio

FILES = {"a.csv": (0.2, 1200), "b.csv": (0.5, 3400), "c.csv": (0.5, 560), "d.csv": (0.8, 7800)}


async def download(name):
    seconds, size = FILES[name]
    await asyncio.sleep(seconds)  # the network
    return size


async def save(name, size):
    await asyncio.sleep(0.3)  # the disk
    print(f"saved {name}: {size} bytes")


async def main():
    sizes = await asyncio.gather(*(download(name) for name in FILES))
    for name, size in zip(FILES, sizes):
        await save(name, size)
    print(f"{len(FILES)} files saved")


asyncio.run(main())
