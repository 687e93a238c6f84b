# first-completed: wait returns at 1 s with B done and A, C pending.
# wait() cancels nothing, so the code cancels the rest itself.
import asyncio


async def task(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    tasks = [asyncio.create_task(task(name, delay))
             for name, delay in (("A", 3), ("B", 1), ("C", 2))]
    done, pending = await asyncio.wait(tasks,
                                       return_when=asyncio.FIRST_COMPLETED)
    print("done:", [t.result() for t in done])
    print("pending:", len(pending))
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


asyncio.run(main())
