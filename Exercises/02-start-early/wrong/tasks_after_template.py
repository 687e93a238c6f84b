# Makes the queries tasks, but only after the template has loaded: still two seconds.
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
    template = await load_template()
    sales = asyncio.create_task(query_sales())
    stock = asyncio.create_task(query_stock())
    print(template.format(sales=await sales, stock=await stock))


asyncio.run(main())
