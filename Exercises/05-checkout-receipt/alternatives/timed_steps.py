# Each step wrapped in the shop's own coroutine, which records how long it took, inside a
# TaskGroup: also correct. The receipt is cancelled inside timed(), and that counts.
import asyncio


class CardDeclined(Exception):
    pass


async def reserve_stock():
    await asyncio.sleep(0.5)
    print("stock reserved")


async def charge_card():
    await asyncio.sleep(1.0)
    raise CardDeclined("card declined")


async def send_receipt():
    await asyncio.sleep(2.0)
    print("receipt sent")


durations = {}


async def timed(step, work):
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        return await work
    finally:
        durations[step] = loop.time() - started


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(timed("stock", reserve_stock()))
            group.create_task(timed("charge", charge_card()))
            group.create_task(timed("receipt", send_receipt()))
    except* CardDeclined as declined:
        print(f"checkout failed: {declined.exceptions[0]}")
    await asyncio.sleep(1.5)  # the shop goes on serving other customers


asyncio.run(main())
