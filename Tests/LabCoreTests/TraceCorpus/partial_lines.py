# Output written every way: partial lines, writelines, the binary buffer, the descriptor itself.
import asyncio
import os
import sys


async def progress(n):
    for i in range(n):
        print(".", end="", flush=True)
        await asyncio.sleep(0.002)
    print(" done")


async def main():
    print("progress: ", end="")
    await asyncio.gather(progress(3), progress(2))
    sys.stdout.writelines(["one\n", "two ", "three\n"])
    sys.stdout.flush()
    sys.stdout.buffer.write("bytes: café ☕\n".encode())
    sys.stdout.buffer.flush()
    os.write(1, b"straight to the descriptor\n")
    print("no newline at the end", end="")


asyncio.run(main())
print("tasks: 3", file=sys.stderr)
