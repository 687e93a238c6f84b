# _gatherlab: the plumbing every twin shares, so each twin reads like the guide's examples.
#
# - `demo(id, **defaults)` reads `key=value` arguments and `--speed X` into parameters;
# - a time-scaled event loop: asyncio's clock runs `speed` times faster, so `asyncio.sleep(3)`
#   takes 0.3 s of real time at `--speed 10` while every reported time stays 3 s (time.sleep,
#   which blocks the thread, is scaled the same way); with GATHERLAB_CLOCK=virtual, the virtual
#   clock's loop instead (sleeps take no time; a thread's real time counts `speed` times);
# - `@observed` reports a task's start and end (a plain function's, run by asyncio.to_thread,
#   from its worker thread: it starts when a worker picks it up); `phase`, `waiting`,
#   `cancelling`, `returned`, `caught` and `deadline` report the rest, as the JSON Lines of
#   gatherlab's DESIGN §2 on stdout.
#
# Every line of a twin that uses these (the import, `params = demo(...)`, `@observed`, the
# reporting calls) is instrumentation: gatherlab's `code` shows the twin without it (DemoPython
# in LabCore), a program that runs as printed with plain python3.
import asyncio
import functools
import json
import os
import selectors
import sys
import time

_out = sys.stdout
_speed = 1.0
_header = None
_loop = None  # the running loop, for what worker threads report


def _emit(line):
    _out.write(json.dumps(line) + "\n")
    _out.flush()


def _now():
    try:
        return round(asyncio.get_running_loop().time(), 4)
    except RuntimeError:
        return 0.0


class Parameters:
    """The demo's parameters as attributes: `fail-at=1` is `params.fail_at`."""

    def __init__(self, values):
        self.__dict__.update({name.replace("-", "_"): value for name, value in values.items()})


def demo(id, **defaults):
    """Reads `key=value` arguments (typed like their defaults) and `--speed X`."""
    global _speed, _header
    values = {name.replace("_", "-"): value for name, value in defaults.items()}
    arguments = sys.argv[1:]
    while arguments:
        argument = arguments.pop(0)
        if argument == "--speed" and arguments:
            _speed = float(arguments.pop(0))
            continue
        name, _, text = argument.partition("=")
        default = values.get(name)
        if isinstance(default, list):
            values[name] = [float(item) for item in text.split(",") if item]
        elif isinstance(default, bool) or isinstance(default, str):
            values[name] = text
        elif isinstance(default, int):
            values[name] = int(text)
        else:
            values[name] = float(text)
    # As platform.python_implementation() and python_version() say, without importing platform.
    name = {"cpython": "CPython", "pypy": "PyPy"}.get(sys.implementation.name, sys.implementation.name)
    runtime = f"{name} {'.'.join(map(str, sys.version_info[:3]))}"
    _header = {"type": "demo", "demo": id, "speed": _speed, "params": values, "runtime": runtime}
    if _speed != 1:
        _blocking_sleep = time.sleep
        time.sleep = lambda seconds: _blocking_sleep(seconds / _speed)
    if os.environ.get("GATHERLAB_CLOCK") == "virtual":
        # Virtual time (gatherlab's _gatherlab_clock): the loop jumps to its next timer; what
        # really waits (a thread) counts `speed` nominal seconds per real second.
        import _gatherlab_clock

        _gatherlab_clock.set_rate(_speed)
        asyncio.set_event_loop_policy(_VirtualPolicy())
    else:
        asyncio.set_event_loop_policy(_ScaledPolicy())
    return Parameters(values)


def letters(count):
    """Task names A, B, C…"""
    return [chr(ord("A") + i) if i < 26 else f"T{i}" for i in range(count)]


# MARK: - Reporting


def observed(work=None, *, phase=None):
    """Reports the task named by the first argument: started, then finished, failed or cancelled.

    `@observed(phase="handled")` puts its rows beside the tasks, in a phase of their own (a
    consumer's steps, a producer): they hold no slot of the caller's results. A plain function
    is a job for a worker thread (asyncio.to_thread): it reports from there."""
    if work is None:
        return functools.partial(observed, phase=phase)
    if not asyncio.iscoroutinefunction(work):
        return _observed_job(work, phase)

    @functools.wraps(work)
    async def observing(name, *args, **kwargs):
        _event(name, "started", phase=phase)
        try:
            value = await work(name, *args, **kwargs)
        except asyncio.CancelledError:
            _event(name, "cancelled", phase=phase)
            raise
        except Exception as error:
            _event(name, "failed", error=str(error), phase=phase)
            raise
        _event(name, "finished", value=str(value), phase=phase)
        return value

    return observing


def _observed_job(work, phase):
    @functools.wraps(work)
    def observing(name, *args, **kwargs):
        _from_thread(name, "started", phase=phase)  # a worker thread has picked the job up
        try:
            value = work(name, *args, **kwargs)
        except Exception as error:
            _from_thread(name, "failed", error=str(error), phase=phase)
            raise
        _from_thread(name, "finished", value=str(value), phase=phase)
        return value

    return observing


def _from_thread(task, kind, value=None, error=None, phase=None):
    # Handed to the loop's thread, which stamps it with the loop's time (a virtual loop's clock
    # is only read there) before the job's result reaches it: the order stays the job's.
    if _loop is None:
        _event(task, kind, value, error, phase)
    else:
        _loop.call_soon_threadsafe(_event, task, kind, value, error, phase)


def _event(task, kind, value=None, error=None, phase=None):
    line = {"type": "event", "t": _now(), "task": task, "event": kind}
    if value is not None:
        line["value"] = value
    if error is not None:
        line["error"] = error
    if phase is not None:
        line["phase"] = phase
    _emit(line)


def cancelling(name):
    """The task received its cancellation and runs on: its cleanup, or more work if it swallows it."""
    _event(name, "cancelling")


def waiting(*names, phase=None):
    """The tasks exist but wait for their turn (a semaphore's permit, a place in a queue, a
    free thread)."""
    for name in names:
        _event(name, "waiting", phase=phase)


def finished(name, value, phase=None):
    """The row `name` is done with `value`, for work not wrapped in `@observed` (a producer)."""
    _event(name, "finished", value=str(value), phase=phase)


def phase(name, number):
    _emit({"type": "phase", "t": _now(), "name": name, "number": number})


def deadline(seconds):
    """A timeout of `seconds` from now has been set."""
    _emit({"type": "deadline", "t": round(_now() + seconds, 4)})


def returned(results, label="gather returned"):
    """The caller's await returned `results`; a list's slots are reported one by one too."""
    line = {"type": "join", "t": _now(), "label": label, "detail": repr(results), "outcome": "returned"}
    if isinstance(results, list):
        line["slots"] = [repr(result) for result in results]
    _emit(line)


def caught(error, label=None):
    """The caller's await raised `error` (a TimeoutError is a deadline that passed); `label` says
    what the timeline marks, when not the usual words."""
    if isinstance(error, TimeoutError):
        label, outcome, text = label or "deadline passed", "timedOut", "timed out"
    else:
        label, outcome, text = label or "error reached the caller", "threw", str(error)
    line = {"type": "join", "t": _now(), "label": label, "detail": text, "outcome": outcome, "error": text}
    line["exception"] = repr(error)  # what the plain program `code` shows prints (PlainPython)
    _emit(line)


async def orphans_settled():
    """Waits for the tasks nobody awaits any more, so the run shows them end (asyncio.run would
    cancel them)."""
    others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    await asyncio.gather(*others, return_exceptions=True)


# MARK: - The time-scaled event loop


class _ScaledSelector:
    """Waits 1/speed of the (nominal) timeout the loop asks for."""

    def __init__(self, selector):
        self._selector = selector

    def select(self, timeout=None):
        return self._selector.select(None if timeout is None else timeout / _speed)

    def __getattr__(self, name):
        return getattr(self._selector, name)


class _ScaledLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock reads nominal seconds since it started running: real time × speed."""

    def __init__(self):
        self._origin = time.monotonic()
        super().__init__(_ScaledSelector(selectors.DefaultSelector()))
        self.call_soon(self._start)

    def _start(self):
        # Runs just before the program's main coroutine: the twin is ready and its clock starts.
        global _header, _loop
        _loop = self
        self._origin = time.monotonic()
        if _header is not None:
            _emit(_header)
            _header = None

    def time(self):
        return (time.monotonic() - self._origin) * _speed


class _ScaledPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return _ScaledLoop()


class _VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        import _gatherlab_clock

        loop = _gatherlab_clock.VirtualLoop()
        loop.call_soon(_ready)
        return loop


def _ready():
    # Runs just before the program's main coroutine: the twin is ready.
    global _header, _loop
    _loop = asyncio.get_running_loop()
    if _header is not None:
        _emit(_header)
        _header = None
