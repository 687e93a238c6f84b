# Prints exactly the right lines, one fetch after another.
import asyncio


async def fetch(panel, seconds):
    await asyncio.sleep(seconds)
    return f"{panel}: ok"


async def main():
    for panel, seconds in (("profile", 1.0), ("orders", 0.8), ("messages", 0.6)):
        print(await fetch(panel, seconds))


asyncio.run(main())
