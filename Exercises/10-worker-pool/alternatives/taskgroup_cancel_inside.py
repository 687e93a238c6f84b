"""Also correct: the packers in a TaskGroup, cancelled from inside once the queue is joined."""
import asyncio


async def read_orders(orders):
    for number in range(1, 11):
        await asyncio.sleep(0.05)  # the order stream
        await orders.put(number)


async def packer(orders, packed):
    while True:
        order = await orders.get()
        try:
            await asyncio.sleep(0.3)  # packing
            packed.append(order)
        finally:
            orders.task_done()


async def main():
    orders = asyncio.Queue(maxsize=3)
    packed = []
    async with asyncio.TaskGroup() as group:
        packers = [group.create_task(packer(orders, packed)) for _ in range(3)]
        await read_orders(orders)
        await orders.join()
        for task in packers:
            task.cancel()
    print(f"{len(packed)} orders packed")


asyncio.run(main())
