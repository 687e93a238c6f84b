# A localhost echo server and three clients: the server's handler tasks are made by asyncio's
# streams (a callback of the loop), and are the program's.
import asyncio
import sys

handled = 0


async def handle(reader, writer):
    global handled
    handled += 1
    line = await reader.readline()
    writer.write(line.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, text):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(text.encode() + b"\n")
    await writer.drain()
    answer = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return answer.decode().strip()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        answers = await asyncio.gather(*(client(port, word) for word in ["ada", "grace", "barbara"]))
        print(answers)
    print("server closed")


asyncio.run(main())
print(f"tasks: {1 + 3 + handled}", file=sys.stderr)
