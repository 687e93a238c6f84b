"""Exercise: a retry loop that lets the deadline through.

The status page checks three services at once and gives them one second together. Email and
shipping answer quickly; the payment provider is down, so every call fails after 0.5 s and
check_payments() retries it. The retry loop catches every failure, the cancellation included:
when the deadline cancels it at 1 s it just tries again, so the page waits 3.5 s for all five
attempts. Let the deadline stop the retries, and print:

    email: ok
    shipping: ok
    payments: no answer within 1 s
"""
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
        except:  # a failed call: wait a little and try again
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
