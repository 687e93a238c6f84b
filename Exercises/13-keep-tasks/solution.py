"""Solution: background tasks are kept in a set until done, and awaited before the end."""
import asyncio

background = set()


async def write_audit(entry):
    await asyncio.sleep(0.5)  # the audit log is slow
    print(f"audit: {entry}")


async def handle(request):
    task = asyncio.create_task(write_audit(request))
    background.add(task)
    task.add_done_callback(background.discard)
    await asyncio.sleep(0.1)  # the response
    print(f"200 {request}")


async def main():
    for request in ["GET /home", "POST /cart", "GET /checkout"]:
        await handle(request)
    await asyncio.gather(*background)


asyncio.run(main())
