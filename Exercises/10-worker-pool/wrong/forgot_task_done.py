# A bounded queue, the packers cancelled and awaited, but no packer calls task_done(): the
# queue's count of unfinished orders never falls, so orders.join() waits for ever while the
# packers wait in get() for an order that never comes.
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


async def main():
    orders = asyncio.Queue(maxsize=3)
    packed = []
    workers = [asyncio.create_task(packer(orders, packed)) for _ in range(3)]
    await read_orders(orders)
    await orders.join()
    for worker in workers:
        worker.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(f"{len(packed)} orders packed")


asyncio.run(main())
