"""Exercise: a report that keeps what finished by its deadline.

The morning report counts the users (0.3 s), then sums the orders (0.4 s), then draws three
charts at once (0.8 s). It has one second in all. The whole job runs under wait_for(), which at
the deadline cancels it and raises TimeoutError: the user count and the revenue, done long
before, are thrown away with the charts. Keep what finished in time, and print:

    users: 120
    revenue: 5120.50
    charts: skipped at the deadline
"""
import asyncio


async def count_users():
    await asyncio.sleep(0.3)  # the user database
    return 120


async def sum_orders():
    await asyncio.sleep(0.4)  # the order database
    return 5120.5


async def draw_chart(name):
    await asyncio.sleep(0.8)  # the chart renderer
    return f"{name}.png"


async def draw_charts():
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(draw_chart(name)) for name in ("sales", "signups", "refunds")]
    return [task.result() for task in tasks]


async def build_report():
    users = await count_users()
    revenue = await sum_orders()
    charts = await draw_charts()
    return {"users": users, "revenue": f"{revenue:.2f}", "charts": f"{len(charts)} drawn"}


async def main():
    try:
        report = await asyncio.wait_for(build_report(), timeout=1.0)
    except TimeoutError:
        report = {}
    print(f"users: {report.get('users', 'missing')}")
    print(f"revenue: {report.get('revenue', 'missing')}")
    print(f"charts: {report.get('charts', 'skipped at the deadline')}")


asyncio.run(main())
