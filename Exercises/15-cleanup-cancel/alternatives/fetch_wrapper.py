# The task runs the program's own fetch_one(), which awaits download(): also correct. The
# download is cancelled inside fetch_one(), cleans up, and the cancellation goes on up.
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


async def fetch_one(name):
    return await download(name, 5.0)


async def main():
    task = asyncio.create_task(fetch_one("report.pdf"))
    await asyncio.sleep(1.0)
    task.cancel()  # the user pressed Cancel
    try:
        result = await task
        print(f"download finished: {result}")
    except asyncio.CancelledError:
        print("download cancelled")
    print(f"partial files left: {len(partial_files)}")


asyncio.run(main())
