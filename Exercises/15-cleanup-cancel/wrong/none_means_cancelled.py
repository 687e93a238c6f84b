# Prints exactly the right lines, but still swallows the cancellation: the download returns
# None, and main() takes None to mean cancelled. The task itself ends as finished.
import asyncio

partial_files = set()


async def download(name, seconds):
    partial_files.add(name + ".part")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        partial_files.discard(name + ".part")
        print(f"removed {name}.part")
        return None
    partial_files.discard(name + ".part")
    return name


async def main():
    task = asyncio.create_task(download("report.pdf", 5.0))
    await asyncio.sleep(1.0)
    task.cancel()
    result = await task
    if result is None:
        print("download cancelled")
    else:
        print(f"download finished: {result}")
    print(f"partial files left: {len(partial_files)}")


asyncio.run(main())
