"""Exercise: a deadline that keeps the prices already in.

The price board asks five feeds at once and gives them one second. epsilon takes 2.5 s, so the
deadline fires, and the board shows nothing, although four prices came in within 0.8 s. Keep
the prices that arrived before the deadline, and print:

    alpha: 101.00
    beta: 99.50
    gamma: 100.20
    delta: 100.90
    epsilon: timed out
    best: beta 99.50
"""
import asyncio

FEEDS = {"alpha": (0.2, 101.0), "beta": (0.4, 99.5), "gamma": (0.6, 100.2), "delta": (0.8, 100.9), "epsilon": (2.5, 98.0)}


async def price(feed):
    seconds, value = FEEDS[feed]
    await asyncio.sleep(seconds)  # the feed
    return value


async def main():
    try:
        prices = await asyncio.wait_for(asyncio.gather(*(price(feed) for feed in FEEDS)), timeout=1.0)
    except TimeoutError:
        print("no prices: the feeds timed out")
        return
    for feed, value in zip(FEEDS, prices):
        print(f"{feed}: {value:.2f}")


asyncio.run(main())
