"""Exercise: tell a cancelled quote from a failed one.

Four shops are asked for a price at once; beta is down, and delta is so slow that the watchdog
cancels it after a second. The program settles every quote with return_exceptions=True, but it
takes delta's slot for a price and crashes. Print each shop's line for what its slot holds:

    alpha: 12.50
    beta: failed (ShopDown: beta is down)
    gamma: 11.00
    delta: cancelled
    best: gamma 11.00
"""
import asyncio

SHOPS = {"alpha": (0.3, 12.5), "beta": (0.5, None), "gamma": (0.7, 11.0), "delta": (3.0, 9.9)}


class ShopDown(Exception):
    pass


async def quote(shop):
    seconds, price = SHOPS[shop]
    await asyncio.sleep(seconds)
    if price is None:
        raise ShopDown(f"{shop} is down")
    return price


async def main():
    tasks = [asyncio.create_task(quote(shop)) for shop in SHOPS]
    asyncio.get_running_loop().call_later(1.0, tasks[3].cancel)  # the watchdog
    results = await asyncio.gather(*tasks, return_exceptions=True)
    prices = {}
    for shop, result in zip(SHOPS, results):
        if isinstance(result, Exception):
            print(f"{shop}: failed ({type(result).__name__}: {result})")
        else:
            print(f"{shop}: {result:.2f}")
            prices[shop] = result
    best = min(prices, key=prices.get)
    print(f"best: {best} {prices[best]:.2f}")


asyncio.run(main())
