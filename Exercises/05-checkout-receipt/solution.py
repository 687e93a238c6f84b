"""Solution: a TaskGroup cancels the receipt as soon as the charge fails."""
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


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(reserve_stock())
            group.create_task(charge_card())
            group.create_task(send_receipt())
    except* CardDeclined as declined:
        print(f"checkout failed: {declined.exceptions[0]}")
    await asyncio.sleep(1.5)  # the shop goes on serving other customers


asyncio.run(main())
