"""Exercise: take the fastest mirror, stop the others.

The installer starts a download from each of three mirrors and uses the first that finishes.
The two slower downloads are left running: asyncio.run cancels them behind the program's back
when main() returns. Cancel them yourself and wait until they have stopped, then print:

    fastest: mirror-b
    stopped 2 slower downloads
"""
import asyncio

MIRRORS = {"mirror-a": 1.2, "mirror-b": 0.4, "mirror-c": 0.9}


async def download(mirror):
    await asyncio.sleep(MIRRORS[mirror])  # the network
    return mirror


async def main():
    tasks = [asyncio.create_task(download(mirror)) for mirror in MIRRORS]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"fastest: {done.pop().result()}")
    print(f"stopped {len(pending)} slower downloads")


asyncio.run(main())
