# wait(FIRST_COMPLETED) in a loop, the name kept as each task's name: also correct.
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
    pending = {asyncio.create_task(download(name), name=name) for name in FILES}
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            await save(task.get_name(), task.result())
    print(f"{len(FILES)} files saved")


asyncio.run(main())
