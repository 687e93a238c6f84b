# Wrong: each step wrapped in its own coroutine, and the receipt cancelled only after the
# shop's pause. Right lines; the receipt ran on for 0.9 s after the card was declined.
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


async def step(work):
    return await work


async def main():
    tasks = [asyncio.create_task(step(job())) for job in (reserve_stock, charge_card, send_receipt)]
    try:
        await asyncio.gather(*tasks)
    except CardDeclined as error:
        print(f"checkout failed: {error}")
    await asyncio.sleep(0.9)
    tasks[2].cancel()
    await asyncio.sleep(0.6)


asyncio.run(main())
