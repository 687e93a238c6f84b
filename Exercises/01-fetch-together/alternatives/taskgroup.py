import asyncio


async def fetch(panel, seconds):
    await asyncio.sleep(seconds)
    return f"{panel}: ok"


async def main():
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch(panel, seconds)) for panel, seconds in (("profile", 1.0), ("orders", 0.8), ("messages", 0.6))]
    for task in tasks:
        print(task.result())


asyncio.run(main())
