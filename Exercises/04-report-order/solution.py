"""Solution: gather returns the results in argument order, whatever order they finish in."""
import asyncio

CUSTOMERS = ["ada", "grace", "linus", "barbara"]
ORDERS = {"ada": (0.9, 3), "grace": (0.3, 7), "linus": (0.6, 2), "barbara": (0.45, 4)}


async def count_orders(name):
    seconds, count = ORDERS[name]
    await asyncio.sleep(seconds)  # the database
    return name, count


async def main():
    results = await asyncio.gather(*(count_orders(name) for name in CUSTOMERS))
    for number, (name, count) in enumerate(results, start=1):
        print(f"{number}. {name}: {count} orders")


asyncio.run(main())
