"""Also correct: the reader puts one None per packer; gather waits for reader and packers together."""
import asyncio


async def read_orders(orders):
    for number in range(1, 11):
        await asyncio.sleep(0.05)  # the order stream
        await orders.put(number)


async def packer(orders, packed):
    while (order := await orders.get()) is not None:
        await asyncio.sleep(0.3)  # packing
        packed.append(order)


async def main():
    orders = asyncio.Queue(maxsize=3)
    packed = []

    async def reader():
        await read_orders(orders)
        for _ in range(3):
            await orders.put(None)

    await asyncio.gather(reader(), *(packer(orders, packed) for _ in range(3)))
    print(f"{len(packed)} orders packed")


asyncio.run(main())
