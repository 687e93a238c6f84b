"""Exercise: keep the report in the customers' order.

Each customer's orders are counted at the same time, which is right, but the report lists them
in the order the counts *finished*, not in the order of CUSTOMERS. Keep the counts concurrent
and print the report in the order of CUSTOMERS.
"""
import asyncio

CUSTOMERS = ["ada", "grace", "linus", "barbara"]
ORDERS = {"ada": (0.9, 3), "grace": (0.3, 7), "linus": (0.6, 2), "barbara": (0.45, 4)}


async def count_orders(name):
    seconds, count = ORDERS[name]
    await asyncio.sleep(seconds)  # the database
    return name, count


async def main():
    lines = []
    for next_done in asyncio.as_completed([count_orders(name) for name in CUSTOMERS]):
        name, count = await next_done
        lines.append(f"{name}: {count} orders")
    for number, line in enumerate(lines, start=1):
        print(f"{number}. {line}")


asyncio.run(main())
