"""Exercise: clean up when cancelled, then stay cancelled.

The user cancels a download after one second. The download removes its partial file, which is
right, but it swallows the cancellation and returns None, so main() thinks it finished. Keep the
cleanup, let the cancellation reach main(), and print:

    removed report.pdf.part
    download cancelled
    partial files left: 0
"""
import asyncio

partial_files = set()


async def download(name, seconds):
    partial_files.add(name + ".part")
    try:
        await asyncio.sleep(seconds)  # the network
    except asyncio.CancelledError:
        partial_files.discard(name + ".part")
        print(f"removed {name}.part")
        return None
    partial_files.discard(name + ".part")
    return name


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
