# Prints exactly the right line with a bounded queue, but leaves the three packers waiting in
# get(): asyncio.run cancels them on its way out.
import asyncio


async def read_orders(orders):
    for number in range(1, 11):
        await asyncio.sleep(0.05)
        await orders.put(number)


async def packer(orders, packed):
    while True:
        order = await orders.get()
        await asyncio.sleep(0.3)
        packed.append(order)
        orders.task_done()


async def main():
    orders = asyncio.Queue(maxsize=3)
    packed = []
    workers = [asyncio.create_task(packer(orders, packed)) for _ in range(3)]
    await read_orders(orders)
    await orders.join()
    print(f"{len(packed)} orders packed")


asyncio.run(main())
