# Keeps every audit task in a set, but main() returns without waiting for them: asyncio.run
# cancels them on its way out, and no audit entry is written.
import asyncio

background = set()


async def write_audit(entry):
    await asyncio.sleep(0.5)
    print(f"audit: {entry}")


async def handle(request):
    task = asyncio.create_task(write_audit(request))
    background.add(task)
    task.add_done_callback(background.discard)
    await asyncio.sleep(0.1)
    print(f"200 {request}")


async def main():
    for request in ["GET /home", "POST /cart", "GET /checkout"]:
        await handle(request)


asyncio.run(main())
