# wait, then each task's cancelled() and exception(): also correct.
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
    await asyncio.wait(tasks)
    prices = {}
    for shop, task in zip(SHOPS, tasks):
        if task.cancelled():
            print(f"{shop}: cancelled")
        elif task.exception():
            e = task.exception()
            print(f"{shop}: failed ({type(e).__name__}: {e})")
        else:
            prices[shop] = task.result()
            print(f"{shop}: {task.result():.2f}")
    best = min(prices, key=prices.get)
    print(f"best: {best} {prices[best]:.2f}")


asyncio.run(main())
