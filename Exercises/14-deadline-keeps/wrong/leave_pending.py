"""Wrong: asyncio.wait with a timeout keeps the prices, but leaves epsilon running."""
import asyncio

FEEDS = {"alpha": (0.2, 101.0), "beta": (0.4, 99.5), "gamma": (0.6, 100.2), "delta": (0.8, 100.9), "epsilon": (2.5, 98.0)}


async def price(feed):
    seconds, value = FEEDS[feed]
    await asyncio.sleep(seconds)  # the feed
    return value


async def main():
    tasks = {feed: asyncio.create_task(price(feed)) for feed in FEEDS}
    done, pending = await asyncio.wait(tasks.values(), timeout=1.0)
    prices = {feed: task.result() for feed, task in tasks.items() if task in done}
    for feed in FEEDS:
        print(f"{feed}: {prices[feed]:.2f}" if feed in prices else f"{feed}: timed out")
    best = min(prices, key=prices.get)
    print(f"best: {best} {prices[best]:.2f}")


asyncio.run(main())
