"""CPython's side of `make bench`: asyncio.gather and the guide's bounded_gather.

Run by Benchmarks/run, one process per case, so each case's peak memory is its own:

    python3 asyncio_bench.py gather N REPEATS      # ns per task, one figure per repeat
    python3 asyncio_bench.py bounded N LIMIT       # ns per task and peak RSS growth, one run

gather runs coroutines that return at once; bounded runs coroutines that suspend once (as one
awaiting I/O would), so that the semaphore's limit really makes the others wait.

Each prints one JSON object on one line. Peak memory is the growth of the process's peak
resident set (VmHWM in /proc/self/status) over what it was just before the gather, the same
measure the Swift cases use, so the figures compare like with like.
"""
import asyncio
import json
import sys
import time


def resident_kib(field):
    """VmHWM (peak) or VmRSS (now) of this process in KiB, from /proc; 0 where there is none."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


async def trivial(i):
    return i


async def yielding(i):
    """Suspends once, as a coroutine awaiting I/O would, so bounded_gather's limit really bites."""
    await asyncio.sleep(0)
    return i


async def gather_once(n):
    # Build the coroutines outside the timed region, as the Swift side builds its closures.
    coroutines = [trivial(i) for i in range(n)]
    start = time.perf_counter_ns()
    results = await asyncio.gather(*coroutines)
    elapsed = time.perf_counter_ns() - start
    assert results[-1] == n - 1
    return elapsed / n


async def bounded_gather(coros, limit=10):
    """The guide's pattern, as written there: a semaphore around every coroutine."""
    semaphore = asyncio.Semaphore(limit)

    async def bounded_coro(coro):
        async with semaphore:
            return await coro

    return await asyncio.gather(*[bounded_coro(coro) for coro in coros])


async def bounded_once(n, limit):
    baseline = resident_kib("VmRSS")
    start = time.perf_counter_ns()
    results = await bounded_gather([yielding(i) for i in range(n)], limit=limit)
    elapsed = time.perf_counter_ns() - start
    assert results[-1] == n - 1
    peak = resident_kib("VmHWM")
    return elapsed / n, max(peak - baseline, 0) / 1024


def main(argv):
    mode, n = argv[1], int(argv[2])
    if mode == "gather":
        repeats = int(argv[3])
        asyncio.run(gather_once(min(n, 1000)))  # warm up the interpreter and the event loop
        samples = [asyncio.run(gather_once(n)) for _ in range(repeats)]
        print(json.dumps({"case": "python_gather", "n": n, "ns_per_task": samples}))
    elif mode == "bounded":
        limit = int(argv[3])
        ns_per_task, peak_mb = asyncio.run(bounded_once(n, limit))
        print(json.dumps({"case": "python_bounded", "n": n, "limit": limit,
                          "ns_per_task": ns_per_task, "peak_mb": peak_mb}))
    else:
        sys.exit(f"unknown mode {mode!r}: use gather or bounded")


if __name__ == "__main__":
    main(sys.argv)
