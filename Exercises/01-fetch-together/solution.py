"""Solution: the three fetches run at once; gather gives the results back in argument order."""
import asyncio


async def fetch(panel, seconds):
    await asyncio.sleep(seconds)  # the network
    return f"{panel}: ok"


async def main():
    profile, orders, messages = await asyncio.gather(
        fetch("profile", 1.0),
        fetch("orders", 0.8),
        fetch("messages", 0.6),
    )
    for line in (profile, orders, messages):
        print(line)


asyncio.run(main())
