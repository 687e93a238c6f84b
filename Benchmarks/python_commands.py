"""The Python side of DESIGN §8, for `make bench`: what `compare` adds to a demo beyond CPython's
own start-up, and `trace` of a program gathering 10 000 tasks that each sleep 10 ms against the
same program untraced, on the real clock and on virtual time (DESIGN §13: no more than the
untraced run); `trace --clock virtual` of sleeps of 1, 2 and 3 s (under 0.3 s) beside the real
clock's; `--schedules 20` of a 3 s program of 10 tasks (under 3 s) beside one real-time trace. Prints one JSON object per case (for raw.jsonl), then a short table on
stderr. Each figure is a median of REPEATS runs taken in turns with the figures it is compared to.

Usage: python_commands.py GATHERLAB PYTHON3 REPEATS
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

gatherlab, python, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
# What PYTHON3 runs, as the figures depend on it: pyenv's shim (a bash script that costs about as
# much as CPython's start-up) counts in the start-up and the untraced run, and gatherlab, which
# resolves the shim without running it, does not pay it. Run through the shim, this script's own
# PATH starts with the real interpreter's directory, so a bare `python3` names the binary.
resolved = shutil.which(python) or python
with open(resolved, "rb") as file:
    shim = b"libexec/pyenv" in file.read(1024)

SLEEPS = """
import asyncio

async def nap(seconds):
    await asyncio.sleep(seconds)

async def main():
    await asyncio.gather(nap(1), nap(2), nap(3))

asyncio.run(main())
"""

# 3 s of nominal time, 10 tasks: two waves of equal timers, finish order decided by ties.
TEN_TASKS = """
import asyncio

order = []

async def work(n):
    await asyncio.sleep(1.0 + n % 2)
    order.append(n)

async def main():
    await asyncio.gather(*(work(n) for n in range(10)))
    await asyncio.sleep(1.0)
    print(order)

asyncio.run(main())
"""

PROGRAM = """
import asyncio

async def work(n):
    await asyncio.sleep(0.01)
    return n

async def main():
    results = await asyncio.gather(*(work(n) for n in range(10_000)))
    print(len(results))

asyncio.run(main())
"""


def walls(*commands):
    """Each command's median wall time over `repeats` runs, in seconds. The commands take turns
    (round-robin), so a change in the machine's load falls on all of them alike."""
    times = [[] for _ in commands]
    for _ in range(repeats):
        for command, samples in zip(commands, times):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            samples.append(time.perf_counter() - start)
    return [statistics.median(samples) for samples in times]


environment = ["--python-bin", python]
startup, demo, compared = walls(
    [python, "-c", "import asyncio"],
    [gatherlab, "run", "ordering", "--json", "--speed", "10"],
    [gatherlab, "compare", "ordering", "--json", "--speed", "10"] + environment,
)
cases = [{
    "case": "python-compare", "demo_s": round(demo, 4), "compare_s": round(compared, 4),
    "added_s": round(compared - demo, 4), "python_startup_s": round(startup, 4),
    "within_bar": compared - demo <= startup + 0.03, "python": resolved, "pyenv_shim": shim,
}]

with tempfile.TemporaryDirectory() as directory:
    path = os.path.join(directory, "gather_10000.py")
    with open(path, "w") as file:
        file.write(PROGRAM)
    untraced, traced, plain, virtual = walls(
        [python, path],
        [gatherlab, "trace", path, "--json"] + environment,
        [gatherlab, "trace", path] + environment,
        [gatherlab, "trace", path, "--json", "--clock", "virtual"] + environment,
    )
    sleeps, ten = os.path.join(directory, "sleeps.py"), os.path.join(directory, "ten_tasks.py")
    for name, text in ((sleeps, SLEEPS), (ten, TEN_TASKS)):
        with open(name, "w") as file:
            file.write(text)
    sleeps_real, sleeps_virtual = walls(
        [gatherlab, "trace", sleeps, "--json"] + environment,
        [gatherlab, "trace", sleeps, "--json", "--clock", "virtual"] + environment,
    )
    # One real-time trace of the 3 s program; 20 of them would take 20 times as long.
    ten_real, schedules = walls(
        [gatherlab, "trace", ten, "--json"] + environment,
        ["sh", "-c", '"$@" >/dev/null; test $? -le 1', "sh", gatherlab, "trace", ten, "--schedules", "20"] + environment,
    )
cases.append({
    "case": "python-trace", "tasks": 10000, "untraced_s": round(untraced, 4), "traced_json_s": round(traced, 4),
    "traced_plain_s": round(plain, 4), "ratio": round(traced / untraced, 2), "within_bar": traced <= 2 * untraced,
})
cases.append({
    "case": "python-trace-virtual", "tasks": 10000, "untraced_real_s": round(untraced, 4),
    "traced_real_s": round(traced, 4), "traced_virtual_s": round(virtual, 4),
    "ratio_to_untraced": round(virtual / untraced, 2), "within_bar": virtual <= untraced,
})
cases.append({
    "case": "python-trace-sleeps", "sleeps_s": [1, 2, 3], "real_s": round(sleeps_real, 4),
    "virtual_s": round(sleeps_virtual, 4), "within_bar": sleeps_virtual < 0.3,
})
cases.append({
    "case": "python-schedules", "schedules": 20, "tasks": 10, "nominal_s": 3, "cores": os.cpu_count(),
    "virtual_s": round(schedules, 4), "one_real_trace_s": round(ten_real, 4),
    "twenty_real_traces_s": round(20 * ten_real, 2), "within_bar": schedules < 3,
})

for case in cases:
    print(json.dumps(case))
print(
    f"python3: {resolved}{' (pyenv shim)' if shim else ''}\n"
    f"compare ordering (speed 10): {compared * 1000:.0f} ms against run {demo * 1000:.0f} ms: "
    f"+{(compared - demo) * 1000:.0f} ms (CPython start-up {startup * 1000:.0f} ms)\n"
    f"trace, 10 000 tasks of 10 ms: {traced * 1000:.0f} ms (--json), {plain * 1000:.0f} ms (lines) "
    f"against {untraced * 1000:.0f} ms untraced: {traced / untraced:.2f}x (bar: 2x)\n"
    f"trace --clock virtual, the same: {virtual * 1000:.0f} ms against {untraced * 1000:.0f} ms untraced "
    f"on the real clock: {virtual / untraced:.2f}x (bar: 1x)\n"
    f"trace of sleeps of 1, 2 and 3 s: {sleeps_virtual * 1000:.0f} ms on virtual time (bar: 300 ms), "
    f"{sleeps_real * 1000:.0f} ms on the real clock\n"
    f"trace --schedules 20 of a 3 s, 10-task program: {schedules * 1000:.0f} ms on {os.cpu_count()} cores (bar: 3 s); "
    f"one real-time trace {ten_real * 1000:.0f} ms, so 20 would take {20 * ten_real:.1f} s",
    file=sys.stderr,
)
