# The queries as tasks of a TaskGroup, the template loaded inside it: also correct.
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
    async with asyncio.TaskGroup() as tg:
        s = tg.create_task(query_sales())
        st = tg.create_task(query_stock())
        template = await load_template()
    print(template.format(sales=s.result(), stock=st.result()))


asyncio.run(main())
