"""Wrong: bounded, cancels the packers but returns without waiting for them."""
import asyncio


async def read_orders(orders):
    for number in range(1, 11):
        await asyncio.sleep(0.05)  # the order stream
        await orders.put(number)


async def packer(orders, packed):
    while True:
        order = await orders.get()
        await asyncio.sleep(0.3)  # packing
        packed.append(order)
        orders.task_done()


async def main():
    orders = asyncio.Queue(maxsize=3)
    packed = []
    workers = [asyncio.create_task(packer(orders, packed)) for _ in range(3)]
    await read_orders(orders)
    await orders.join()
    for worker in workers:
        worker.cancel()
    print(f"{len(packed)} orders packed")


asyncio.run(main())
