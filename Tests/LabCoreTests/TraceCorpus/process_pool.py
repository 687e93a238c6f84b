# A process pool's workers print to the stdout they inherit; one worker keeps their order fixed.
import asyncio
import concurrent.futures
import sys


def crunch(n):
    print(f"worker crunching {n}", flush=True)
    return n * 2


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        results = []
        for n in range(3):
            results.append(await loop.run_in_executor(pool, crunch, n))
    print("results", results)


if __name__ == "__main__":
    asyncio.run(main())
    print("tasks: 1", file=sys.stderr)
