# A loop subclass, made by hand and run with run_until_complete, and a second plain new loop.
import asyncio
import sys


class CountingLoop(asyncio.SelectorEventLoop):
    created = 0

    def create_task(self, coro, **kwargs):
        CountingLoop.created += 1
        return super().create_task(coro, **kwargs)


async def work(n):
    await asyncio.sleep(0.001)
    return n


async def main():
    return sum(await asyncio.gather(work(1), work(2), work(3)))


loop = CountingLoop()
try:
    print("sum", loop.run_until_complete(main()))
finally:
    loop.close()
other = asyncio.new_event_loop()
try:
    print("again", other.run_until_complete(work(7)))
finally:
    other.close()
print("loop subclass made", CountingLoop.created, "tasks")
print("tasks: 5", file=sys.stderr)
