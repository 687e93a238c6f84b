# The style before asyncio.run: gather called before there is a loop (3.12+ warns "There is no
# current event loop" at the program's line, not at a tracer's), run_until_complete, and a loop
# closed with a task still pending: python3 frees it at exit and says "Task was destroyed but it
# is pending!" (the tracer does not keep it alive).
import asyncio
import sys


async def hello(n):
    await asyncio.sleep(0.001)
    return n


async def forever():
    await asyncio.sleep(3600)


both = asyncio.gather(hello(1), hello(2))
loop = asyncio.get_event_loop()
print(loop.run_until_complete(both))
print(loop.run_until_complete(hello(3)))
left = loop.create_task(forever())
loop.run_until_complete(asyncio.sleep(0.001))
loop.close()
print("closed with forever()", "pending" if not left.done() else "done")
print("tasks: 5", file=sys.stderr)
