# Answers on time, then starts the cancelled commit over: it is committed a second and a half late.
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
        await save_order(order_id)  # start the commit again


async def main():
    await handle_request(42)
    await asyncio.sleep(1.0)  # the server goes on serving


asyncio.run(main())
