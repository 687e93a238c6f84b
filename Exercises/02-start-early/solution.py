"""Solution: tasks start at the next await, so the queries overlap the template."""
import asyncio


async def load_template():
    await asyncio.sleep(1.0)
    print("template ready")
    return "report: sales={sales} stock={stock}"


async def query_sales():
    await asyncio.sleep(1.0)
    return 120


async def query_stock():
    await asyncio.sleep(0.9)
    return 48


async def main():
    sales = asyncio.create_task(query_sales())
    stock = asyncio.create_task(query_stock())
    template = await load_template()
    print(template.format(sales=await sales, stock=await stock))


asyncio.run(main())
