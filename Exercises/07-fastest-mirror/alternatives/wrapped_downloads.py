# Each download wrapped in the program's own fetch(), which logs what it got: also correct. The
# slower downloads are cancelled inside fetch(), and that counts.
import asyncio

MIRRORS = {"mirror-a": 1.2, "mirror-b": 0.4, "mirror-c": 0.9}
log = []


async def download(mirror):
    await asyncio.sleep(MIRRORS[mirror])  # the network
    return mirror


async def fetch(mirror):
    result = await download(mirror)
    log.append(f"{mirror}: ok")
    return result


async def main():
    tasks = [asyncio.create_task(fetch(mirror)) for mirror in MIRRORS]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    await asyncio.wait(pending)
    print(f"fastest: {done.pop().result()}")
    print(f"stopped {len(pending)} slower downloads")


asyncio.run(main())
