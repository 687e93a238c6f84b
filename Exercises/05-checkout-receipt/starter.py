"""Exercise: no receipt for a declined card.

The checkout reserves the stock, charges the card and sends the receipt, all at once. When the
card is declined the program says so, but the receipt still goes out a second later. Make the
declined card cancel the receipt at once (the stock reservation has finished by then), and print
the same lines.
"""
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
        await asyncio.gather(reserve_stock(), charge_card(), send_receipt())
    except CardDeclined as error:
        print(f"checkout failed: {error}")
    await asyncio.sleep(1.5)  # the shop goes on serving other customers


asyncio.run(main())
