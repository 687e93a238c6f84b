# Catches the cancellation with every other error as BaseException: delta is reported as failed.
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
        if isinstance(result, BaseException):
            print(f"{shop}: failed ({type(result).__name__}: {result})")
        else:
            print(f"{shop}: {result:.2f}")
            prices[shop] = result
    best = min(prices, key=prices.get)
    print(f"best: {best} {prices[best]:.2f}")


asyncio.run(main())
