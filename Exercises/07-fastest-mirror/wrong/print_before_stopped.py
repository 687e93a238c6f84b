"""Wrong: cancels the slower ones but prints before they have stopped; right lines."""
import asyncio

MIRRORS = {"mirror-a": 1.2, "mirror-b": 0.4, "mirror-c": 0.9}


async def download(mirror):
    await asyncio.sleep(MIRRORS[mirror])  # the network
    return mirror


async def main():
    tasks = [asyncio.create_task(download(mirror)) for mirror in MIRRORS]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    print(f"fastest: {done.pop().result()}")
    print(f"stopped {len(pending)} slower downloads")


asyncio.run(main())
