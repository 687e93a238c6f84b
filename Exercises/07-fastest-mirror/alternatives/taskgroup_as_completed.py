"""Also correct: the downloads in a TaskGroup; the first done, the others are cancelled, and the group waits for them."""
import asyncio

MIRRORS = {"mirror-a": 1.2, "mirror-b": 0.4, "mirror-c": 0.9}


async def download(mirror):
    await asyncio.sleep(MIRRORS[mirror])  # the network
    return mirror


async def main():
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(download(mirror)) for mirror in MIRRORS]
        for first in asyncio.as_completed(tasks):
            fastest = await first
            break
        for task in tasks:
            task.cancel()
    print(f"fastest: {fastest}")
    print(f"stopped {sum(task.cancelled() for task in tasks)} slower downloads")


asyncio.run(main())
