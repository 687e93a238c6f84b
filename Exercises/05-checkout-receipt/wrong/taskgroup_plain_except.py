"""Wrong: a TaskGroup, but `except CardDeclined` does not catch the ExceptionGroup it raises: the program crashes."""
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
        async with asyncio.TaskGroup() as tg:
            tg.create_task(reserve_stock())
            tg.create_task(charge_card())
            tg.create_task(send_receipt())
    except CardDeclined as error:
        print(f"checkout failed: {error}")
    await asyncio.sleep(1.5)  # the shop goes on serving other customers


asyncio.run(main())
