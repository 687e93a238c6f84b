# The older style: a loop made by hand (asyncio.get_event_loop() warns on 3.12+ when there is
# none, at the program's own line), run_until_complete twice, and a task left pending when the
# loop is closed: python3 lets it go and says "Task was destroyed but it is pending!" when it is
# collected. The tracer must not keep it alive. (The handler prints the message alone: the task's
# repr says whether the collector closed its coroutine first, an order the tracer's own objects
# may change.)
import asyncio
import gc
import sys


async def background():
    await asyncio.sleep(10)


async def step(n):
    await asyncio.sleep(0.001)
    return n * 2


async def main():
    asyncio.ensure_future(background())
    print(await asyncio.gather(step(1), step(2)))


loop = asyncio.get_event_loop()
loop.set_exception_handler(lambda loop, context: print(context["message"], file=sys.stderr))
print(loop.run_until_complete(step(5)))
loop.run_until_complete(main())
loop.close()
gc.collect()
print("closed", loop.is_closed())
print("tasks: 5", file=sys.stderr)
