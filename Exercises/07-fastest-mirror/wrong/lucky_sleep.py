"""Wrong: gives the mirrors the fastest one's time and stops the rest; right only while the timers fall right."""
import asyncio

MIRRORS = {"mirror-a": 1.2, "mirror-b": 0.4, "mirror-c": 0.9}


async def download(mirror):
    await asyncio.sleep(MIRRORS[mirror])  # the network
    return mirror


async def main():
    tasks = [asyncio.create_task(download(mirror)) for mirror in MIRRORS]
    await asyncio.sleep(0.41)  # the fastest mirror should be done by now
    finished = [task for task in tasks if task.done()]
    for task in tasks:
        if not task.done():
            task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(f"fastest: {finished[0].result() if finished else 'mirror-b'}")
    print(f"stopped {len(tasks) - len(finished)} slower downloads")


asyncio.run(main())
