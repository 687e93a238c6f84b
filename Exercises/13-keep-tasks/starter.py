"""Exercise: audit entries that outlive their request.

Each request starts a background task that writes its audit entry, and does not wait for it:
the response should not wait for the audit log. But nothing keeps those tasks, and when main()
returns asyncio.run cancels the ones still pending: no audit entry is ever written. Keep the
background tasks referenced until they are done, and let them finish before the program ends.
"""
import asyncio


async def write_audit(entry):
    await asyncio.sleep(0.5)  # the audit log is slow
    print(f"audit: {entry}")


async def handle(request):
    asyncio.create_task(write_audit(request))  # fire and forget
    await asyncio.sleep(0.1)  # the response
    print(f"200 {request}")


async def main():
    for request in ["GET /home", "POST /cart", "GET /checkout"]:
        await handle(request)


asyncio.run(main())
