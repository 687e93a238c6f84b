"""Also correct: a deadline on each feed (wait_for), gathered with return_exceptions."""
import asyncio

FEEDS = {"alpha": (0.2, 101.0), "beta": (0.4, 99.5), "gamma": (0.6, 100.2), "delta": (0.8, 100.9), "epsilon": (2.5, 98.0)}


async def price(feed):
    seconds, value = FEEDS[feed]
    await asyncio.sleep(seconds)  # the feed
    return value


async def main():
    results = await asyncio.gather(*(asyncio.wait_for(price(feed), timeout=1.0) for feed in FEEDS), return_exceptions=True)
    prices = {}
    for feed, result in zip(FEEDS, results):
        if isinstance(result, TimeoutError):
            print(f"{feed}: timed out")
        else:
            prices[feed] = result
            print(f"{feed}: {result:.2f}")
    best = min(prices, key=prices.get)
    print(f"best: {best} {prices[best]:.2f}")


asyncio.run(main())
