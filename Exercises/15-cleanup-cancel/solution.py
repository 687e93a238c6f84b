"""Solution: the cleanup runs in finally, and the cancellation goes on to the caller."""
import asyncio

partial_files = set()


async def download(name, seconds):
    partial_files.add(name + ".part")
    try:
        await asyncio.sleep(seconds)  # the network
        return name
    except asyncio.CancelledError:
        print(f"removed {name}.part")
        raise
    finally:
        partial_files.discard(name + ".part")


async def main():
    task = asyncio.create_task(download("report.pdf", 5.0))
    await asyncio.sleep(1.0)
    task.cancel()  # the user pressed Cancel
    try:
        result = await task
        print(f"download finished: {result}")
    except asyncio.CancelledError:
        print("download cancelled")
    print(f"partial files left: {len(partial_files)}")


asyncio.run(main())
