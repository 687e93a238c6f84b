# A TaskGroup around the requests holds the audit tasks, and its block waits for them: also correct.
import asyncio


async def write_audit(entry):
    await asyncio.sleep(0.5)
    print(f"audit: {entry}")


async def handle(request, background):
    background.create_task(write_audit(request))
    await asyncio.sleep(0.1)
    print(f"200 {request}")


async def main():
    async with asyncio.TaskGroup() as background:
        for request in ["GET /home", "POST /cart", "GET /checkout"]:
            await handle(request, background)


asyncio.run(main())
