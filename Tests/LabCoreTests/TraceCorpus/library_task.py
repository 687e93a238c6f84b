# A library that builds its tasks itself, as aiohttp 3.12+ does: asyncio.Task(coro, loop=...),
# and the older ensure_future.
import asyncio
import sys


async def handler(n):
    await asyncio.sleep(0.001 * n)
    return n * n


class Server:
    def __init__(self, loop):
        self.loop = loop
        self.tasks = []

    def dispatch(self, n):
        task = asyncio.Task(handler(n), loop=self.loop, name=f"request-{n}")
        self.tasks.append(task)
        return task


async def main():
    server = Server(asyncio.get_running_loop())
    for n in range(3):
        server.dispatch(n)
    legacy = asyncio.ensure_future(handler(5))
    print(await asyncio.gather(*server.tasks), await legacy)


asyncio.run(main())
print("tasks: 5", file=sys.stderr)
