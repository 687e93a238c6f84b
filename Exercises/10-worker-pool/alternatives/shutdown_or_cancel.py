# Python 3.13's Queue.shutdown() where there is one, else cancel the packers: also correct.
import asyncio


async def read_orders(orders):
    for number in range(1, 11):
        await asyncio.sleep(0.05)
        await orders.put(number)


async def packer(orders, packed):
    while True:
        try:
            order = await orders.get()
        except getattr(asyncio, "QueueShutDown", ()):  # 3.13+: the queue is shut and empty
            return
        await asyncio.sleep(0.3)
        packed.append(order)
        orders.task_done()


async def main():
    orders = asyncio.Queue(maxsize=3)
    packed = []
    async with asyncio.TaskGroup() as group:
        workers = [group.create_task(packer(orders, packed)) for _ in range(3)]
        await read_orders(orders)
        await orders.join()
        if hasattr(orders, "shutdown"):
            orders.shutdown()
        else:
            for worker in workers:
                worker.cancel()
    print(f"{len(packed)} orders packed")


asyncio.run(main())
