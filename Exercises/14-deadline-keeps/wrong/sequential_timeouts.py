"""Wrong: a deadline on each feed, one after another; prints exactly the right lines."""
import asyncio

FEEDS = {"alpha": (0.2, 101.0), "beta": (0.4, 99.5), "gamma": (0.6, 100.2), "delta": (0.8, 100.9), "epsilon": (2.5, 98.0)}


async def price(feed):
    seconds, value = FEEDS[feed]
    await asyncio.sleep(seconds)  # the feed
    return value


async def main():
    prices = {}
    for feed in FEEDS:
        try:
            prices[feed] = await asyncio.wait_for(price(feed), timeout=1.0)
            print(f"{feed}: {prices[feed]:.2f}")
        except TimeoutError:
            print(f"{feed}: timed out")
    best = min(prices, key=prices.get)
    print(f"best: {best} {prices[best]:.2f}")


asyncio.run(main())
