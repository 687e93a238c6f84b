"""Also correct: asyncio.wait(FIRST_EXCEPTION), then the rest cancelled and awaited by hand."""
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
    tasks = [asyncio.create_task(c) for c in (reserve_stock(), charge_card(), send_receipt())]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        if isinstance(task.exception(), CardDeclined):
            print(f"checkout failed: {task.exception()}")
    await asyncio.sleep(1.5)  # the shop goes on serving other customers


asyncio.run(main())
