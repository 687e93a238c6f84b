# Fast and prints the right lines, but never runs a fetch concurrently: it skips the waiting.
import asyncio


async def main():
    for panel in ("profile", "orders", "messages"):
        print(f"{panel}: ok")


asyncio.run(main())
