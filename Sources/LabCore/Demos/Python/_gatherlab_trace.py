# _gatherlab_trace: installed before a learner's program by `gatherlab trace`. It reports every
# asyncio task (created, started, finished / failed / cancelled), each gather, TaskGroup and
# timeout, and the program's printed lines, as JSON Lines on the FIFO named by
# GATHERLAB_TRACE_FIFO — never on the program's stdout. Writes are batched by a thread.
import asyncio
import collections
import itertools
import json
import os
import signal
import sys
import threading
import time
from asyncio import base_events
from json.encoder import encode_basestring_ascii as _quote  # json.dumps of a str, minus its dispatch

_start = time.monotonic()
_queue = collections.deque()
# gatherlab virtual time (issue 21, _gatherlab_clock.py): with GATHERLAB_CLOCK=virtual the
# tracer's clock is the event loop's virtual one, and the loop's clock line goes on the FIFO.
if os.environ.get("GATHERLAB_CLOCK") == "virtual":
    import _gatherlab_clock

    time, _start, _gatherlab_clock.report = _gatherlab_clock.tracer_time, 0.0, _queue.append
_fifo = os.open(os.environ.pop("GATHERLAB_TRACE_FIFO"), os.O_WRONLY)
_asyncio_dir = os.path.dirname(asyncio.__file__)
_task_ids = itertools.count(1)
_join_ids = itertools.count(1)
_tasks = {}  # task -> [id, label, parent, gather, group, created, fixed fields]: until it ends
_creating_group = None
_given_name = None  # the name= of the create_task call under way (3.11 sets it after creating)
_starting = []  # tasks created since the last _report_starts
# A Ctrl-C that reaches the program ends it quietly: gatherlab reports the interruption.
signal.signal(signal.SIGINT, signal.SIG_DFL)


def _now():
    return round(time.monotonic() - _start, 4)


_put = _queue.append


_writing = threading.Lock()


def _flush():
    with _writing:
        _write()


def _write():
    parts = []
    pop = _queue.popleft
    try:
        while True:
            parts.append(pop())
    except IndexError:
        pass
    if parts:
        data = ("\n".join(parts) + "\n").encode()
        try:
            while data:
                data = data[os.write(_fifo, data):]
        except OSError:
            _queue.clear()  # gatherlab has gone: nobody reads the trace any more


def _flusher():
    while True:
        time.sleep(0.02)
        _flush()


def _finish():
    sys.stdout.flush()
    _flush()
    os.close(_fifo)


threading.Thread(target=_flusher, name="gatherlab-trace", daemon=True).start()


def _describe(error):
    if isinstance(error, BaseExceptionGroup):
        inner = ", ".join(_describe(leaf) for leaf in error.exceptions)
        return f"{type(error).__name__}({inner})"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _short(text, width=40):
    return text if len(text) <= width else text[: width - 1] + "…"


_argument_names = {}  # code -> the names of its first three arguments, and whether it has more


def _label(coro, code):
    frame = getattr(coro, "cr_frame", None)
    if code is None or frame is None:
        return _short(repr(coro), 30)
    known = _argument_names.get(code)
    if known is None:
        names = [name for name in code.co_varnames[: code.co_argcount] if name != "self"]
        known = _argument_names[code] = (names[:3], len(names) > 3)
    names, more = known
    if not names:
        return code.co_name + "()"
    values = frame.f_locals
    shown = []
    for name in names:
        text = repr(values.get(name))
        shown.append(text if len(text) <= 20 else text[:19] + "…")
    if more:
        shown.append("…")
    return f"{code.co_name}({', '.join(shown)})"


def _current():
    try:
        task = asyncio.current_task()
    except RuntimeError:
        return None
    info = _tasks.get(task)
    return info[0] if info else None


def _json(value):
    return "null" if value is None else str(value)


def _event(info, kind, extra=""):
    # info[6] is the task's fixed fields, made once: events are most of what the tracer writes.
    _put(f'{{"type":"event","t":{time.monotonic() - _start:.4f}{info[6]},"event":"{kind}"{extra}}}')


# MARK: - Tasks, hooked where every task is made: the loop's create_task (which calls a task
# factory, the program's own or 3.12's eager one, when there is one).

_create_task = base_events.BaseEventLoop.create_task


def _traced_create_task(self, coro, *args, **kwargs):
    code = getattr(coro, "cr_code", None)
    if code is not None and code.co_filename.startswith(_asyncio_dir):
        return _create_task(self, coro, *args, **kwargs)  # asyncio.run's own shutdown work
    label = kwargs.get("name") or _given_name or _label(coro, code)
    parent = _current()
    created = time.monotonic() - _start
    task = _create_task(self, coro, *args, **kwargs)
    info = [next(_task_ids), label, parent, None, _creating_group, created, None]
    _tasks[task] = info
    if task.done():
        _report_start(task)  # an eager task that finished in its first step
        _report_end(task)
        return task
    if not _starting:
        # One callback per loop pass reports every task created in it as started: it runs in the
        # pass that runs their first steps.
        self.call_soon(_report_starts)
    _starting.append(task)
    task.add_done_callback(_report_end)
    return task


def _report_starts():
    tasks = _starting[:]
    _starting.clear()
    for task in tasks:
        _report_start(task)


def _report_start(task):
    info = _tasks.get(task)
    if info is None or info[5] is None:
        return
    created, info[5] = info[5], None
    info[6] = (
        f',"id":{info[0]},"task":{_quote(info[1])},"parent":{_json(info[2])}'
        f',"gather":{_json(info[3])},"group":{_json(info[4])}'
    )
    # Both lines in one: the writer joins what it takes with newlines.
    fields = info[6]
    _put(
        f'{{"type":"event","t":{created:.4f}{fields},"event":"waiting"}}\n'
        f'{{"type":"event","t":{time.monotonic() - _start:.4f}{fields},"event":"started"}}'
    )


def _report_end(task):
    info = _tasks.get(task)
    if info is None:
        return
    if info[5] is not None:
        _report_start(task)
    # Its last event: a program's ended tasks are not kept alive (nor walked by the collector).
    del _tasks[task]
    if task.cancelled():
        _event(info, "cancelled")
        return
    error = getattr(task, "_exception", None)
    if error is not None:
        _event(info, "failed", f',"error":{_quote(_short(_describe(error), 60))}')
    else:
        result = getattr(task, "_result", None)
        shown = result if isinstance(result, str) else repr(result)
        _event(info, "finished", f',"value":{_quote(_short(shown, 40))}')


base_events.BaseEventLoop.create_task = _traced_create_task


# MARK: - gather, TaskGroup, wait_for and timeout


def _join(kind, number, outcome, label, error=None, orphans=()):
    _put(json.dumps({
        "type": "join", "t": _now(), kind: number, "label": label, "outcome": outcome,
        "error": error, "orphans": list(orphans),
    }))


_gather = asyncio.gather


def _traced_gather(*aws, return_exceptions=False):
    future = _gather(*aws, return_exceptions=return_exceptions)
    number = next(_join_ids)
    children = [_tasks.get(child) for child in getattr(future, "_children", [])]
    for info in children:
        if info is not None:
            info[3] = number
    _put(json.dumps({
        "type": "gather", "t": _now(), "gather": number, "parent": _current(),
        "tasks": [info[0] for info in children if info is not None],
    }))

    def joined(future):
        if future.cancelled():
            _join("gather", number, "threw", "gather cancelled", "cancelled")
            return
        error = getattr(future, "_exception", None)
        if error is None:
            _join("gather", number, "returned", "gather returned")
        else:
            running = [child for child in getattr(future, "_children", []) if not child.done()]
            orphans = [_tasks[child][0] for child in running if child in _tasks]
            text = _short(_describe(error), 60)
            _join("gather", number, "threw", "gather raised " + text, text, orphans)

    future.add_done_callback(joined)
    return future


asyncio.gather = asyncio.tasks.gather = _traced_gather

_group_enter = asyncio.TaskGroup.__aenter__
_group_exit = asyncio.TaskGroup.__aexit__
_group_create_task = asyncio.TaskGroup.create_task


async def _traced_group_enter(self):
    self._gatherlab_id = next(_join_ids)
    _put(json.dumps({"type": "group", "t": _now(), "group": self._gatherlab_id, "parent": _current()}))
    return await _group_enter(self)


async def _traced_group_exit(self, *exc_info):
    number = getattr(self, "_gatherlab_id", None)
    try:
        result = await _group_exit(self, *exc_info)
    except BaseException as error:
        text = _short(_describe(error), 60)
        _join("group", number, "threw", "TaskGroup raised " + text, text)
        raise
    _join("group", number, "returned", "TaskGroup exited")
    return result


def _traced_group_create_task(self, coro, *args, name=None, **kwargs):
    global _creating_group, _given_name
    outer = _creating_group, _given_name
    _creating_group, _given_name = getattr(self, "_gatherlab_id", None), name
    try:
        return _group_create_task(self, coro, *args, name=name, **kwargs)
    finally:
        _creating_group, _given_name = outer


_asyncio_create_task = asyncio.create_task


def _traced_create_task_function(coro, *args, name=None, **kwargs):
    global _given_name
    outer, _given_name = _given_name, name
    try:
        return _asyncio_create_task(coro, *args, name=name, **kwargs)
    finally:
        _given_name = outer


asyncio.create_task = asyncio.tasks.create_task = _traced_create_task_function


asyncio.TaskGroup.__aenter__ = _traced_group_enter
asyncio.TaskGroup.__aexit__ = _traced_group_exit
asyncio.TaskGroup.create_task = _traced_group_create_task


def _deadline(seconds):
    if seconds is not None:
        _put(json.dumps({"type": "deadline", "t": round(_now() + seconds, 4)}))


_wait_for = asyncio.wait_for


async def _traced_wait_for(aw, timeout):
    _deadline(timeout)
    return await _wait_for(aw, timeout)


asyncio.wait_for = asyncio.tasks.wait_for = _traced_wait_for

if hasattr(asyncio, "timeout"):
    _timeout, _timeout_at = asyncio.timeout, asyncio.timeout_at

    def _traced_timeout(delay):
        _deadline(delay)
        return _timeout(delay)

    def _traced_timeout_at(when):
        if when is not None:
            _deadline(when - asyncio.get_running_loop().time())
        return _timeout_at(when)

    asyncio.timeout, asyncio.timeout_at = _traced_timeout, _traced_timeout_at


# MARK: - The program's output: each printed line, time-stamped, on the FIFO


class _Output:
    def __init__(self, stream):
        self._stream = stream
        self._partial = ""

    def write(self, text):
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        for line in lines:
            _put(json.dumps({"type": "output", "t": _now(), "text": line}))
        return len(text)

    def flush(self):
        if self._partial:
            _put(json.dumps({"type": "output", "t": _now(), "text": self._partial}))
            self._partial = ""

    def isatty(self):
        return False

    def __getattr__(self, name):
        return getattr(self._stream, name)


sys.stdout = _Output(sys.stdout)
# As platform.python_implementation() and python_version() say, without importing platform.
_runtime = {"cpython": "CPython", "pypy": "PyPy"}.get(sys.implementation.name, sys.implementation.name)
_put(json.dumps({"type": "trace", "t": 0.0, "runtime": f"{_runtime} {'.'.join(map(str, sys.version_info[:3]))}"}))
# MARK: - For exercise checks (DESIGN §12): which asyncio APIs the program used, the callbacks
# that held the loop, and reads from stdin. Lines: {"type":"uses","label":API} the first time each
# API is used; {"type":"blocked","t":start,"value":"seconds","id":task or null} for each callback
# that held the loop longer than 20 ms. Wrappers around what the tracer has already installed.

_used = set()


def _use(api):
    if api not in _used:
        _used.add(api)
        _put(json.dumps({"type": "uses", "t": _now(), "label": api}))


def _using(api, function):
    def wrapper(*args, **kwargs):
        _use(api)
        return function(*args, **kwargs)

    wrapper.__name__ = getattr(function, "__name__", api)
    wrapper.__doc__ = getattr(function, "__doc__", None)
    return wrapper


for _api in ("gather", "wait_for", "wait", "as_completed", "shield", "to_thread", "create_task", "timeout", "timeout_at"):
    if hasattr(asyncio, _api):
        _wrapped = _using(_api, getattr(asyncio, _api))
        setattr(asyncio, _api, _wrapped)
        if _api in ("gather", "wait_for", "wait", "as_completed", "shield", "create_task"):
            setattr(asyncio.tasks, _api, _wrapped)


def _using_class(cls, api, bounded=None):
    init = cls.__init__

    def __init__(self, *args, **kwargs):
        _use(api)
        if bounded is not None and bounded(*args, **kwargs):
            _use(api + "(maxsize)")
        init(self, *args, **kwargs)

    cls.__init__ = __init__


_using_class(asyncio.Semaphore, "Semaphore")
_using_class(asyncio.BoundedSemaphore, "BoundedSemaphore")
_using_class(asyncio.Queue, "Queue", lambda maxsize=0, *rest, **more: maxsize > 0)
_group_enter_for_uses = asyncio.TaskGroup.__aenter__


async def _group_enter_using(self):
    _use("TaskGroup")
    return await _group_enter_for_uses(self)


asyncio.TaskGroup.__aenter__ = _group_enter_using

_handle_run = asyncio.events.Handle._run


def _timed_handle_run(self):
    began = time.monotonic()
    try:
        return _handle_run(self)
    finally:
        took = time.monotonic() - began
        if took > 0.02:
            owner = getattr(self._callback, "__self__", None)
            info = _tasks.get(owner) if isinstance(owner, asyncio.Future) else None
            _put(f'{{"type":"blocked","t":{began - _start:.4f},"value":"{took:.4f}","id":{_json(info[0] if info else None)}}}')


asyncio.events.Handle._run = _timed_handle_run


class _Input:
    """stdin, noting the program's first read (exercise checks run with no input)."""

    def __init__(self, stream):
        self._stream = stream

    def _reading(self):
        _use("stdin")

    def read(self, *args):
        self._reading()
        return self._stream.read(*args)

    def readline(self, *args):
        self._reading()
        return self._stream.readline(*args)

    def readlines(self, *args):
        self._reading()
        return self._stream.readlines(*args)

    def __iter__(self):
        self._reading()
        return iter(self._stream)

    def __getattr__(self, name):
        return getattr(self._stream, name)


if sys.stdin is not None and not sys.stdin.isatty():
    sys.stdin = _Input(sys.stdin)


import atexit  # noqa: E402  handlers run last-registered first: the program's own run before this one

atexit.register(_finish)
