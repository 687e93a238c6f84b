"""Exercise: the commit that must finish.

The client waits one second for its order to be saved; saving takes 1.5 s. When the timeout
fires the handler answers "still saving", which is right, but the timeout also cancels the
commit half-way, and the order is lost. Answer the client on time, let the commit finish, and
make sure it has finished before the program ends:

    response: still saving, check back later
    order 42 committed
"""
import asyncio


async def save_order(order_id):
    await asyncio.sleep(1.5)  # the database commit
    print(f"order {order_id} committed")


async def handle_request(order_id):
    try:
        async with asyncio.timeout(1.0):  # the client gives up after a second
            await save_order(order_id)
        print("response: saved")
    except TimeoutError:
        print("response: still saving, check back later")


async def main():
    await handle_request(42)
    await asyncio.sleep(1.0)  # the server goes on serving


asyncio.run(main())
