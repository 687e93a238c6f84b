"""Exercise: a packing line that stops cleanly.

Orders arrive one every 0.05 s; three packers take 0.3 s each. The queue has no bound, so the
order reader runs as far ahead of the packers as it likes (with a real order stream, memory
grows without end), and when the work is done the three packers are left waiting for orders
that never come: asyncio.run cancels them on its way out. Bound the queue to three orders, and
stop the packers yourself before main() returns. Print the same last line.
"""
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
    orders = asyncio.Queue()
    packed = []
    workers = [asyncio.create_task(packer(orders, packed)) for _ in range(3)]
    await read_orders(orders)
    await orders.join()
    print(f"{len(packed)} orders packed")


asyncio.run(main())
