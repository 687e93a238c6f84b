"""Prints exactly the right line, bounded and clean, but the three packers take turns behind one Lock: one packs at a time."""
import asyncio


async def read_orders(orders):
    for number in range(1, 11):
        await asyncio.sleep(0.05)  # the order stream
        await orders.put(number)


async def packer(orders, packed, bench):
    while (order := await orders.get()) is not None:
        async with bench:
            await asyncio.sleep(0.3)  # packing
        packed.append(order)


async def main():
    orders = asyncio.Queue(maxsize=3)
    packed = []
    bench = asyncio.Lock()
    async with asyncio.TaskGroup() as group:
        for _ in range(3):
            group.create_task(packer(orders, packed, bench))
        await read_orders(orders)
        for _ in range(3):
            await orders.put(None)
    print(f"{len(packed)} orders packed")


asyncio.run(main())
