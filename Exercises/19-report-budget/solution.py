"""Solution: one timeout() block around the steps; what finished before the deadline stays."""
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


async def main():
    report = {}
    try:
        async with asyncio.timeout(1.0):
            report["users"] = await count_users()
            report["revenue"] = f"{await sum_orders():.2f}"
            report["charts"] = f"{len(await draw_charts())} drawn"
    except TimeoutError:
        pass
    print(f"users: {report.get('users', 'missing')}")
    print(f"revenue: {report.get('revenue', 'missing')}")
    print(f"charts: {report.get('charts', 'skipped at the deadline')}")


asyncio.run(main())
