"""Solution: wait() with a timeout keeps what finished; the rest is cancelled and awaited."""
import asyncio

FEEDS = {"alpha": (0.2, 101.0), "beta": (0.4, 99.5), "gamma": (0.6, 100.2), "delta": (0.8, 100.9), "epsilon": (2.5, 98.0)}


async def price(feed):
    seconds, value = FEEDS[feed]
    await asyncio.sleep(seconds)  # the feed
    return value


async def main():
    tasks = {feed: asyncio.create_task(price(feed)) for feed in FEEDS}
    done, pending = await asyncio.wait(tasks.values(), timeout=1.0)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    prices = {}
    for feed, task in tasks.items():
        if task in done:
            prices[feed] = task.result()
            print(f"{feed}: {prices[feed]:.2f}")
        else:
            print(f"{feed}: timed out")
    best = min(prices, key=prices.get)
    print(f"best: {best} {prices[best]:.2f}")


asyncio.run(main())
