"""Also correct: a TaskGroup of feeds, each under asyncio.timeout, None for the late ones."""
import asyncio

FEEDS = {"alpha": (0.2, 101.0), "beta": (0.4, 99.5), "gamma": (0.6, 100.2), "delta": (0.8, 100.9), "epsilon": (2.5, 98.0)}


async def price(feed):
    seconds, value = FEEDS[feed]
    await asyncio.sleep(seconds)  # the feed
    return value


async def price_or_none(feed):
    try:
        async with asyncio.timeout(1.0):
            return await price(feed)
    except TimeoutError:
        return None


async def main():
    async with asyncio.TaskGroup() as group:
        tasks = {feed: group.create_task(price_or_none(feed)) for feed in FEEDS}
    prices = {feed: task.result() for feed, task in tasks.items() if task.result() is not None}
    for feed in FEEDS:
        print(f"{feed}: {prices[feed]:.2f}" if feed in prices else f"{feed}: timed out")
    best = min(prices, key=prices.get)
    print(f"best: {best} {prices[best]:.2f}")


asyncio.run(main())
