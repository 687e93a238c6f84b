"""`trace`'s cost, for `make bench` (issues 20 and 21, DESIGN §10 and §13): a program gathering N
tasks that each sleep 10 ms, run plainly (`python3 prog.py`) and under `gatherlab trace` piped, in
a pseudo-terminal (the live view, 80x24) and on virtual time; a program sleeping 1, 2 and 3 s on
virtual time; `--schedules 20` of a 3 s program of 10 tasks; gatherlab's own CPU and peak memory
beside the program's (trace writes both to GATHERLAB_BENCH_RUSAGE), and its peak memory after 10
times as many ended tasks.

Each wall time is a median of REPEATS runs taken in turns with the ones it is compared to (a change
in the machine's load falls on all of them alike). Prints one JSON object per case on stdout (for
raw.jsonl), and a table on stderr.

Usage: trace_bench.py GATHERLAB PYTHON3 REPEATS
"""
import fcntl
import json
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

gatherlab, python, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
python_option = ["--python-bin", python]

GATHER = """
import asyncio

async def work(n):
    await asyncio.sleep(0.01)
    return n

async def main():
    results = await asyncio.gather(*(work(n) for n in range({n})))
    print(len(results))

asyncio.run(main())
"""

# Tasks that end in waves of 1 000, so that the ended ones pile up and the live ones do not.
WAVES = """
import asyncio

async def work(n):
    await asyncio.sleep(0)
    return n

async def main():
    for wave in range({n} // 1000):
        await asyncio.gather(*(work(n) for n in range(1000)))

asyncio.run(main())
"""

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


class Run:
    """One command's wall time, and gatherlab's own and the program's CPU and peak memory."""

    def __init__(self, wall, usage):
        self.wall = wall
        self.usage = usage

    def cpu(self, who):
        part = (self.usage or {}).get(who)
        return part["user_s"] + part["system_s"] if part else None

    def rss_mb(self, who):
        part = (self.usage or {}).get(who)
        return part["max_rss_kb"] / 1024 if part else None


def run(command, terminal=False, ok=(0,)):
    with tempfile.NamedTemporaryFile(suffix=".json") as usage_file:
        environment = dict(os.environ, GATHERLAB_BENCH_RUSAGE=usage_file.name)
        environment.pop("NO_COLOR", None)
        start = time.perf_counter()
        if terminal:
            status = in_terminal(command, dict(environment, TERM="xterm-256color"))
        else:
            status = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, env=environment).returncode
        wall = time.perf_counter() - start
        if status not in ok:
            sys.exit(f"trace_bench.py: {' '.join(command)} exited {status}")
        with open(usage_file.name) as file:
            text = file.read().strip()
        return Run(wall, json.loads(text) if text else None)


def in_terminal(command, environment):
    """Runs `command` on a pseudo-terminal of 80x24, reading (and dropping) all it draws."""
    controller, device = pty.openpty()
    fcntl.ioctl(device, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    child = subprocess.Popen(command, stdin=device, stdout=device, stderr=device, env=environment, start_new_session=True)
    os.close(device)
    try:
        while os.read(controller, 1 << 16):
            pass
    except OSError:
        pass  # EIO: every writer has closed the terminal
    os.close(controller)
    return child.wait()


def rounds(commands):
    """Each command run `repeats` times, in turns: their runs, by command."""
    runs = [[] for _ in commands]
    for _ in range(repeats):
        for (command, options), samples in zip(commands, runs):
            samples.append(run(command, **options))
    return runs


def median(values):
    values = [value for value in values if value is not None]
    return statistics.median(values) if values else None


def verdict(met):
    return "?" if met is None else "met" if met else "NOT met"


def seconds(value):
    return "?" if value is None else f"{value:.2f} s"


def megabytes(value):
    return "?" if value is None else f"{value:.0f} MB"


def rounded(value, places=3):
    return None if value is None else round(value, places)


def load():
    try:
        with open("/proc/loadavg") as file:
            return " ".join(file.read().split()[:3])
    except OSError:
        return "?"


load_before = load()
cases = []
lines = []
directory = tempfile.mkdtemp(prefix="gatherlab-trace-bench-")
import atexit, shutil  # noqa: E401,E402
atexit.register(shutil.rmtree, directory, True)


def program(name, text):
    path = os.path.join(directory, name)
    with open(path, "w") as file:
        file.write(text)
    return path


# The program untraced on the virtual loop (the clock module alone, from this checkout): what
# virtual time costs or saves without the tracer.
CLOCK_DIRECTORY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "LabCore", "Demos", "Python")
ON_VIRTUAL_TIME = (
    "import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); import _gatherlab_clock; sys.argv.pop(0); "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)

for count in (10_000, 100_000):
    path = program(f"gather_{count}.py", GATHER.replace("{n}", str(count)))
    trace = [gatherlab, "trace", path] + python_option
    untraced, untraced_virtual, piped, live, virtual = rounds([
        ([python, path], {}),
        ([python, "-c", ON_VIRTUAL_TIME, CLOCK_DIRECTORY, path], {}),
        (trace, {}),
        (trace, {"terminal": True}),
        (trace + ["--clock", "virtual"], {}),
    ])
    base = median(run.wall for run in untraced)
    base_virtual = median(run.wall for run in untraced_virtual)
    case = {
        "case": "trace", "tasks": count, "untraced_s": rounded(base),
        "untraced_virtual": {"wall_s": rounded(base_virtual), "ratio": rounded(base_virtual / base, 2)},
    }
    for name, runs in (("piped", piped), ("live", live), ("virtual", virtual)):
        wall = median(run.wall for run in runs)
        own, theirs = median(run.cpu("gatherlab") for run in runs), median(run.cpu("program") for run in runs)
        case[name] = {
            "wall_s": rounded(wall), "ratio": rounded(wall / base, 2),
            "gatherlab_cpu_s": rounded(own), "program_cpu_s": rounded(theirs),
            "gatherlab_peak_mb": rounded(median(run.rss_mb("gatherlab") for run in runs), 1),
            "program_peak_mb": rounded(median(run.rss_mb("program") for run in runs), 1),
        }
        if name == "virtual":
            case[name]["within_bar"] = wall <= base  # issue 21: no more than the untraced run
        else:
            case[name]["within_bar"] = wall <= 1.5 * base  # issue 20: at most 1.5x untraced
        case[name]["cpu_within_bar"] = None if own is None or theirs is None else own <= theirs
    cases.append(case)
    lines.append(
        f"untraced {format(count, ',').replace(',', ' '):>7} tasks of 10 ms on virtual time: {base_virtual:6.2f} s against "
        f"{base:5.2f} s on real time: {base_virtual / base:4.2f}x"
    )
    for name, bar in (("piped", "1.5x"), ("live", "1.5x"), ("virtual", "1x")):
        row = case[name]
        lines.append(
            f"trace {format(count, ',').replace(',', ' '):>7} tasks of 10 ms, {name:<7}: {row['wall_s']:6.2f} s against {base:5.2f} s untraced: "
            f"{row['ratio']:4.2f}x (bar {bar}: {verdict(row['within_bar'])}); gatherlab's CPU "
            f"{seconds(row['gatherlab_cpu_s'])}, the program's {seconds(row['program_cpu_s'])} "
            f"({verdict(row['cpu_within_bar'])}), gatherlab's peak {megabytes(row['gatherlab_peak_mb'])}"
        )

# Memory flat in the number of ended tasks: 10 000 and 100 000 tasks ending 1 000 at a time.
peaks = {}
for count in (10_000, 100_000):
    path = program(f"waves_{count}.py", WAVES.replace("{n}", str(count)))
    peaks[count] = run([gatherlab, "trace", path] + python_option).rss_mb("gatherlab")
flat = None if None in peaks.values() else peaks[100_000] <= peaks[10_000] * 1.25 + 5
cases.append({
    "case": "trace-memory", "live_at_most": 1000, "gatherlab_peak_mb_10000": rounded(peaks[10_000], 1),
    "gatherlab_peak_mb_100000": rounded(peaks[100_000], 1), "within_bar": flat,
})
lines.append(
    f"trace memory, tasks ending 1 000 at a time: gatherlab's peak {megabytes(peaks[10_000])} after 10 000, "
    f"{megabytes(peaks[100_000])} after 100 000 (flat: {verdict(flat)})"
)

sleeps, ten = program("sleeps.py", SLEEPS), program("ten_tasks.py", TEN_TASKS)
(virtual_sleeps,) = rounds([([gatherlab, "trace", sleeps, "--clock", "virtual"] + python_option, {})])
# --schedules exits 1 when the schedules behave differently (this program's do).
(schedules,) = rounds([([gatherlab, "trace", ten, "--schedules", "20"] + python_option, {"ok": (0, 1)})])
sleeps_s, schedules_s = median(run.wall for run in virtual_sleeps), median(run.wall for run in schedules)
cases.append({"case": "trace-sleeps-virtual", "sleeps_s": [1, 2, 3], "wall_s": rounded(sleeps_s), "within_bar": sleeps_s < 0.3})
cases.append({
    "case": "trace-schedules", "schedules": 20, "tasks": 10, "nominal_s": 3, "cores": os.cpu_count(),
    "wall_s": rounded(schedules_s), "within_bar": schedules_s < 3,
})
lines.append(f"trace --clock virtual of sleeps of 1, 2 and 3 s: {sleeps_s:.3f} s (bar 0.3 s: {'met' if sleeps_s < 0.3 else 'NOT met'})")
lines.append(
    f"trace --schedules 20 of a 3 s program of 10 tasks: {schedules_s:.2f} s on {os.cpu_count()} cores "
    f"(bar 3 s: {'met' if schedules_s < 3 else 'NOT met'})"
)

cases.append({"case": "trace-note", "load": f"{load_before} → {load()}", "repeats": repeats})
lines.append(f"load average {load_before} → {load()} on {os.cpu_count()} cores")
for case in cases:
    print(json.dumps(case))
print("\n".join(lines), file=sys.stderr)
