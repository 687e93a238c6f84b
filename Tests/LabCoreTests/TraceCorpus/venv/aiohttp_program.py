# An aiohttp server and client on localhost: aiohttp 3.12+ builds its handlers' tasks itself.
import asyncio
import sys

from aiohttp import ClientSession, web

handled = 0


async def hello(request):
    global handled
    handled += 1
    await asyncio.sleep(0.001)
    return web.Response(text="hello " + request.match_info["name"])


async def fetch(session, port, name):
    async with session.get(f"http://127.0.0.1:{port}/{name}") as response:
        return await response.text()


async def main():
    app = web.Application()
    app.add_routes([web.get("/{name}", hello)])
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    async with ClientSession() as session:
        print(await asyncio.gather(*(fetch(session, port, name) for name in ["ada", "grace", "barbara"])))
    await runner.cleanup()
    print("handled", handled)


asyncio.run(main())
print(f"handled {handled}", file=sys.stderr)
