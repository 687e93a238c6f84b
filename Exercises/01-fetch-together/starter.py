"""Exercise: fetch the dashboard's three panels at once.

The dashboard needs the profile, the orders and the messages. This program fetches them one
after another, so the page takes 2.4 seconds. Make the three fetches run at the same time (the
page should be ready in about one second) and print the same lines in the same order.
"""
import asyncio


async def fetch(panel, seconds):
    await asyncio.sleep(seconds)  # the network
    return f"{panel}: ok"


async def main():
    profile = await fetch("profile", 1.0)
    orders = await fetch("orders", 0.8)
    messages = await fetch("messages", 0.6)
    for line in (profile, orders, messages):
        print(line)


asyncio.run(main())
