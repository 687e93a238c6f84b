# Handles Ctrl-C itself while it waits on a listening socket: real I/O, so on virtual time too it
# waits for real until the Ctrl-C comes (a sleep would end at once there).
import asyncio
import sys


async def main():
    server = await asyncio.start_server(lambda reader, writer: None, "127.0.0.1", 0)
    print("ready", end="", flush=True)
    try:
        async with server:
            await server.serve_forever()
    finally:
        print(", main cleaned up", flush=True)


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("stopped by Ctrl-C", file=sys.stderr)
    print("tasks: 1", file=sys.stderr)
    sys.exit(130)
