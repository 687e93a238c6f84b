# One gather over the template and both queries: also correct.
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
    template, sales_total, stock_total = await asyncio.gather(load_template(), query_sales(), query_stock())
    print(template.format(sales=sales_total, stock=stock_total))


asyncio.run(main())
