# as_completed kept, its results put in a dict and printed in CUSTOMERS' order: also correct.
import asyncio

CUSTOMERS = ["ada", "grace", "linus", "barbara"]
ORDERS = {"ada": (0.9, 3), "grace": (0.3, 7), "linus": (0.6, 2), "barbara": (0.45, 4)}


async def count_orders(name):
    seconds, count = ORDERS[name]
    await asyncio.sleep(seconds)  # the database
    return name, count


async def main():
    counts = {}
    for next_done in asyncio.as_completed([count_orders(name) for name in CUSTOMERS]):
        name, count = await next_done
        counts[name] = count
    for number, name in enumerate(CUSTOMERS, 1):
        print(f"{number}. {name}: {counts[name]} orders")


asyncio.run(main())
