# error-cancel: A fails after 1 s while B and C need 2 s.
# asyncio.gather hands A's error to the caller at 1 s but does NOT cancel
# B and C: they run on, orphaned. asyncio.TaskGroup (3.11+) cancels them.
import asyncio
import time

start = time.perf_counter()


def now():
    return f"{time.perf_counter() - start:.1f}s"


async def fail(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(f"{name} failed")


async def work(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{now()} {name} finished")
        return name
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled")
        raise


async def with_gather():
    try:
        await asyncio.gather(fail("A", 1), work("B", 2), work("C", 2))
    except ValueError as error:
        print(f"{now()} caller got: {error}")
    await asyncio.sleep(1.5)  # B and C are still running: watch them finish


async def with_task_group():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fail("A", 1))
            group.create_task(work("B", 2))
            group.create_task(work("C", 2))
    except* ValueError as errors:
        print(f"{now()} caller got: {errors.exceptions[0]}")


async def main():
    global start
    print("gather:")
    await with_gather()
    start = time.perf_counter()
    print("TaskGroup:")
    await with_task_group()


asyncio.run(main())
