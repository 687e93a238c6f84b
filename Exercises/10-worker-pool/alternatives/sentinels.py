# A bounded queue, and one None per packer to tell it to stop: also correct.
import asyncio


async def read_orders(orders):
    for number in range(1, 11):
        await asyncio.sleep(0.05)
        await orders.put(number)


async def packer(orders, packed):
    while (order := await orders.get()) is not None:
        await asyncio.sleep(0.3)
        packed.append(order)


async def main():
    orders = asyncio.Queue(maxsize=3)
    packed = []
    async with asyncio.TaskGroup() as group:
        for _ in range(3):
            group.create_task(packer(orders, packed))
        await read_orders(orders)
        for _ in range(3):
            await orders.put(None)  # one stop sign per packer
    print(f"{len(packed)} orders packed")


asyncio.run(main())
