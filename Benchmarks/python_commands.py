"""The Python side of DESIGN §8, for `make bench`: what `compare` adds to a demo beyond CPython's
own start-up (`trace`'s figures are trace_bench.py's). Prints one JSON object per case (for
raw.jsonl), then a short table on stderr. Each figure is a median of REPEATS runs taken in turns
with the figures it is compared to.

Usage: python_commands.py GATHERLAB PYTHON3 REPEATS
"""
import json
import shutil
import statistics
import subprocess
import sys
import time

gatherlab, python, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
# What PYTHON3 runs, as the figures depend on it: pyenv's shim (a bash script that costs about as
# much as CPython's start-up) counts in the start-up and the untraced run, and gatherlab, which
# resolves the shim without running it, does not pay it. Run through the shim, this script's own
# PATH starts with the real interpreter's directory, so a bare `python3` names the binary.
resolved = shutil.which(python) or python
with open(resolved, "rb") as file:
    shim = b"libexec/pyenv" in file.read(1024)

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

for case in cases:
    print(json.dumps(case))
print(
    f"python3: {resolved}{' (pyenv shim)' if shim else ''}\n"
    f"compare ordering (speed 10): {compared * 1000:.0f} ms against run {demo * 1000:.0f} ms: "
    f"+{(compared - demo) * 1000:.0f} ms (CPython start-up {startup * 1000:.0f} ms)",
    file=sys.stderr,
)
