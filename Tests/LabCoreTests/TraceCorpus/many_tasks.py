# N tasks of a short sleep, gathered (N from the command line).
import asyncio
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000


async def work(i):
    await asyncio.sleep(0.01)
    return i


async def main():
    results = await asyncio.gather(*(work(i) for i in range(N)))
    print(len(results), sum(results))


asyncio.run(main())
print(f"tasks: {N + 1}", file=sys.stderr)
