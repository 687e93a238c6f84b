# Each task downloads and then saves, a lock keeping the disk to one file at a time: also correct.
import asyncio

FILES = {"a.csv": (0.2, 1200), "b.csv": (0.5, 3400), "c.csv": (0.5, 560), "d.csv": (0.8, 7800)}


async def download(name):
    seconds, size = FILES[name]
    await asyncio.sleep(seconds)
    return size


async def save(name, size):
    await asyncio.sleep(0.3)
    print(f"saved {name}: {size} bytes")


async def backup(name, disk):
    size = await download(name)
    async with disk:
        await save(name, size)


async def main():
    disk = asyncio.Lock()
    async with asyncio.TaskGroup() as group:
        for name in FILES:
            group.create_task(backup(name, disk))
    print(f"{len(FILES)} files saved")


asyncio.run(main())
