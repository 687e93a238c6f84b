# as_completed where the solution used wait: also correct.
import asyncio

MIRRORS = {"mirror-a": 1.2, "mirror-b": 0.4, "mirror-c": 0.9}


async def download(mirror):
    await asyncio.sleep(MIRRORS[mirror])
    return mirror


async def main():
    tasks = [asyncio.create_task(download(mirror)) for mirror in MIRRORS]
    for first in asyncio.as_completed(tasks):
        fastest = await first
        break
    slower = [task for task in tasks if not task.done()]
    for task in slower:
        task.cancel()
    await asyncio.gather(*slower, return_exceptions=True)
    print(f"fastest: {fastest}")
    print(f"stopped {len(slower)} slower downloads")


asyncio.run(main())
