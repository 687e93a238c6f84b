"""Solution: the retry loop catches only the provider's failure; the cancellation goes through."""
import asyncio


class ProviderDown(Exception):
    pass


async def call_provider(name, seconds, up=True):
    await asyncio.sleep(seconds)  # the network
    if not up:
        raise ProviderDown(f"{name} refused the connection")
    return "ok"


async def check_payments():
    for attempt in range(5):
        try:
            return await call_provider("payments", 0.5, up=False)
        except ProviderDown:  # a failed call: wait a little and try again
            await asyncio.sleep(0.2)
    return "down after 5 attempts"


async def main():
    checks = {}
    try:
        async with asyncio.timeout(1.0):  # the page gives the services one second
            async with asyncio.TaskGroup() as group:
                checks["email"] = group.create_task(call_provider("email", 0.2))
                checks["shipping"] = group.create_task(call_provider("shipping", 0.4))
                checks["payments"] = group.create_task(check_payments())
    except TimeoutError:
        pass
    for name, task in checks.items():
        answered = task.done() and not task.cancelled()
        print(f"{name}: {task.result() if answered else 'no answer within 1 s'}")


asyncio.run(main())
