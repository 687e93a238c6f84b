# _gatherlab_trace: installed before a learner's program by `gatherlab trace`. It reports every
# asyncio task (created, started, finished / failed / cancelled), each gather, TaskGroup and
# timeout, as JSON Lines on the FIFO named by GATHERLAB_TRACE_FIFO. The program keeps its own
# stdout and stderr (gatherlab reads them as they are written). Writes are batched by a thread.
#
# It never calls the program's code: labels describe arguments by their type unless they are
# small builtin values, and no wrapper stays on the stack of the program's code (tracebacks are
# the ones python3 prints).
import asyncio
import collections
import functools
import itertools
import os
import sys
import threading
import time
import traceback
from asyncio import events as _events
from asyncio import tasks as _tasks_module
try:  # json.dumps of a str, minus its dispatch (the C one: importing json costs 1.5 ms a run)
    from _json import encode_basestring_ascii as _quote
except ImportError:
    from json.encoder import encode_basestring_ascii as _quote

# The hot paths in C (_gatherlab_speedups, at the end of this file), when built for this Python.
_speedups = None
if os.environ.get("GATHERLAB_TRACE_PURE") != "1":
    try:
        import _gatherlab_speedups as _speedups
    except ImportError:
        pass
_pid = os.getpid()
_start = time.monotonic()
_wall = time.monotonic  # the real clock, on virtual time too
_queue = collections.deque()
# gatherlab virtual time (issue 21, _gatherlab_clock.py): with GATHERLAB_CLOCK=virtual the
# tracer's clock is the event loop's virtual one, and the loop's clock line goes on the FIFO.
_settle = None  # on virtual time: the clock moves on for a callback that blocked, before its end is read
_catch_up = None  # ... and for what the callback running now has blocked, before its output is stamped
if os.environ.get("GATHERLAB_CLOCK") == "virtual":
    import _gatherlab_clock

    time, _start, _gatherlab_clock.report = _gatherlab_clock.tracer_time, 0.0, _queue.append
    _settle, _catch_up = _gatherlab_clock.settle, _gatherlab_clock.catch_up

    def _clock_changed(reader):
        global _monotonic
        _monotonic = reader

    _gatherlab_clock.clock_changed = _clock_changed
    _gatherlab_clock.tracer_threads = 1  # its writer (below) cannot wake a loop
_fifo = os.open(os.environ.pop("GATHERLAB_TRACE_FIFO"), os.O_WRONLY)
try:
    # A FIFO of a megabyte, not 64 KiB: a program ending in a burst of task ends (thousands at
    # once) has its last batch taken at once, and its interpreter's shutdown runs while gatherlab
    # reads the batch, instead of after.
    __import__("fcntl").fcntl(_fifo, 1031, 1 << 20)  # F_SETPIPE_SZ (Linux)
except (OSError, ImportError):
    pass  # another system, or over the user's limit of pipe memory: 64 KiB it is
_asyncio_dir = os.path.dirname(asyncio.__file__) + os.sep
_here = __file__
_task_ids = itertools.count(1)
_join_ids = itertools.count(1)
_creating_group = None
_creating_gather = None  # the program's gather call under way: its tasks (ids) as they are made
_given_name = None  # the name= of the create_task call under way (3.11 sets it after creating)
_context = __import__("contextvars").Context()  # the tracer's callbacks run in it (no copy per task)
_monotonic = time.monotonic
_get_running_loop = _events._get_running_loop
_current_task = _tasks_module.current_task


def _now():
    return round(_monotonic() - _start, 4)


_put = _queue.append
_call = __import__("operator").call
_writing = threading.Lock()


def _flush():
    began = _wall()
    with _writing:
        _write()
    _held(began)


def _held(began):
    """On virtual time: the tracer's own work since `began` (a write, the writer's stop before a
    fork), which the loop's thread may have waited for, is not the program's blocking."""
    if _settle is not None:
        _gatherlab_clock.tracer_held += _wall() - began


# The writer takes the queue every 20 ms, when it gets the GIL: a loop that lets go of the GIL more
# often than the switch interval (its select() between quick iterations) takes it back each time
# before the writer wakes, and the writer could wait a quarter of a second while the queue grew by
# megabytes. Past this many lines queued, the program's thread writes them itself (at each task's
# start here; at every line in _gatherlab_speedups).
_LATE_LINES = 8192


def _write():
    # The lines queued by now, taken from the left in one C loop (the program's thread appends
    # on the right meanwhile: its later lines wait for the next write).
    parts = list(map(_call, itertools.repeat(_queue.popleft, len(_queue))))
    if _fifo is not None:
        # Read after the queue is emptied: every line stamped by now goes in this write (a line
        # stamped just before, whose thread lost the GIL before it queued it, comes in the next
        # one). gatherlab holds the program's output until the trace has come this far, so
        # that --json stays in time order (issue 20), and reads no further into this line.
        parts.append(f'{{"type":"flushed","t":{_monotonic() - _start:.4f}}}')
        parts.append("")
        # A view, not slices: a FIFO takes at most 64 KiB a write, and slicing a batch of
        # megabytes copied its rest after every write.
        data = memoryview("\n".join(parts).encode())
        try:
            while data:
                data = data[os.write(_fifo, data):]
        except OSError:
            _queue.clear()  # gatherlab has gone: nobody reads the trace any more


# The writer is a thread of _thread's, not threading's: threading.enumerate() and active_count()
# are python3's (the program's own threads only).
_thread = __import__("_thread")
_writer = None  # the running writer's (wake, ended) locks, both held until it is told to end


def _flusher(wake, ended):
    try:
        while not wake.acquire(timeout=0.02):
            _flush()
    finally:
        ended.release()


def _start_writer():
    global _writer
    if _writer is None and _fifo is not None:
        wake, ended = _thread.allocate_lock(), _thread.allocate_lock()
        wake.acquire()
        ended.acquire()
        _writer = wake, ended
        _thread.start_new_thread(_flusher, (wake, ended))


def _end_writer():
    """The writer ends, after the write it is making: none is left holding _writing."""
    global _writer
    if _writer is not None:
        (wake, ended), _writer = _writer, None
        wake.release()
        ended.acquire()


def _stop_writer():
    """Before a fork in the tracer's own process: the writer ends first, and is gone from the
    process when os.fork() looks (3.12+ warns that a fork of a process with threads may deadlock;
    python3 says so only for the program's own threads), then the batch so far goes."""
    if _writer is None or os.getpid() != _pid:
        return
    began = _wall()
    try:
        before = len(os.listdir("/proc/self/task")) if sys.version_info >= (3, 12) else 0
    except OSError:
        before = 0
    _end_writer()
    # The thread has released `ended`; the kernel ends it a moment later.
    for _ in range(200):
        try:
            if not before or len(os.listdir("/proc/self/task")) < before:
                break
        except OSError:
            break
        _sleep_real(0.0005)
    _held(began)
    _flush()


def _finish():
    if os.getpid() == _pid:
        if _late:
            # On virtual time a late write (a task destroyed pending, a __del__ that prints)
            # flushes the trace itself: the writer ends first, since at the interpreter's
            # finalization it would be stopped for good where it stands, maybe holding _writing.
            _end_writer()
        _flush()


def _forget_in_child():
    # A forked child (a process pool's worker) has a copy of the queue and the FIFO: the parent
    # reports its own tasks, and the child must not hold the FIFO open.
    global _fifo, _put
    _put = lambda line: None  # noqa: E731
    _queue.clear()
    if _fifo is not None:
        try:
            os.close(_fifo)
        except OSError:
            pass
        _fifo = None


def _restart_writer():
    """After a fork, in the parent: 3.13 looks at the process's threads after this hook, so the
    writer starts again from the loop's next callback when a loop runs on this thread."""
    loop = _get_running_loop()
    if loop is not None:
        try:
            return loop.call_soon(_start_writer, context=_context)
        except RuntimeError:
            pass  # closed
    _start_writer()


_sleep_real = time.sleep
os.register_at_fork(before=_stop_writer, after_in_parent=_restart_writer, after_in_child=_forget_in_child)
_start_writer()

# os._exit skips atexit: the last batch (the last tasks' ends, the last join) goes first.
_os_exit = os._exit


@functools.wraps(_os_exit)
def _exit(status):
    if os.getpid() == _pid:
        _flush()
    _os_exit(status)


os._exit = _exit


# MARK: - Safe descriptions: never the program's __repr__ or __str__


_SCALARS = (str, int, float, bool, type(None), bytes)


def _show(value, width=20):
    kind = type(value)
    if kind is str or kind is bytes:
        text = repr(value[: width + 1])
    elif kind is int:
        text = repr(value) if -(10**15) < value < 10**15 else "int"
    elif kind is float or kind is bool or value is None:
        text = repr(value)
    elif kind is tuple and len(value) <= 3 and all(type(item) in _SCALARS for item in value):
        inner = [_show(item, 8) for item in value]
        text = "(" + ", ".join(inner) + ("," if len(inner) == 1 else "") + ")"
    elif kind in (list, dict, set, frozenset, tuple):
        return f"<{kind.__name__} of {len(value)}>"
    else:
        return f"<{kind.__name__}>"
    return text if len(text) <= width else text[: width - 1] + "…"


def _message(error):
    # str(error) only where it cannot run the program's code: a builtin __str__ over text.
    if type(error).__str__ is not BaseException.__str__:
        return ""
    args = error.args
    if not args:
        return ""
    if len(args) == 1:
        if type(args[0]) is str:
            return args[0]
        return _show(args[0], 40) if type(args[0]) in _SCALARS else ""
    return "(" + ", ".join(_show(arg, 12) for arg in args[:3]) + ")"


def _describe(error):
    if isinstance(error, BaseExceptionGroup):
        inner = ", ".join(_describe(leaf) for leaf in error.exceptions)
        return f"{type(error).__name__}({inner})"
    text = _message(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _short(text, width=40):
    return text if len(text) <= width else text[: width - 1] + "…"


# Caches by code object are keyed by id(code): a code object's hash is not cached and hashes its
# bytecode, names and constants each time (2 500 instructions a task). Each code is kept alive
# while cached, so that its id is not reused; the caches start over past 10 000 codes.
_argument_names = {}  # id(code) -> how its coroutines are labelled (_label_plan)
_user_code = {}  # id(code) -> whether it is the program's
_module_names = {}  # id(code) -> its file's name if it is asyncio's, else ""
_kept_codes = []


def _program_code(code):
    """Whether `code` is the program's (or a library's), not asyncio's or an event loop's."""
    mine = _user_code.get(id(code))
    if mine is None:
        _keep(code)
        mine = _user_code[id(code)] = not _loop_file(code.co_filename)
    return mine


def _keep(code):
    if len(_kept_codes) >= 10000:
        _kept_codes.clear()
        _argument_names.clear()
        _user_code.clear()
        _module_names.clear()
    _kept_codes.append(code)
_referents = __import__("gc").get_referents
_Cell = __import__("types").CellType
_Coroutine = __import__("types").CoroutineType
_Generator = __import__("types").GeneratorType
_GatheringFuture = getattr(_tasks_module, "_GatheringFuture", None)
# A coroutine's referents, on 3.11 to 3.13: its code (3.11 only), its names, then its frame's
# function and code, then its bound local variables in order, arguments first (a cell for an
# argument a closure captures).
_LOCALS_FROM = {(3, 11): 1, (3, 12): 0, (3, 13): 0}.get(sys.version_info[:2])
# Where the frame's code is among them when the frame has no frame object nor locals dict (the
# common case, looked at first; else it is searched for from _LOCALS_FROM).
_CODE_AT = {(3, 11): 4, (3, 12): 3, (3, 13): 3}.get(sys.version_info[:2])


def _arguments(coro, code, count):
    """The first `count` local variables of a suspended or new coroutine (its arguments), read
    without making its frame object and a dict of its locals (both would live as long as the
    coroutine, for the collector to walk, for every task); None when its frame is gone."""
    if _LOCALS_FROM is None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is None:
            return None
        values = frame.f_locals
        return [values.get(name) for name in code.co_varnames[:count]]
    found = _referents(coro)
    try:
        at = found.index(code, _LOCALS_FROM) + 1
    except ValueError:
        return None  # it has ended: its frame is cleared
    values = found[at: at + count]
    if len(values) < count:
        return None
    for index, value in enumerate(values):
        if type(value) is _Cell:
            try:
                values[index] = value.cell_contents
            except ValueError:
                values[index] = None
    return values


def _label_plan(code):
    """How a coroutine of `code` is labelled: its name and "(", the positions of its first three
    arguments (not self), how many locals to read, and the label's end."""
    positions = [index for index, name in enumerate(code.co_varnames[: code.co_argcount]) if name != "self"]
    shown = positions[:3]
    return code.co_name + "(", shown, shown[-1] + 1 if shown else 0, ", …)" if len(positions) > 3 else ")"


def _plan_of(code):
    """The label plan of `code`, made and cached (kept alive while cached)."""
    _keep(code)
    plan = _argument_names[id(code)] = _label_plan(code)
    return plan


def _label(coro):
    code = coro.cr_code if type(coro) is _Coroutine else None
    if code is None:
        return type(coro).__name__ + "()"
    plan = _argument_names.get(id(code))
    if plan is None:
        plan = _plan_of(code)
    start, positions, count, end = plan
    if _LOCALS_FROM is None:
        values = _arguments(coro, code, count)
        if values is None:
            return type(coro).__name__ + "()"
    else:
        # _arguments inlined: this runs once for every task.
        found = _referents(coro)
        try:
            at = _CODE_AT + 1 if found[_CODE_AT] is code else found.index(code, _LOCALS_FROM) + 1
            if count == 1:
                value = found[at]  # (the common case: no list of one made)
        except (IndexError, ValueError):
            return type(coro).__name__ + "()"  # it has ended: its frame is cleared
        if count != 1:
            values = found[at: at + count]
            if len(values) < count:
                return type(coro).__name__ + "()"
    if not count:
        return start + ")"
    if count == 1:
        # One argument (the common case): a small int or a short str without a call to _show.
        if _LOCALS_FROM is None:
            value = values[0]
        kind = type(value)
        if kind is int and -100000 < value < 100000:
            return start + str(value) + end
        if kind is _Cell:
            try:
                value = value.cell_contents
            except ValueError:
                value = None
        return start + _show(value) + end
    shown = []
    for index in positions:
        value = values[index]
        kind = type(value)
        if kind is _Cell:
            try:
                value = value.cell_contents
            except ValueError:
                value = None
            kind = type(value)
        # The common small ints and short strings without a call.
        if kind is int and -100000 < value < 100000:
            shown.append(str(value))
        else:
            shown.append(_show(value))
    return start + ", ".join(shown) + end


def _current():
    try:
        task = asyncio.current_task()
    except RuntimeError:
        return None
    info = _info(task)
    return info[0] if info else None


_spaced = __import__("_json").make_encoder(None, None, _quote, None, ": ", ", ", False, False, True)


def _dumps(fields):
    """json.dumps(fields), as it writes it (its C encoder, with its separators), for the tracer's
    flat lines, without importing json."""
    return "".join(_spaced(fields, 0))


# Times as f"{t:.4f}" writes them, cached by tenths of a millisecond: most of a program's
# events share their instant with others, and formatting a float costs more than the rest of a
# line. (t * 10 000 is rounded half up here, where .4f rounds the exact binary value: the two
# differ only for a t within a rounding error of a half tenth of a millisecond.)
_ticks = {}


def _tick_text(tick):
    if len(_ticks) >= 50000:
        _ticks.clear()
    # tick / 10 000 is within a rounding error of the tick's decimal, so .4f writes its digits
    # (and costs 2 600 instructions where two formatted ints cost 4 400).
    text = _ticks[tick] = f"{tick / 10000:.4f}"
    return text


def _time_text(seconds):
    """f"{seconds:.4f}", from the cache."""
    tick = int(seconds * 10000.0 + 0.5) if seconds >= 0 else int(seconds * 10000.0 - 0.5)
    return _ticks.get(tick) or _tick_text(tick)


def _event(info, kind, extra=""):
    # info[6] is the task's fixed fields, made once: events are most of what the tracer writes.
    tick = int((_monotonic() - _start) * 10000.0 + 0.5)
    _put(f'{{"type":"event","t":{_ticks.get(tick) or _tick_text(tick)}{info[6]},"event":"{kind}"{extra}}}')


def _from_program(frame):
    """True when the first frame from `frame` up that is not the tracer's is the program's (or a
    library's), not asyncio's."""
    while frame is not None and frame.f_code.co_filename == _here:
        frame = frame.f_back
    return frame is not None and not frame.f_code.co_filename.startswith(_asyncio_dir)


# MARK: - Who made a task. The program's coroutines are always its tasks; a coroutine of
# asyncio's own (asyncio.sleep, to_thread, Barrier.wait, a shutdown step) is the program's task
# when the program asked for it through the task-making API, and asyncio's bookkeeping when code
# inside asyncio asked for it (asyncio.run's shutdown, a server accepting a connection).

_MAKERS = frozenset([
    "__init__", "create_task", "ensure_future", "_ensure_future", "gather", "wait_for", "shield",
    "factory", "run_until_complete", "run", "wait", "as_completed",
])


def _loop_file(name):
    """asyncio's own files, and an event loop's written in Cython (uvloop/loop.pyx)."""
    return name.startswith(_asyncio_dir) or name.startswith("uvloop/") or "/uvloop/" in name


def _why_hidden(coro, frame):
    code = coro.cr_code if type(coro) is _Coroutine else None
    if code is not None:
        if _program_code(code):
            return None
        if code.co_name in ("shutdown_asyncgens", "shutdown_default_executor"):
            return "asyncio.run's shutdown"
    while frame is not None:
        code = frame.f_code
        if code.co_filename == _here:
            frame = frame.f_back
            continue
        if not code.co_filename.startswith(_asyncio_dir):
            return None
        name = code.co_name
        if name == "callback" and code.co_filename.endswith("tasks.py"):
            return None  # run_coroutine_threadsafe: the thread that called it asked for the task
        if name in ("_cancel_all_tasks", "shutdown_asyncgens", "shutdown_default_executor") or (
            name == "close" and code.co_filename.endswith("runners.py")
        ):
            return "asyncio.run's shutdown"
        if name in ("_run_once", "run_forever") or (name == "_run" and code.co_filename.endswith("events.py")):
            return "asyncio's own, from an event loop callback"
        if name not in _MAKERS:
            return f"asyncio's own ({name})"
        frame = frame.f_back
    return None


# MARK: - Tasks, hooked where every task is made: asyncio.Task itself (loop.create_task, a task
# factory, 3.12's eager one, uvloop and libraries that build asyncio.Task(...) all call it).

_BaseTask = asyncio.Task
_base_init = _BaseTask.__init__
_base_callbacks = _BaseTask._callbacks


# The task each loop is running: asyncio's own dict on 3.11 to 3.13 (current_task is a Python
# function on 3.11); current_task where it is not there.
_current_tasks = getattr(_tasks_module, "_current_tasks", None)
_current_of = _current_tasks.get if type(_current_tasks) is dict else _current_task


_ready_loops = set()  # loop types that run Handles from a `_ready` queue (asyncio's own)


def _init_task(task, coro, options):
    """Task(coro, **options) when the fast path in Task.__init__ does not apply: a task asyncio
    makes for itself (hidden), a loop of another kind (uvloop), an eager task (3.12+), a name
    that is not a str."""
    global _creating_group, _creating_gather, _given_name
    if type(coro) is not _Coroutine or not _user_code.get(id(coro.cr_code)):
        why = _why_hidden(coro, sys._getframe(2))
        if why is not None:
            _put(f'{{"type":"hidden","t":{_monotonic() - _start:.4f},"id":{next(_task_ids)}'
                 f',"task":{_quote(_label(coro))},"why":{_quote(why)}}}')
            try:
                return _base_init(task, coro, **options)
            except BaseException:
                task = coro = options = None  # (see the note above Task)
                raise
    loop = options.get("loop") or _get_running_loop()
    gathering = _creating_gather
    number = next(_task_ids)
    parent = _info(_current_of(loop)) if loop is not None else None
    name = options.get("name")
    # [id, label, parent, gather, group, created (None once started), fixed fields, coro
    # until started and then the future it waits on, the label of that wait]
    task._gatherlab = info = [
        number, (name if type(name) is str else None) or _given_name, parent[0] if parent else None,
        gathering[0] if gathering else None, _creating_group, _monotonic(), None, coro, None,
    ]
    if gathering:
        gathering.append(number)
    # asyncio's own loops (a `_ready` queue of Handles) run every step of a task in a
    # Handle whose callback is the task's: the Handle wrapper below reports its start before
    # its first step and its end after its last, with no callback of the tracer's. Other
    # loops (uvloop) get a callback before the first step and a done callback.
    if loop is None:
        early = False
    else:
        early = getattr(loop, "_ready", None) is None
        if not early:
            _ready_loops.add(type(loop))
    learn = _StepWrapper is None and not early and loop is not None and not options.get("eager_start")
    if options.get("eager_start") and loop is not None and loop.is_running():
        _report_start(task)  # its first step runs in __init__
        # An eager first step runs in __init__: what it creates is not this call's.
        outer = _creating_group, _creating_gather, _given_name
        _creating_group = _creating_gather = _given_name = None
        try:
            _base_init(task, coro, **options)
        except BaseException:
            task._gatherlab = None
            task = coro = options = info = None  # (see the note above Task)
            raise
        finally:
            _creating_group, _creating_gather, _given_name = outer
        if task.done():
            _report_end(task)  # it finished in its first step
            return
    else:
        if early:
            loop.call_soon(_report_start, task, context=_context)
        try:
            _base_init(task, coro, **options)
        except BaseException:
            task._gatherlab = None
            task = coro = options = info = None  # (see the note above Task)
            raise
        if name is not None and type(name) is not str and info[6] is None:
            info[1] = task.get_name()  # as the task has it (str(name))
        if learn and loop._ready:
            _learn_step(loop._ready[-1]._callback)
    if task._source_traceback:
        _made_where(task)
    if early:
        task.add_done_callback(_report_end, context=_context)


def _made_where(task):
    """A task made on a loop in debug mode keeps the stack where it was made (asyncio prints it
    when the task is destroyed pending, or its exception never retrieved, and its repr ends in
    `created at FILE:LINE`): without the tracer's frames, as python3 has it."""
    made = task._source_traceback
    if made:
        made[:] = [frame for frame in made if frame.filename != _here]


_StepWrapper = None  # the type of a task's __step as a callback (C's TaskStepMethWrapper)


def _learn_step(callback):
    """Whether `callback` is a task's step (C's TaskStepMethWrapper, whose type asyncio does not
    name): the first one seen sets _StepWrapper. The first task on asyncio's own loop has just put
    its first step on the ready queue; Handle._run asks too, until one is seen."""
    global _StepWrapper
    kind = type(callback)
    if kind.__name__ == "TaskStepMethWrapper" and isinstance(getattr(callback, "__self__", None), _BaseTask):
        _StepWrapper = kind
        return True
    return False


def _given(loop, name, context, eager_start):
    """The keyword arguments a Task(...) call passed (None is each one's default; _UNSET is
    eager_start's)."""
    options = {} if eager_start is _UNSET else {"eager_start": eager_start}
    if loop is not None:
        options["loop"] = loop
    if name is not None:
        options["name"] = name
    if context is not None:
        options["context"] = context
    return options


# When asyncio.Task(...) raises, python3 frees the coroutine and the task there and then
# (a coroutine never awaited warns at the caller's line, a pending task says it was destroyed
# before the traceback is printed); the tracer's frames stay in the traceback, so they let go of
# both before the exception leaves them.
_UNSET = object()  # eager_start not given (3.12 added it; 3.11's Task refuses it, given or not)


class Task(_BaseTask):
    # The tracer's record of the task, on the task itself: no table of the tracer's keeps a task
    # alive (a pending task the program lets go of is collected, as under python3). A slot, not
    # an attribute in the task's dict, where the program's own attributes go (asyncio's Task
    # takes them). [id, label, parent id, gather, group, created (None once started), fixed
    # fields, coro until started and then the future it waits on, the label of that wait]; None
    # once it has ended.
    __slots__ = ("_gatherlab",)

    # The hot path of a program of many tasks: few bytecodes, no call that is not needed. The
    # program's coroutine, on asyncio's own loop, not eager: the rest is _init_task's. The
    # signature is asyncio.Task's.
    # (Any other call goes to asyncio.Task as made, which refuses it in its own words.)
    def __init__(self, coro=_UNSET, *args, loop=None, name=None, context=None, eager_start=_UNSET, **others):
        running = _get_running_loop() if loop is None else loop
        if (
            eager_start is not _UNSET or type(running) not in _ready_loops or (name is not None and type(name) is not str)
            or type(coro) is not _Coroutine or not _user_code.get(id(coro.cr_code)) or args or others
        ):
            options = _given(loop, name, context, eager_start)
            if coro is _UNSET or args or others:
                try:
                    return _base_init(self, *(() if coro is _UNSET else (coro,)), *args, **options, **others)
                except BaseException:
                    self = coro = args = others = None  # (see the note above Task)
                    raise
            try:
                return _init_task(self, coro, options)
            except BaseException:
                self = coro = None  # (see the note above Task)
                raise
        gathering = _creating_gather
        number = next(_task_ids)
        try:
            parent = _current_of(running)._gatherlab
        except AttributeError:
            parent = None  # no task runs (or not one of the tracer's)
        self._gatherlab = [
            number, name or _given_name, parent[0] if parent else None,
            gathering[0] if gathering else None, _creating_group, _monotonic(), None, coro, None,
        ]
        if gathering:
            gathering.append(number)
        try:
            _base_init(self, coro, loop=loop, name=name, context=context)
        except BaseException:
            self._gatherlab = None
            self = coro = None  # (see the note above Task)
            raise
        if running._debug:  # (cheaper to read than the task's _source_traceback)
            _made_where(self)

    @property
    def _callbacks(self):
        # A task's repr lists its done callbacks: the tracer's is not the program's.
        callbacks = _base_callbacks.__get__(self)
        if callbacks:
            callbacks = [entry for entry in callbacks if entry[0] is not _report_end]
        return callbacks or None

    def set_name(self, value):
        super().set_name(value)
        info = _info(self)
        if value is not None and info is not None and info[6] is None:
            info[1] = str(value)

    def cancel(self, msg=None):
        # Only here does a cancel cost anything: the program's coroutines on the await chain of
        # this task (and of the tasks awaiting it) go on the trace before the cancel is sent.
        _report_chains(self)
        return _base_cancel(self, msg)


Task.__module__ = _BaseTask.__module__
Task.__qualname__ = _BaseTask.__qualname__


def _info(task):
    """The tracer's record of `task`; None for anything else (an ended task, a task the tracer did
    not make, any other object), read without running any code of the program's."""
    try:
        return _info_slot(task)
    except (AttributeError, TypeError):
        return None


_info_slot = Task._gatherlab.__get__


def _report_start(task):
    info = _info(task)
    if info is not None and info[5] is not None:
        _started(info)


_field_tails = {}  # (parent, gather, group) -> the end of a task's fixed fields


def _field_tail(key):
    parent, gather, group = key
    if len(_field_tails) >= 10000:
        _field_tails.clear()
    tail = _field_tails[key] = (
        f',"parent":{"null" if parent is None else parent}'
        f',"gather":{"null" if gather is None else gather},"group":{"null" if group is None else group}'
    )
    return tail


def _started(info):
    """The task's first step runs now: its `waiting` (when it was made) and `started` lines."""
    created = int((info[5] - _start) * 10000.0 + 0.5)
    info[5] = None
    label = info[1]
    if label is None:
        label = info[1] = _label(info[7])
    info[7] = None  # (from now: what it waits on)
    key = info[2], info[3], info[4]
    info[6] = fields = f',"id":{info[0]},"task":{_quote(label)}{_field_tails.get(key) or _field_tail(key)}'
    now = int((_monotonic() - _start) * 10000.0 + 0.5)
    # Both lines in one: the writer joins what it takes with newlines.
    _put(
        f'{{"type":"event","t":{_ticks.get(created) or _tick_text(created)}{fields},"event":"waiting"}}\n'
        f'{{"type":"event","t":{_ticks.get(now) or _tick_text(now)}{fields},"event":"started"}}'
    )
    if len(_queue) >= _LATE_LINES:
        _flush()  # the writer is late (see _LATE_LINES)


def _report_end(task):
    info = _info(task)
    if info is not None:
        _ended(task, info)


def _result_text(result):
    """A task's result as its finished line shows it (JSON)."""
    return _quote(_short(result if type(result) is str else _show(result, 40), 40))


def _ended(task, info):
    # Its last event; the record goes (the task keeps only None).
    if task._gatherlab is not info:
        return  # reported already
    task._gatherlab = None
    if info[5] is not None:
        _started(info)
    if task.cancelled():
        _event(info, "cancelled")
        return
    error = task._exception
    if error is not None:
        _event(info, "failed", f',"error":{_quote(_short(_describe(error), 60))}')
        return
    result = task._result
    if result is None:
        shown = '"None"'
    elif type(result) is int and -100000 < result < 100000:
        shown = f'"{result}"'
    else:
        shown = _result_text(result)
    tick = int((_monotonic() - _start) * 10000.0 + 0.5)
    _put(f'{{"type":"event","t":{_ticks.get(tick) or _tick_text(tick)}{info[6]},"event":"finished","value":{shown}}}')


# MARK: - What a cancelled task was running (DESIGN §10, §12): when cancel() is called on a task
# the tracer knows and that has not ended, {"type":"chain","t":T,"id":N,"coroutines":[…]} gives
# the program's own coroutines on its await chain, outermost first, each labelled as a task is
# (`fetch_one('a')`, `download('a')`): the task's coroutine, then what it awaits (cr_await,
# gi_yieldfrom) down to the first thing that is not a coroutine, leaving out asyncio's own. A
# task awaiting the cancelled one (its wake-up is among that one's callbacks) gets a chain line
# too: the CancelledError reaches it next, with no cancel() of its own. So a check that asks for
# `download` cancelled finds it inside `create_task(fetch_one(url))`. Nothing here runs on a task
# that is never cancelled; nothing reads an object that is not a coroutine, a generator, a task or
# a builtin method (no __getattr__ or __repr__ of the program's), and nothing here raises.

_base_cancel = _BaseTask.cancel
_MethodTypes = (__import__("types").BuiltinMethodType, __import__("types").MethodType)


def _chain_labels(task):
    """The program's coroutines on `task`'s await chain, outermost first, as labels."""
    labels = []
    coro = task._coro
    for _ in range(100):  # a chain is a few coroutines deep; a cycle is not followed for ever
        kind = type(coro)
        if kind is _Coroutine:
            code, nxt = coro.cr_code, coro.cr_await
        elif kind is _Generator:
            code, nxt = coro.gi_code, coro.gi_yieldfrom
        else:
            break
        if _program_code(code) and code.co_filename != _here:
            labels.append(_label(coro) if kind is _Coroutine else code.co_name + "()")
        if nxt is None and kind is _Coroutine and coro.cr_running:
            # The task cancels itself: what this coroutine awaits is running, on our stack.
            labels += _running_labels(coro.cr_frame)
            break
        coro = nxt
    return labels


def _running_labels(outer):
    """The program's coroutines running on this thread's stack above the frame `outer`,
    outermost first; none unless `outer` is on the stack."""
    found = []
    frame = sys._getframe(1)
    while frame is not None and frame is not outer:
        code = frame.f_code
        if code.co_flags & 0x3A0 and code.co_filename != _here and not _loop_file(code.co_filename):
            found.append(frame)  # a coroutine, a generator or an async generator
        frame = frame.f_back
    if frame is None:
        return []
    labels = []
    for frame in reversed(found):
        code = frame.f_code
        start, positions, count, end = _label_plan(code)
        values = frame.f_locals  # a frame's locals: builtin dict or proxy, no code of the program's
        labels.append(start + ", ".join(_show(values.get(code.co_varnames[index])) for index in positions) + end)
    return labels


def _report_chains(task):
    try:
        seen = set()
        waiting = [task]
        while waiting and len(seen) < 100:
            task = waiting.pop()
            if id(task) in seen:
                continue
            seen.add(id(task))
            info = _info(task)
            if info is None or task.done():
                continue  # not the tracer's, or ended: cancel() does nothing to it
            labels = _chain_labels(task)
            if labels:  # (none for a task of asyncio's own coroutine: create_task(asyncio.sleep(1)))
                _put(f'{{"type":"chain","t":{_monotonic() - _start:.4f},"id":{info[0]}'
                     f',"coroutines":[{",".join(map(_quote, labels))}]}}')
            # The tasks whose next step is this one's end: their wake-up is its callback.
            for callback, _context_of in _base_callbacks.__get__(task) or ():
                if type(callback) in _MethodTypes:
                    waiter = callback.__self__
                    kind = type(waiter)
                    if (kind is Task or issubclass(kind, _BaseTask)) and waiter._fut_waiter is task:
                        waiting.append(waiter)
    except Exception:
        pass  # a chain line is never worth the program's cancel


asyncio.Task = _tasks_module.Task = Task
if hasattr(_tasks_module, "create_eager_task_factory"):
    asyncio.eager_task_factory = _tasks_module.eager_task_factory = _tasks_module.create_eager_task_factory(Task)


# MARK: - gather, TaskGroup, wait_for and timeout: the program's own calls only (asyncio calls
# gather for itself in a server, communicate() and asyncio.run's shutdown). Each wrapper returns
# what the original returns, so no tracer frame is left on the program's stack.


def _join(kind, number, outcome, label, error=None, orphans=()):
    _put(_dumps({
        "type": "join", "t": _now(), kind: number, "label": label, "outcome": outcome,
        "error": error, "orphans": list(orphans),
    }))


_gather = _tasks_module.gather


@functools.wraps(_gather)
def gather(*coros_or_futures, return_exceptions=False):
    global _creating_gather
    if not _from_program(sys._getframe(1)):
        return _gather(*coros_or_futures, return_exceptions=return_exceptions)
    number = next(_join_ids)
    outer, _creating_gather = _creating_gather, [number]
    try:
        future = _gather(*coros_or_futures, return_exceptions=return_exceptions)
    finally:
        made, _creating_gather = _creating_gather, outer
    members = made[1:]
    future._gatherlab = (number, members)  # what an await on it says
    children = getattr(future, "_children", ())
    for child in children if len(members) < len(children) else ():
        info = _info(child)
        if info is not None and info[3] is None:
            info[3] = number  # a task made before, gathered here
            members.append(info[0])
    _put(_dumps({"type": "gather", "t": _now(), "gather": number, "parent": _current(), "tasks": members}))

    def joined(future):
        if future.cancelled():
            _join("gather", number, "threw", "gather cancelled", "cancelled")
            return
        error = getattr(future, "_exception", None)
        if error is None:
            _join("gather", number, "returned", "gather returned")
        else:
            running = [child for child in getattr(future, "_children", []) if not child.done()]
            orphans = [info[0] for info in map(_info, running) if info is not None]
            text = _short(_describe(error), 60)
            _join("gather", number, "threw", "gather raised " + text, text, orphans)

    future.add_done_callback(joined, context=_context)
    return future


asyncio.gather = _tasks_module.gather = gather

_TaskGroup = asyncio.TaskGroup
_group_enter = _TaskGroup.__aenter__
_group_exit = _TaskGroup.__aexit__
_group_create_task = _TaskGroup.create_task
_group_task_done = _TaskGroup._on_task_done


@functools.wraps(_group_enter)
def __aenter__(self):
    if _from_program(sys._getframe(1)):
        self._gatherlab_id = next(_join_ids)
        _put(_dumps({"type": "group", "t": _now(), "group": self._gatherlab_id, "parent": _current()}))
    return _group_enter(self)


def _group_outcome(group, error):
    errors = list(group._errors or ())
    if error is not None and not isinstance(error, asyncio.CancelledError) and error not in errors:
        errors.append(error)
    if errors:
        kind = "ExceptionGroup" if all(isinstance(each, Exception) for each in errors) else "BaseExceptionGroup"
        text = _short(kind + "(" + ", ".join(_describe(each) for each in errors) + ")", 60)
        _join("group", group._gatherlab_id, "threw", "TaskGroup raised " + text, text)
    elif error is not None:
        text = _short(_describe(error), 60)
        _join("group", group._gatherlab_id, "threw", "TaskGroup raised " + text, text)
    else:
        _join("group", group._gatherlab_id, "returned", "TaskGroup exited")


@functools.wraps(_group_exit)
def __aexit__(self, et, exc, tb):
    if getattr(self, "_gatherlab_id", None) is not None:
        if self._tasks:
            self._gatherlab_exit = exc  # the last child's end reports the exit
        else:
            _group_outcome(self, exc)
    return _group_exit(self, et, exc, tb)


@functools.wraps(_group_task_done)
def _on_task_done(self, task):
    _group_task_done(self, task)
    if not self._tasks and hasattr(self, "_gatherlab_exit"):
        error = self._gatherlab_exit
        del self._gatherlab_exit
        _group_outcome(self, error)


@functools.wraps(_group_create_task)
def create_task(self, coro, *args, **kwargs):
    global _creating_group, _given_name
    outer = _creating_group, _given_name
    _creating_group, _given_name = getattr(self, "_gatherlab_id", None), kwargs.get("name")
    try:
        return _group_create_task(self, coro, *args, **kwargs)
    finally:
        _creating_group, _given_name = outer


_TaskGroup.__aenter__ = __aenter__
_TaskGroup.__aexit__ = __aexit__
_TaskGroup._on_task_done = _on_task_done
_TaskGroup.create_task = create_task

_asyncio_create_task = _tasks_module.create_task


@functools.wraps(_asyncio_create_task)
def _create_task(coro, *args, **kwargs):
    global _given_name
    outer, _given_name = _given_name, kwargs.get("name")
    try:
        return _asyncio_create_task(coro, *args, **kwargs)
    finally:
        _given_name = outer


asyncio.create_task = _tasks_module.create_task = _create_task


def _deadline(seconds):
    if type(seconds) in (int, float):
        _put(_dumps({"type": "deadline", "t": round(_now() + seconds, 4)}))


_wait_for = _tasks_module.wait_for


@functools.wraps(_wait_for)
def wait_for(fut, timeout):
    _deadline(timeout)
    return _wait_for(fut, timeout)


asyncio.wait_for = _tasks_module.wait_for = wait_for

if hasattr(asyncio, "timeout"):
    _timeout, _timeout_at = asyncio.timeout, asyncio.timeout_at

    @functools.wraps(_timeout)
    def timeout(delay):
        _deadline(delay)
        return _timeout(delay)

    @functools.wraps(_timeout_at)
    def timeout_at(when):
        if type(when) in (int, float):
            try:
                _deadline(when - asyncio.get_running_loop().time())
            except RuntimeError:
                pass
        return _timeout_at(when)

    asyncio.timeout, asyncio.timeout_at = timeout, timeout_at


# MARK: - Tracebacks as python3 prints them: the traceback module skips the tracer's frames (a
# wrapper the program called that raised, a callback of the tracer's).

_walk_tb = traceback.walk_tb


def _skip_tracer(frames):
    for frame, line in frames:
        if frame.f_code.co_filename != _here:
            yield frame, line


@functools.wraps(_walk_tb)
def walk_tb(tb):
    return _skip_tracer(_walk_tb(tb))


traceback.walk_tb = walk_tb
if hasattr(traceback, "_walk_tb_with_full_positions"):
    _walk_full = traceback._walk_tb_with_full_positions

    @functools.wraps(_walk_full)
    def _walk_tb_with_full_positions(tb, *args, **kwargs):
        return _skip_tracer(_walk_full(tb, *args, **kwargs))

    traceback._walk_tb_with_full_positions = _walk_tb_with_full_positions


# At a terminal the program's stdout is line-buffered; gatherlab says when it draws on one.
if os.environ.pop("GATHERLAB_TRACE_LINE_BUFFERED", None) == "1":
    try:
        sys.stdout.reconfigure(line_buffering=True)
    except (AttributeError, ValueError):
        pass

# As platform.python_implementation() and python_version() say, without importing platform. The
# header goes at once: gatherlab sets the trace's clock by its arrival.
if os.environ.get("GATHERLAB_CLOCK") != "virtual":
    _start = time.monotonic()  # (virtual time keeps the loop's own 0)
_runtime = {"cpython": "CPython", "pypy": "PyPy"}.get(sys.implementation.name, sys.implementation.name)
os.write(_fifo, (_dumps({
    "type": "trace", "t": 0.0, "runtime": f"{_runtime} {'.'.join(map(str, sys.version_info[:3]))}", "speedups": _speedups is not None,
}) + "\n").encode())
# MARK: - What each started task waits on: {"type":"await","t","id","on","tasks"} when it changes,
# looked at after each of its steps (a step of the pure-Python loops' handles), and "on": null
# from a step's start when the step took a while.

_sleep_labels = {}  # a sleep's delay -> its label
_await_tails = {}  # a label -> the end of its await line (for waits on no task)
_sleep_code = getattr(_tasks_module.sleep, "__code__", None)
_LOCKS = {"Lock", "Semaphore", "BoundedSemaphore", "Condition", "Event", "Barrier"}


def _awaits(task, info, began, end, took):
    # info[7], info[8]: the future it waited on after its last step and that wait's label.
    waiter = task._fut_waiter
    label = info[8]
    if took >= 0.001 and label is not None:
        _put(f'{{"type":"await","t":{_time_text(began - _start)},"id":{info[0]},"on":null,"tasks":[]}}')
        label = None
    # The common wait first (as _wait_label has it): the task's own coroutine awaits asyncio.sleep.
    coro = task._coro
    inner = coro.cr_await if type(coro) is _Coroutine else None
    on = None
    if type(inner) is _Coroutine and inner.cr_code is _sleep_code and _LOCALS_FROM is not None and _user_code.get(id(coro.cr_code)):
        found = _referents(inner)
        try:
            delay = found[_CODE_AT + 1 if found[_CODE_AT] is _sleep_code else found.index(_sleep_code, _LOCALS_FROM) + 1]
        except (ValueError, IndexError):
            delay = None
        if type(delay) is float or type(delay) is int:
            on = _sleep_labels.get(delay)
    if on is None:
        on, ids = _wait_label(task, waiter)
    else:
        ids = ()
    info[7] = waiter
    info[8] = on
    if label == on:
        return
    if ids:
        tail = f',"on":{_quote(on)},"tasks":[{",".join(map(str, ids))}]}}'
    else:
        tail = _await_tails.get(on)
        if tail is None:
            tail = f',"on":{_quote(on)},"tasks":[]}}'
            if len(_await_tails) < 1000:
                _await_tails[on] = tail
    tick = int((end - _start) * 10000.0 + 0.5)
    _put(f'{{"type":"await","t":{_ticks.get(tick) or _tick_text(tick)},"id":{info[0]}{tail}')


def _wait_label(task, waiter):
    """A short label for what `task` waits on, and the task ids it waits for."""
    # (The waiter and the chain may hold the program's own awaitables: only objects of asyncio's
    # and Python's own types are looked into, and none is hashed, so that no __hash__, __eq__ or
    # __getattr__ of the program's runs.)
    kind = type(waiter)
    if kind is Task or kind is not _GatheringFuture and issubclass(kind, _BaseTask):
        info = _info(waiter)
        if info is not None:
            return f"task #{info[0]}", [info[0]]
    elif kind is _GatheringFuture:
        gathered = getattr(waiter, "_gatherlab", None)
        if gathered is not None:
            return f"gather #{gathered[0]}", gathered[1]
    coro = task._coro
    # The common wait, first: the task's own coroutine awaits asyncio.sleep directly.
    inner = coro.cr_await if type(coro) is _Coroutine else None
    if type(inner) is _Coroutine and inner.cr_code is _sleep_code and _user_code.get(id(coro.cr_code)):
        if _LOCALS_FROM is not None:
            found = _referents(inner)
            try:
                delay = found[found.index(_sleep_code, _LOCALS_FROM) + 1]
            except (ValueError, IndexError):
                delay = None
            label = _sleep_labels.get(delay) if type(delay) is float or type(delay) is int else None
            if label is not None:
                return label, ()
    # Down the chain of awaits to the first coroutine (or generator) of asyncio's own.
    while True:
        kind = type(coro)
        if kind is _Coroutine:
            code, nxt = coro.cr_code, coro.cr_await
        elif kind is _Generator:
            code, nxt = coro.gi_code, coro.gi_yieldfrom
        else:
            return "future", ()
        module = _module_names.get(id(code))
        if module is None:
            name = code.co_filename
            _keep(code)
            module = _module_names[id(code)] = os.path.basename(name) if name.startswith(_asyncio_dir) else ""
        if module:
            break
        if nxt is None:
            return "future", ()
        coro = nxt
    name = code.co_name
    if module == "tasks.py":
        if name == "sleep" and code.co_argcount:
            # The delay: the sleep coroutine's first local (_arguments inlined, once a task).
            if _LOCALS_FROM is None:
                first = _arguments(coro, code, 1)
                delay = first[0] if first else None
            else:
                found = _referents(coro)
                try:
                    delay = found[found.index(code, _LOCALS_FROM) + 1]
                except (ValueError, IndexError):
                    delay = None
                if type(delay) is _Cell:
                    delay = None
            kind = type(delay)
            if kind is float or kind is int:
                label = _sleep_labels.get(delay)
                if label is None:
                    label = f"sleep {delay:g}s"
                    if delay and len(_sleep_labels) < 1000:
                        _sleep_labels[delay] = label
                return label, ()
            return "sleep", ()
        return "future", ()
    if module == "queues.py":
        return "Queue." + name, ()
    if module == "taskgroups.py" or module == "locks.py" or module == "mixins.py":
        first = _arguments(coro, code, 1) if code.co_argcount else None
        if module == "taskgroups.py":
            if first is None:
                return "future", ()
            number = getattr(first[0], "_gatherlab_id", None)
            return (f"TaskGroup #{number}" if number is not None else "TaskGroup"), ()
        kind = type(first[0]).__name__ if first else ""
        return (kind if kind in _LOCKS else "Lock"), ()
    if module in ("streams.py", "selector_events.py", "base_events.py", "proactor_events.py", "sslproto.py"):
        return "I/O", ()
    if module == "threads.py":
        return "thread", ()
    return "future", ()


# MARK: - For exercise checks (DESIGN §12): which asyncio APIs the program used, the callbacks
# that held the loop, and reads from stdin. Lines: {"type":"uses","label":API} the first time each
# API is used; {"type":"blocked","t":start,"value":"seconds","id":task or null} for each callback
# that held the loop longer than 20 ms. Wrappers around what the tracer has already installed.

_used = set()


def _use(api):
    if api not in _used:
        _used.add(api)
        _put(_dumps({"type": "uses", "t": _now(), "label": api}))


def _using(api, function):
    # functools.wraps: its name, module, qualname and doc are asyncio's, and inspect.signature
    # gives asyncio's signature.
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        _use(api)
        return function(*args, **kwargs)

    return wrapper


for _api in ("gather", "wait_for", "wait", "as_completed", "shield", "to_thread", "create_task", "timeout", "timeout_at"):
    if hasattr(asyncio, _api):
        _wrapped = _using(_api, getattr(asyncio, _api))
        setattr(asyncio, _api, _wrapped)
        if _api in ("gather", "wait_for", "wait", "as_completed", "shield", "create_task"):
            setattr(asyncio.tasks, _api, _wrapped)


def _using_class(cls, api, bounded=None):
    init = cls.__init__

    @functools.wraps(init)  # (inspect.signature(asyncio.Queue) is asyncio's)
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


def _group_enter_using(self):
    _use("TaskGroup")
    return _group_enter_for_uses(self)  # the coroutine itself: no tracer frame on the program's stack


asyncio.TaskGroup.__aenter__ = _group_enter_using

_handle_run = asyncio.events.Handle._run
_sleep_done = asyncio.futures._set_result_unless_cancelled


_Builtin = type(len)


class _Raising:
    """A handle's context for a moment: its first run() raises again what the callback raised;
    after that it is the handle's own context (3.12+'s call_exception_handler runs the
    program's exception handler in the handle's context)."""

    __slots__ = ("error", "context")

    def __init__(self, error, context):
        self.error = error
        self.context = context

    def run(self, callback, *args):
        error = self.error
        if error is None:
            return self.context.run(callback, *args)
        self.error = None
        raise error

    def __getattr__(self, name):
        return getattr(self.context, name)


def _handled(handle, error):
    """What the callback raised (not KeyboardInterrupt or SystemExit, which go on up as from
    asyncio's), handled by asyncio's own Handle._run, as under python3: it runs the handle again on
    a context that raises it, so that the exception handler's message, what it is given and the
    traceback it prints (from events.py's _run, the tracer's frames skipped) are python3's."""
    tb = error.__traceback__
    if tb is not None and tb.tb_frame.f_code in _runs:
        error.__traceback__ = tb.tb_next  # asyncio's own _run stands there now
    context = handle._context
    handle._context = _Raising(error, context)
    try:
        _handle_run(handle)
    finally:
        handle._context = context


class _TracedHandle:
    # Its _run becomes asyncio's Handle._run (_as_asyncio): the call of the callback stays at
    # its columns in events.py (12 to 58), so that a traceback or a stack dump shows asyncio's own
    # line there.
    def _run(self):
        """Every callback of asyncio's own loops, as asyncio's Handle._run runs it (an exception
        goes to _handled): a task's step (its first and the ones it is woken for: the task's
        __step or task_wakeup, never another of its methods a callback may be, such as cancel)
        reports the task's start before its first step, what it waits on after each, its end
        after its last; any callback that held the loop longer than 20 ms is reported as
        blocking. This runs for every callback (a program of N tasks runs some 4 N): few
        bytecodes on each path, and no call to asyncio's Handle._run (a Python frame) unless the
        callback raised."""
        callback = self._callback
        kind = type(callback)
        info = None
        if (
            kind is _StepWrapper or kind is _Builtin and callback.__name__ == "task_wakeup"
            or _StepWrapper is None and _learn_step(callback)
        ):
            owner = callback.__self__
            try:
                info = owner._gatherlab
            except AttributeError:
                info = None  # a task the tracer did not make
            if info is not None and info[5] is not None:
                _started(info)  # its first step
        began, wall = _monotonic(), _wall()
        try:
            self._context.run(self._callback, *self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as error:
            _handled(self, error)
        finally:
            if _settle is not None and _wall() - wall >= 0.02:
                _settle()
            end = _monotonic()
            took = end - began
            if info is None:
                if took > 0.02:
                    _put(f'{{"type":"blocked","t":{began - _start:.4f},"value":"{took:.4f}","id":null}}')
            else:
                if took > 0.02:
                    _put(f'{{"type":"blocked","t":{began - _start:.4f},"value":"{took:.4f}","id":{info[0]}}}')
                if owner.done():
                    _ended(owner, info)
                # info[7], info[8]: the future it waited on after its last step and that wait's
                # label; a short step that left it on the same wait says nothing.
                elif took >= 0.001 or info[8] is None or info[7] is not owner._fut_waiter:
                    _awaits(owner, info, began, end, took)


class _TimedHandle:
    def _run(self):
        """A timer's callback (call_later, call_at): never a task's step, which call_soon
        schedules. asyncio.sleep's (it sets its future's result) cannot hold the loop: it is not
        timed."""
        began, wall = (None, None) if self._callback is _sleep_done else (_monotonic(), _wall())
        try:
            self._context.run(self._callback, *self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as error:
            _handled(self, error)
        finally:
            if began is not None:
                if _settle is not None and _wall() - wall >= 0.02:
                    _settle()
                took = _monotonic() - began
                if took > 0.02:
                    _put(f'{{"type":"blocked","t":{began - _start:.4f},"value":"{took:.4f}","id":null}}')


def _call_line(code, call, column):
    """The first line of `code` where it makes `call` at `column`: the line has the call's span
    and its callee's (the name alone, of the same length, would have only the first), or None."""
    spans = {}
    for line, end, start, stop in code.co_positions():
        if start == column and line == end:
            spans.setdefault(line, set()).add(stop)
    whole, callee = column + len(call), column + call.index("(")
    return min((line for line, stops in spans.items() if whole in stops and callee in stops), default=None)


def _as_asyncio(function, original, call, column):
    """`function` with the code of asyncio's `original` in a traceback or a stack dump (asyncio's
    debug mode prints where each coroutine was made): its file and name, and its lines moved so
    that its `call` at `column` is on the line where asyncio makes the same call, at the same
    columns: the line shown is asyncio's own."""
    ours, theirs = function.__code__, original.__code__
    mine, asyncios = _call_line(ours, call, column), _call_line(theirs, call, column)
    if mine is not None and asyncios is not None:
        function.__code__ = ours.replace(
            co_filename=theirs.co_filename, co_name=theirs.co_name, co_qualname=theirs.co_qualname,
            co_firstlineno=ours.co_firstlineno + asyncios - mine,
        )
    return function


# MARK: - The hot paths in C, when _gatherlab_speedups was built for this Python (`make` builds it
# for each CPython 3.11 to 3.13 it finds): the same functions as the Python above, line for line,
# and every case but the common one handed back to them. GATHERLAB_TRACE_PURE=1 runs the Python.

class _FastHandle:
    def _run(self):
        """_TracedHandle._run, with what it does before and after the callback in C."""
        token = _step_start(self)
        began = _monotonic()
        try:
            self._context.run(self._callback, *self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as error:
            _handled(self, error)
        finally:
            _step_end(token, began)


if _speedups is not None:
    # The Python functions the C ones hand the uncommon cases to.
    _label_py, _ended_py, _task_init_py = _label, _ended, Task.__init__
    _speedups.setup(globals())
    _label, _started, _ended, _awaits = _speedups.label, _speedups.started, _speedups.ended, _speedups.awaits
    _step_start, _step_end = _speedups.step_start, _speedups.step_end
    _speedups.install_init(Task)

_CALL = "self._context.run(self._callback, *self._args)"
asyncio.events.Handle._run = _as_asyncio((_TracedHandle if _speedups is None else _FastHandle)._run, _handle_run, _CALL, 12)
asyncio.events.TimerHandle._run = _as_asyncio(_TimedHandle._run, _handle_run, _CALL, 12)
if "_gatherlab_clock" in sys.modules:
    # Its two calls of handle._run() are eight lines apart, as asyncio's are.
    _as_asyncio(_gatherlab_clock.VirtualLoop._run_once, asyncio.base_events.BaseEventLoop._run_once, "handle._run()", 20)
_runs = (asyncio.events.Handle._run.__code__, asyncio.events.TimerHandle._run.__code__)


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


# Only for an exercise check (GATHERLAB_WATCH_STDIN=1): under `trace`, sys.stdin is python3's own
# (its type, its repr, sys.stdin is sys.__stdin__).
if os.environ.pop("GATHERLAB_WATCH_STDIN", None) == "1" and sys.stdin is not None and not sys.stdin.isatty():
    sys.stdin = _Input(sys.stdin)


import atexit  # noqa: E402  handlers run last-registered first: the program's own run before this one

atexit.register(_finish)


# MARK: - The program's output on virtual time (issue 21). gatherlab reads the program's stdout and
# stderr from pipes, which say nothing of when a byte was written: on virtual time the trace must
# time the output on the loop's clock and place it among the tracer's lines the same way every run.
# So every write the program's own sys.stdout and sys.stderr make (print, sys.stdout.buffer,
# flushes at exit) and every os.write on descriptor 1 or 2 goes to the pipe as frames: b"\0", the
# token gatherlab named, b"SEQ,LENGTH\n", then the bytes; a frame is at most PIPE_BUF bytes, so
# the kernel writes it whole and no other writer's bytes (a child process's) fall inside it. Then
# {"type":"write","t":T,"stream":"stdout","seq":SEQ,"bytes":N} goes on the trace, after the
# tracer's lines that came before the write: gatherlab shows the write's bytes there, timed T.
# Bytes outside frames (child processes, a forked worker, C code writing to the descriptor) are
# shown as they arrive. On real time nothing here is installed: the bytes are timed on arrival.

import io  # noqa: E402
import select as _select  # noqa: E402
import stat as _stat  # noqa: E402

_output_token = os.environ.pop("GATHERLAB_TRACE_OUTPUT_TOKEN", None)
_late = False  # the tracer's last flush has begun: a write's line goes to the FIFO at once


class _MarkedDescriptor:
    """Descriptor 1 or 2 while it is still the pipe gatherlab gave: writes go as marked frames."""

    def __init__(self, descriptor, stream):
        self.descriptor = descriptor
        self.stream = stream
        self.seq = 0
        self.lock = threading.Lock()  # one write's frames, and its seq, in order
        try:
            info = os.fstat(descriptor)
            self.identity = (info.st_dev, info.st_ino) if _stat.S_ISFIFO(info.st_mode) else None
        except OSError:
            self.identity = None

    def marks(self):
        """Whether a write now is framed: not in a forked child, and not once the program has put
        something else (a file, the other stream) on the descriptor."""
        if self.identity is None or os.getpid() != _pid:
            return False
        try:
            info = os.fstat(self.descriptor)
        except OSError:
            return False
        return (info.st_dev, info.st_ino) == self.identity

    def write(self, data):
        """As os.write: the number of bytes written (BlockingIOError when none could be)."""
        if not self.marks():
            return _plain_write(self.descriptor, data)
        view = memoryview(data).cast("B")
        size = len(view)
        if not size:
            return 0
        if _catch_up is not None:
            _catch_up()
        with self.lock:
            self.seq += 1
            seq, written = self.seq, 0
            if size <= _FRAME_ROOM:
                # One frame (every print of a program run unbuffered): whole or nothing.
                _plain_write(self.descriptor, b"%s%d,%d\n%s" % (_output_magic, seq, size, view))
                _put(f'{{"type":"write","t":{_monotonic() - _start:.4f},"stream":"{self.stream}","seq":{seq},"bytes":{size}}}')
                if _late:
                    _flush()
                return size
            try:
                while written < len(view):
                    piece = view[written:written + _FRAME_ROOM]
                    try:
                        # Whole or nothing: a frame is at most PIPE_BUF bytes.
                        _plain_write(self.descriptor, b"%s%d,%d\n%s" % (_output_magic, seq, len(piece), piece))
                    except BlockingIOError:
                        if written:
                            break
                        raise
                    written += len(piece)
            finally:
                if written:
                    _put(f'{{"type":"write","t":{_monotonic() - _start:.4f},"stream":"{self.stream}","seq":{seq},"bytes":{written}}}')
                    if _late:
                        _flush()
        return written


class _MarkedFile(io.FileIO):
    """The raw file under the program's sys.stdout / sys.stderr."""

    def __init__(self, marked):
        super().__init__(marked.descriptor, "w", closefd=False)
        self._gatherlab_marked = marked

    def write(self, data):
        try:
            return self._gatherlab_marked.write(data)
        except BlockingIOError:
            return None  # as FileIO says it would block


_MarkedFile.__name__ = _MarkedFile.__qualname__ = io.FileIO.__name__  # type(sys.stdout.buffer.raw) says FileIO
_MarkedFile.__module__ = io.FileIO.__module__


def _marked_stream(old, marked, name):
    """A stream like `old` (its encoding, buffering, line buffering) over a marked raw file."""
    raw = _MarkedFile(marked)
    raw.name = name
    buffer = old.buffer
    if not isinstance(buffer, io.RawIOBase):  # python3 -u (PYTHONUNBUFFERED): no buffer between
        buffer = io.BufferedWriter(raw, getattr(buffer.raw, "_blksize", io.DEFAULT_BUFFER_SIZE))
    else:
        buffer = raw
    text = io.TextIOWrapper(
        buffer, encoding=old.encoding, errors=old.errors, newline="\n",
        line_buffering=old.line_buffering, write_through=old.write_through,
    )
    text.mode = "w"
    return text


def _flush_streams():
    # Registered after _finish, so it runs before it: what the program left in sys.stdout's
    # buffer reaches the pipe, and its line the trace, before the tracer's last flush.
    global _late
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    _late = True


if _output_token is not None and os.environ.get("GATHERLAB_CLOCK") == "virtual":
    _plain_write = os.write
    _output_magic = b"\0" + _output_token.encode("ascii")
    _FRAME_ROOM = getattr(_select, "PIPE_BUF", 512) - len(_output_magic) - 48
    _marked = {1: _MarkedDescriptor(1, "stdout"), 2: _MarkedDescriptor(2, "stderr")}
    _replaced = []  # the streams python3 made: kept, so that collecting them closes nothing
    for _name, _fd in (("stdout", 1), ("stderr", 2)):
        _old = getattr(sys, _name)
        if _marked[_fd].identity is None or _old is None or getattr(_old, "buffer", None) is None:
            continue
        try:
            _old.flush()
            _new = _marked_stream(_old, _marked[_fd], f"<{_name}>")
        except (AttributeError, OSError, ValueError):
            continue
        _replaced.append(_old)
        setattr(sys, _name, _new)
        if getattr(sys, f"__{_name}__") is _old:
            setattr(sys, f"__{_name}__", _new)

    @functools.wraps(_plain_write)
    def _write_descriptor(fd, data):
        marked = _marked.get(fd)
        return marked.write(data) if marked is not None else _plain_write(fd, data)

    os.write = _write_descriptor
    atexit.register(_flush_streams)

# The tracer's frames that stand between the program and asyncio (the wrappers of gather,
# create_task, wait_for, Task.__init__) count as asyncio's where asyncio looks for its caller by
# module name: 3.12+'s "There is no current event loop" DeprecationWarning walks up the stack past
# frames whose module is asyncio or asyncio.*, and names the program's line (python3 shows it
# there; at a frame of '_gatherlab_trace' the default filters hid it). Set last: what was defined
# above keeps '_gatherlab_trace' as its __module__.
__name__ = "asyncio._gatherlab_trace"

# The program's environment is the one python3 FILE gets: what gatherlab told the tracer and the
# clock module has been read.
for _name in ("GATHERLAB_CLOCK", "GATHERLAB_SEED", "GATHERLAB_VIRTUAL_LIMIT", "GATHERLAB_STOP_STUCK"):
    os.environ.pop(_name, None)
