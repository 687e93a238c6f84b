# error-cancel: A fails after 1 s while B and C need 2 s.
# asyncio.gather hands A's error to the caller at 1 s but does NOT cancel
# B and C: they run on, orphaned. asyncio.TaskGroup (3.11+) cancels them.
import asyncio

from _gatherlab import caught, demo, letters, observed, orphans_settled, returned

params = demo("error-cancel", delays=[2, 2], fail_at=1.0, mode="taskgroup")


@observed
async def fail(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(f"{name} failed")


@observed
async def work(name, delay):
    await asyncio.sleep(delay)
    return name


def tasks():
    names = letters(len(params.delays) + 1)
    return [fail(names[0], params.fail_at)] + [work(name, delay) for name, delay in zip(names[1:], params.delays)]


async def with_gather():
    try:
        returned(await asyncio.gather(*tasks()))
    except ValueError as error:
        caught(error)
    await orphans_settled()  # B and C are still running: watch them finish


async def with_task_group():
    try:
        async with asyncio.TaskGroup() as group:
            running = [group.create_task(coroutine) for coroutine in tasks()]
        returned([task.result() for task in running])
    except* ValueError as errors:
        caught(errors.exceptions[0])  # B and C were cancelled before we got here


asyncio.run(with_gather() if params.mode == "gather" else with_task_group())
