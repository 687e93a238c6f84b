"""Exercise: start the queries before loading the template.

The report needs a template (1 s to load) and two database queries (1 s each). This program
makes the two queries first, "so they run in the background" while the template loads, but the
report still takes two seconds. Make the queries really run while the template loads: the
report should be ready in about one second.
"""
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
    sales = query_sales()  # started in the background... or is it?
    stock = query_stock()
    template = await load_template()
    sales_total, stock_total = await asyncio.gather(sales, stock)
    print(template.format(sales=sales_total, stock=stock_total))


asyncio.run(main())
