# A one-second wait_for() around each step: every step is on time, the report is not (1.5 s),
# and it shows the charts the deadline should have skipped.
import asyncio


async def count_users():
    await asyncio.sleep(0.3)
    return 120


async def sum_orders():
    await asyncio.sleep(0.4)
    return 5120.5


async def draw_chart(name):
    await asyncio.sleep(0.8)
    return f"{name}.png"


async def draw_charts():
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(draw_chart(name)) for name in ("sales", "signups", "refunds")]
    return [task.result() for task in tasks]


async def main():
    report = {}
    try:
        report["users"] = await asyncio.wait_for(count_users(), timeout=1.0)
        report["revenue"] = f"{await asyncio.wait_for(sum_orders(), timeout=1.0):.2f}"
        report["charts"] = f"{len(await asyncio.wait_for(draw_charts(), timeout=1.0))} drawn"
    except TimeoutError:
        pass
    print(f"users: {report.get('users', 'missing')}")
    print(f"revenue: {report.get('revenue', 'missing')}")
    print(f"charts: {report.get('charts', 'skipped at the deadline')}")


asyncio.run(main())
