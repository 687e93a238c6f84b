# A task per customer in a dict, awaited with wait, printed in CUSTOMERS' order: also correct.
import asyncio

CUSTOMERS = ["ada", "grace", "linus", "barbara"]
ORDERS = {"ada": (0.9, 3), "grace": (0.3, 7), "linus": (0.6, 2), "barbara": (0.45, 4)}


async def count_orders(name):
    seconds, count = ORDERS[name]
    await asyncio.sleep(seconds)  # the database
    return name, count


async def main():
    tasks = {name: asyncio.create_task(count_orders(name)) for name in CUSTOMERS}
    await asyncio.wait(tasks.values())
    for number, name in enumerate(CUSTOMERS, start=1):
        print(f"{number}. {name}: {tasks[name].result()[1]} orders")


asyncio.run(main())
