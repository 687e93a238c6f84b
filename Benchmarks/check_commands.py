"""`gatherlab check` for `make bench` (issue 22, DESIGN §12-§13): a check of a typical exercise
(crawl-list's starter: 2.7 s nominal, 6 tasks one after another, one run on virtual time) under
0.5 s of wall time, CPython's start-up included; the solution with the exercise's `schedules: 20`
(the unperturbed run and seeds 1-20, two at a time on 2 cores) under 3 s; beside CPython's bare
start-up (`python3 -c pass`, `python3 -c 'import asyncio'`) and a check on the real clock.
Timed with hyperfine when it is installed (median of RUNS, after warm-up), else a loop of RUNS.
Prints one JSON object per case (for raw.jsonl), then a short table on stderr.

Usage: check_commands.py GATHERLAB PYTHON3 EXERCISES RUNS
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

gatherlab, python, exercises, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
starter = os.path.join(exercises, "03-crawl-list", "starter.py")
solution = os.path.join(exercises, "03-crawl-list", "solution.py")
home = tempfile.mkdtemp(prefix="gatherlab-bench-check-")
env = dict(os.environ, GATHERLAB_HOME=home, NO_COLOR="1")
python_bin = ["--python-bin", python]

# check exits 1 when a check fails (the starter's case): that is its answer, not an error.
commands = {
    "python3 -c pass": [python, "-c", "pass"],
    "python3 -c 'import asyncio'": [python, "-c", "import asyncio"],
    "check starter (1 run)": [gatherlab, "check", "crawl-list", starter] + python_bin,
    "check solution (21 runs)": [gatherlab, "check", "crawl-list", solution] + python_bin,
    "check starter --clock real": [gatherlab, "check", "crawl-list", starter, "--clock", "real"] + python_bin,
}


def hyperfine(name, command):
    """The median and min wall seconds of `command` by hyperfine."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        quoted = " ".join(shlex_quote(word) for word in command)
        subprocess.run(
            ["hyperfine", "-N", "-i", "--warmup", "2", "--runs", str(runs), "--export-json", out.name, quoted],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env,
        )
        result = json.load(open(out.name))["results"][0]
        return result["median"], result["min"]


def loop(name, command):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples)


def shlex_quote(word):
    import shlex

    return shlex.quote(word)


timer = hyperfine if shutil.which("hyperfine") else loop
figures = {}
for name, command in commands.items():
    # One untimed run first, so the check's own verdict is known to be the expected one.
    status = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).returncode
    expected = 1 if "starter" in name else 0
    if status != expected:
        print(f"check_commands.py: {name} exited {status}, expected {expected}", file=sys.stderr)
        sys.exit(1)
    figures[name] = timer(name, command)

load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"]
bare, asyncio_start = figures["python3 -c pass"][0], figures["python3 -c 'import asyncio'"][0]
one, schedules, real = figures["check starter (1 run)"][0], figures["check solution (21 runs)"][0], figures["check starter --clock real"][0]
cases = [
    {"case": "python-check", "exercise": "crawl-list", "program": "starter", "nominal_s": 2.7, "tasks": 6, "runs": 1,
     "median_s": round(one, 4), "min_s": round(figures["check starter (1 run)"][1], 4), "python_startup_s": round(bare, 4),
     "python_asyncio_startup_s": round(asyncio_start, 4), "within_bar": one < 0.5, "timer": timer.__name__, "load": " ".join(load)},
    {"case": "python-check-schedules", "exercise": "crawl-list", "program": "solution", "schedules": 20, "runs": 21,
     "cores": os.cpu_count(), "median_s": round(schedules, 4), "min_s": round(figures["check solution (21 runs)"][1], 4),
     "within_bar": schedules < 3, "timer": timer.__name__, "load": " ".join(load)},
    {"case": "python-check-real", "exercise": "crawl-list", "program": "starter", "median_s": round(real, 4)},
]
for case in cases:
    print(json.dumps(case))
print(
    f"check (timed by {timer.__name__}, {runs} runs, load {' '.join(load)}):\n"
    f"  CPython start-up: {bare * 1000:.0f} ms bare, {asyncio_start * 1000:.0f} ms with import asyncio\n"
    f"  check crawl-list starter (2.7 s nominal, 6 tasks, 1 run on virtual time): {one * 1000:.0f} ms (bar: 500 ms)"
    f" {'met' if one < 0.5 else 'NOT met'}\n"
    f"  check crawl-list solution (schedules: 20, 21 runs, {os.cpu_count()} cores): {schedules * 1000:.0f} ms (bar: 3000 ms)"
    f" {'met' if schedules < 3 else 'NOT met'}\n"
    f"  check crawl-list starter --clock real: {real * 1000:.0f} ms",
    file=sys.stderr,
)
shutil.rmtree(home, ignore_errors=True)
