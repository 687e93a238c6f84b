# Wrong: each download wrapped in fetch(), and the "slower" ones cancelled by their place in
# the list, not by what wait() left pending: mirror-b (done already) and mirror-c are
# cancelled, and mirror-a runs to its end.
import asyncio

MIRRORS = {"mirror-a": 1.2, "mirror-b": 0.4, "mirror-c": 0.9}


async def download(mirror):
    await asyncio.sleep(MIRRORS[mirror])  # the network
    return mirror


async def fetch(mirror):
    return await download(mirror)


async def main():
    tasks = [asyncio.create_task(fetch(mirror)) for mirror in MIRRORS]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in tasks[1:]:
        task.cancel()
    await asyncio.wait(pending)
    print(f"fastest: {done.pop().result()}")
    print(f"stopped {len(pending)} slower downloads")


asyncio.run(main())
