# The cleanup in finally alone, with no except at all: also correct.
import asyncio

partial_files = set()


async def download(name, seconds):
    partial_files.add(name + ".part")
    completed = False
    try:
        await asyncio.sleep(seconds)
        completed = True
        return name
    finally:
        partial_files.discard(name + ".part")
        if not completed:
            print(f"removed {name}.part")


async def main():
    task = asyncio.create_task(download("report.pdf", 5.0))
    await asyncio.sleep(1.0)
    task.cancel()
    try:
        result = await task
        print(f"download finished: {result}")
    except asyncio.CancelledError:
        print("download cancelled")
    print(f"partial files left: {len(partial_files)}")


asyncio.run(main())
