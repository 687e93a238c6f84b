# Child processes: two whose output is captured, and one writing to the inherited stdout.
import asyncio
import subprocess
import sys


async def child(text):
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", f"print({text!r})", stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    return out.decode().strip()


async def main():
    print(await asyncio.gather(child("one"), child("two")))
    print("before the inherited child", flush=True)
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", "print('from the child itself')")
    await process.wait()
    print("after it", flush=True)
    subprocess.run([sys.executable, "-c", "import sys; print('a blocking child on stderr', file=sys.stderr)"])


asyncio.run(main())
print("tasks: 3", file=sys.stderr)
