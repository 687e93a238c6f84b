# Handles Ctrl-C itself: its finally and except KeyboardInterrupt run and print.
import asyncio
import sys


async def main():
    print("ready", flush=True)
    try:
        await asyncio.sleep(30)
    finally:
        print("main cleaned up", flush=True)


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("stopped by Ctrl-C", file=sys.stderr)
    print("tasks: 1", file=sys.stderr)
    sys.exit(130)
