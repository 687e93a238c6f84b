# Wrong: the wrapper turns the cancellation into an ordinary None result, so the slower
# downloads end as finished, not cancelled. Right lines, on time.
import asyncio

MIRRORS = {"mirror-a": 1.2, "mirror-b": 0.4, "mirror-c": 0.9}


async def download(mirror):
    await asyncio.sleep(MIRRORS[mirror])  # the network
    return mirror


async def fetch(mirror):
    try:
        return await download(mirror)
    except asyncio.CancelledError:
        return None


async def main():
    tasks = [asyncio.create_task(fetch(mirror)) for mirror in MIRRORS]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)
    print(f"fastest: {done.pop().result()}")
    print(f"stopped {len(pending)} slower downloads")


asyncio.run(main())
