# Prints every line, but each request waits for its own audit entry: the entries are no longer
# in the background, and the program does not need a single task for them.
import asyncio


async def write_audit(entry):
    await asyncio.sleep(0.5)
    print(f"audit: {entry}")


async def handle(request):
    await write_audit(request)
    await asyncio.sleep(0.1)
    print(f"200 {request}")


async def main():
    for request in ["GET /home", "POST /cart", "GET /checkout"]:
        await handle(request)


asyncio.run(main())
