# wait_for() around the whole job, which writes each part into a dict as it finishes: also
# correct, since the dict outlives the cancelled job.
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


async def build_report(report):
    report["users"] = await count_users()
    report["revenue"] = f"{await sum_orders():.2f}"
    report["charts"] = f"{len(await draw_charts())} drawn"


async def main():
    report = {}
    try:
        await asyncio.wait_for(build_report(report), timeout=1.0)
    except TimeoutError:
        pass
    print(f"users: {report.get('users', 'missing')}")
    print(f"revenue: {report.get('revenue', 'missing')}")
    print(f"charts: {report.get('charts', 'skipped at the deadline')}")


asyncio.run(main())
