# Each status check wrapped in the page's own logged(), which notes a cancellation and re-raises
# it: also correct. The payments check is cancelled inside logged(), and that counts.
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
        except ProviderDown:
            await asyncio.sleep(0.2)
    return "down after 5 attempts"


log = []


async def logged(name, check):
    try:
        return await check
    except asyncio.CancelledError:
        log.append(f"{name}: cancelled")
        raise


async def main():
    checks = {}
    try:
        async with asyncio.timeout(1.0):
            async with asyncio.TaskGroup() as group:
                checks["email"] = group.create_task(logged("email", call_provider("email", 0.2)))
                checks["shipping"] = group.create_task(logged("shipping", call_provider("shipping", 0.4)))
                checks["payments"] = group.create_task(logged("payments", check_payments()))
    except TimeoutError:
        pass
    for name, task in checks.items():
        answered = task.done() and not task.cancelled()
        print(f"{name}: {task.result() if answered else 'no answer within 1 s'}")


asyncio.run(main())
