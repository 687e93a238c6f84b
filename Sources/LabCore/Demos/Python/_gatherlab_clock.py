"""_gatherlab_clock: virtual time for asyncio (`gatherlab trace --clock virtual`, and the twins).

Imported before the program when GATHERLAB_CLOCK=virtual. Every event loop the program makes
through asyncio.run, asyncio.new_event_loop or the default policy then reads a virtual clock:

- When the loop would wait and nothing real is pending, its clock jumps straight to the next
  timer and the loop goes on at once: `await asyncio.sleep(3)` takes microseconds and ends at
  exactly 3.000. `sleep`, `call_later`, `call_at`, `wait_for`, `timeout`, `timeout_at` all follow.
- Something real is pending while the selector watches a file descriptor other than the loop's
  own wake-up pipe (a socket, a pipe, a listening server, a subprocess's pidfd), while an executor
  job runs (`to_thread`, `run_in_executor`, `getaddrinfo`), or while a subprocess runs. Then the
  loop waits for real, and its clock advances with real time, while it waits and while callbacks
  run, for as long as it is pending: a thread's 0.2 s sleep spans at least 0.2 s. A child of a
  plain `subprocess.Popen` counts while the loop has a timer (a coroutine polling it with
  `asyncio.sleep` polls in real time); it cannot wake the loop itself, so it does not keep a loop
  with nothing on its clock from being stuck (see "A stuck loop"). So does a thread the program
  started, while it is alive: it may be working in real time, and its results must reach the
  loop when they would under python3 (with no timer, the stuck check looks every 50 ms).
- Blocking still shows as blocking: `time.sleep(s)` on the loop's thread moves the clock on by
  exactly `s`, and a callback that computes for 20 ms of CPU time or more moves it on by that
  time. Shorter callbacks, and time the process spends waiting for a CPU on a loaded machine, do
  not move it, so instants do not depend on how fast or how busy the machine is, and the same
  program gives the same instants every time. A callback that waits 0.1 s or more without
  computing (a thread's join, a lock, a blocking read, on the loop's thread) moves it on by that
  wait, on Linux (its schedstat tells such a wait from one for a CPU). What a callback has
  blocked so far counts when it reads the loop's time (a sleep it starts after a join is due from
  the join's end) and when it writes output, not only at its end.
- `time.time()`, `time.monotonic()` and threads the program starts itself stay on real time.
- A program that installs its own event loop (uvloop's policy, a loop class of its own) runs on
  real time while that loop runs, and so does a program while event loops run in more than one
  thread at once (each loop's jumps would move the others' clocks on); the report says so.
- A busy loop follows real time, as under python3: a loop that turns 10 000 times in a row with a
  callback ready every time and nothing making its clock move (`while loop.time() < deadline:
  await asyncio.sleep(0)`, or a flag a timer sets polled the same way) would otherwise turn for
  ever on an unmoving clock. From the 10 000th turn the clock follows real time until the loop
  next waits. (Instants after so many hops in a row are then as uneven as on the real clock.)
- What has come in when the loop would jump (a signal the program sent itself, another thread's
  call_soon_threadsafe) is handled first, at the instant it came, as on a real machine.

GATHERLAB_SEED=N (N > 0) perturbs what differs between real machines: each timer's delay is scaled
by a factor drawn from N's random sequence (within ±10%), and timers due at the same instant fire
in an order drawn from it. Ready callbacks keep asyncio's first-in first-out order. The same N
gives the same run; 0 perturbs nothing.
"""
import asyncio
import functools
import heapq
import os
import selectors
import subprocess
import sys
import threading
import time as _time
import types
import weakref
from asyncio import events, unix_events

BLOCKING = 0.02  # a callback computing this long (CPU seconds) or longer moves the clock on
WAITING = 0.1  # ... and one waiting this long (a join, a lock, a blocking read: see _blocked)
# A busy loop: after this many turns in a row with a callback ready and the clock unmoved, the clock
# follows real time until the loop next waits (the loop cannot wait: every turn has one ready).
SPIN_TURNS = 10_000
_spins = 0
# GATHERLAB_VIRTUAL_LIMIT=S (an exercise check's hang limit): a jump past S virtual seconds ends
# the program, after a {"type":"limit"} line, instead of running on (a loop of sleeps forever).
LIMIT = float(os.environ.get("GATHERLAB_VIRTUAL_LIMIT") or 0)
JITTER = 0.1
seed = int(os.environ.get("GATHERLAB_SEED") or 0)
if seed:
    # Only on a seed: on 3.12 and 3.13 asyncio does not import random (nor bisect, hashlib's
    # _sha2), so seed 0 leaves sys.modules as python3 would and saves their import.
    import random

    _random = random.Random(seed)
_rate = 1.0  # virtual seconds per real second while the loop waits for something real
_virtual = 0.0  # the clock: virtual seconds since this module was imported
_real_origin = None  # while a loop of the program's own runs: real monotonic time at virtual 0
report = None  # called with each clock line (the tracer's queue), when set
_reported = None
_cpu_mark = 0.0  # the loop thread's CPU time when the loop last came out of select (or counted a callback)
_excused = 0.0  # real seconds, in all, that callbacks spent in time.sleep (counted already) or starting a job (not to count)


def now():
    """The clock's reading: virtual seconds, or real ones while a loop of the program's own runs."""
    if _real_origin is not None:
        return _time.monotonic() - _real_origin
    return _virtual


def set_rate(rate):
    """The twins' --speed: real waits and blocking calls count `rate` virtual seconds a second."""
    global _rate
    _rate = rate


# The tracer's view of `time`: its monotonic() is this clock; sleep() and the rest are real. While
# no loop of the program's own runs, the clock is _virtual, read with no Python frame (the tracer
# reads the clock several times a task); clock_changed(reader) tells the tracer when that changes.
_read_virtual = functools.partial(getattr, sys.modules[__name__], "_virtual")
tracer_time = types.SimpleNamespace(monotonic=_read_virtual, sleep=_time.sleep, time=_time.time, perf_counter=_time.perf_counter)
clock_changed = None


_moved = 0.0  # seconds the callbacks' blocking moved the clock on, in all
_real_mark = None  # (real monotonic time, _moved) since when something real has been pending


def _advance(seconds):
    global _virtual, _moved
    _virtual += seconds
    _moved += seconds


def _mark_real():
    """Something real starts or stays pending: from now the clock follows real time, callbacks too."""
    global _real_mark
    if _real_mark is None:
        _real_mark = (_time.monotonic(), _moved)


def _count_real_mark():
    """Real work was pending while the callbacks since _real_mark ran: their time counts too (less
    what their blocking already moved the clock on)."""
    global _virtual, _real_mark
    since, moved = _real_mark
    _virtual += max(0.0, (_time.monotonic() - since) * _rate - (_moved - moved))
    _real_mark = None


def _stop_at_limit():
    """The clock would pass LIMIT: say so on the trace (or stderr) and end the process now."""
    line = '{"type":"limit","t":%.4f}' % LIMIT
    if report is not None:
        report(line)
    else:
        os.write(2, b"gatherlab: stopped at %g s of virtual time\n" % LIMIT)
    os._exit(124)  # the tracer's os._exit writes its last lines first


def _real_pending(loop, timed):
    """Whether something real is pending for `loop`. A plain Popen child or a thread of the
    program's counts only while the loop has a timer (`timed`): with none, the loop looks again
    every 50 ms while a thread is alive (see "A stuck loop"), and a child cannot wake it."""
    return loop._gatherlab_real_pending() or timed and (
        _children and _child_running() or _thread_count() > tracer_threads and _threads_at_work())


class _Selector:
    """The loop's selector: a wait with nothing real pending does not wait; it moves the clock."""

    def __init__(self, selector, loop):
        self._selector = selector
        self._loop = loop

    def select(self, timeout=None):
        global _cpu_mark
        try:
            return self._select(timeout)
        finally:
            _cpu_mark = _thread_time()
            if _sched_mark is not None and _monotonic() - _sched_mark[0] >= 0.001:
                _mark_sched()

    def _select(self, timeout):
        global _virtual, _real_mark, _spins
        if _real_origin is not None:
            return self._selector.select(timeout)  # the clock follows real time (see _decide)
        loop = self._loop
        real = _real_pending(loop, timeout is not None)
        if _real_mark is not None:
            _count_real_mark()
        if timeout is None and not real:
            _spins = 0
            events = _when_idle(self._selector, loop)  # nothing on the clock (see "A stuck loop")
            if events is not None:
                return events
        if timeout is None or timeout <= 0 or real:
            if timeout == 0:
                events = self._selector.select(0)
                _spins += 1
            else:
                _spins = 0
                start = _time.monotonic()
                try:
                    events = self._selector.select(None if timeout is None else timeout / _rate)
                finally:
                    _virtual += (_time.monotonic() - start) * _rate
            if real and _real_pending(loop, True):
                _mark_real()
            elif _spins >= SPIN_TURNS:
                _mark_real()  # a busy loop (see "A busy loop")
            return events
        _spins = 0
        # What has come in already is handled before the clock moves, as on a real machine, where
        # it would beat the timer: a signal the program sent itself (its handler's byte on the
        # loop's wake-up pipe), another thread's call_soon_threadsafe.
        events = self._selector.select(0)
        if events:
            return events
        scheduled = loop._scheduled
        if scheduled and timeout < _MAXIMUM_SELECT_TIMEOUT:
            target = max(_virtual, scheduled[0])  # exactly the timer's instant
        else:
            target = _virtual + timeout
        if LIMIT and target > LIMIT:
            _stop_at_limit()
        _virtual = target
        return events

    def __getattr__(self, name):
        return getattr(self._selector, name)


_rank = __import__("operator").itemgetter(0)  # a seed's order among timers due at the same instant
_heappush, _heappop, _heapify = heapq.heappush, heapq.heappop, heapq.heapify
_MAXIMUM_SELECT_TIMEOUT = asyncio.base_events.MAXIMUM_SELECT_TIMEOUT
_MIN_SCHEDULED = asyncio.base_events._MIN_SCHEDULED_TIMER_HANDLES
_MIN_CANCELLED_FRACTION = asyncio.base_events._MIN_CANCELLED_TIMER_HANDLES_FRACTION


class VirtualLoop(unix_events._UnixSelectorEventLoop):
    """The default event loop on the virtual clock.

    Its timers wait in buckets, one per instant: `_scheduled` is a heap of the instants (floats)
    and `_gatherlab_due` maps each to its timers, in the order they fire. Pushing a timer and
    popping the timers of an instant cost no Python call (asyncio's heap of TimerHandles calls
    TimerHandle.__lt__, Python code, about twenty times a pop), and 10 000 tasks sleeping the same
    10 ms share one bucket. Timers due at the same instant fire in the order they were made on
    seed 0 (as on a real machine, where the later one's deadline is later by the time between),
    in the seed's order on another seed. _run_once is asyncio's own (the same in 3.11, 3.12 and
    3.13) on these buckets.
    """

    _gatherlab_virtual = True

    def __init__(self, selector=None):
        self._gatherlab_jobs = set()
        self._gatherlab_processes = []
        self._gatherlab_starting = 0
        self._gatherlab_due = {}  # instant -> its timers (on a seed: (rank, timer) pairs)
        self._gatherlab_timers = 0  # timers in the buckets, cancelled ones too
        super().__init__(_Selector(selector or selectors.DefaultSelector(), self))

    def time(self):
        # Read inside a callback that has blocked for BLOCKING or more (it joined a thread, then
        # sleeps): its blocking so far counts first, as python3's clock would have moved on by
        # then, and a timer it sets is due from there.
        if _real_origin is None:
            if _monotonic() - _excused - _callback_start >= BLOCKING and events._get_running_loop() is self:
                _blocked_so_far()
            return _virtual
        return _time.monotonic() - _real_origin

    def _gatherlab_real_pending(self):
        if self._gatherlab_jobs or self._gatherlab_starting:
            return True
        if self._gatherlab_processes:
            self._gatherlab_processes = [p for p in self._gatherlab_processes if p.get_returncode() is None]
            if self._gatherlab_processes:
                return True
        watched = len(self._selector._selector.get_map())
        return watched > (1 if self._ssock is not None else 0)

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        if seed:
            start = self.time()
            delay = when - start
            if delay > 0:
                when = start + delay * (1 + JITTER * (2 * _random.random() - 1))
        timer = events.TimerHandle(when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        bucket = self._gatherlab_due.get(when)
        if bucket is None:
            self._gatherlab_due[when] = bucket = []
            _heappush(self._scheduled, when)
        bucket.append((_random.random(), timer) if seed else timer)
        self._gatherlab_timers += 1
        timer._scheduled = True
        return timer

    def close(self):
        super().close()
        self._gatherlab_due.clear()
        self._gatherlab_timers = 0

    def _gatherlab_drop_cancelled(self):
        """Drops the cancelled timers: all of them when they are most, else those that come first."""
        scheduled, due = self._scheduled, self._gatherlab_due
        count = self._gatherlab_timers
        if count > _MIN_SCHEDULED and self._timer_cancelled_count / count > _MIN_CANCELLED_FRACTION:
            for when in scheduled:
                bucket = due[when]
                kept = []
                for entry in bucket:
                    timer = entry[1] if seed else entry
                    if timer._cancelled:
                        timer._scheduled = False
                    else:
                        kept.append(entry)
                if kept:
                    due[when] = kept
                else:
                    del due[when]
            scheduled[:] = due
            _heapify(scheduled)
            self._gatherlab_timers = sum(map(len, due.values()))
            self._timer_cancelled_count = 0
            return
        while scheduled:
            bucket = due[scheduled[0]]
            dropped = 0
            for entry in bucket:
                timer = entry[1] if seed else entry
                if not timer._cancelled:
                    break
                timer._scheduled = False
                dropped += 1
            if dropped:
                self._timer_cancelled_count -= dropped
                self._gatherlab_timers -= dropped
                del bucket[:dropped]
            if bucket:
                return
            del due[_heappop(scheduled)]

    def _run_once(self):
        """One turn of the loop: asyncio's BaseEventLoop._run_once, on the buckets."""
        self._gatherlab_drop_cancelled()
        scheduled = self._scheduled
        ready = self._ready
        timeout = None
        if ready or self._stopping:
            timeout = 0
        elif scheduled:
            timeout = min(max(0, scheduled[0] - self.time()), _MAXIMUM_SELECT_TIMEOUT)
        event_list = self._selector.select(timeout)
        self._process_events(event_list)
        event_list = None  # Needed to break cycles when an exception occurs.

        # The timers due by now (the selector moved the clock to the first one's instant), each
        # instant's in one go.
        end_time = self.time() + self._clock_resolution
        due = self._gatherlab_due
        while scheduled and scheduled[0] < end_time:
            bucket = due.pop(_heappop(scheduled))
            if seed:
                bucket.sort(key=_rank)
                bucket = [entry[1] for entry in bucket]
            self._gatherlab_timers -= len(bucket)
            for handle in bucket:
                handle._scheduled = False
            ready.extend(bucket)

        # Run what is ready now, not what these callbacks make ready. Each is timed on the wall
        # clock (cheap), less what _excused grew by while it ran (time.sleep, counted already;
        # starting an executor job, not the program's time): a long one may move the clock on.
        # Laid out as asyncio's loop (the tracer's _as_asyncio): its two calls of handle._run()
        # at asyncio's columns, eight lines apart.
        global _callback_start
        popleft = ready.popleft
        monotonic = _monotonic
        for _ in range(len(ready)):
            handle = popleft()
            if handle._cancelled:
                continue
            start = _callback_start = monotonic() - _excused
            if self._debug:
                try:
                    self._current_handle = handle
                    t0 = self.time()
                    handle._run()
                    _check_blocking(start)  # (before dt: a blocking callback is a slow one too)
                    dt = self.time() - t0
                    if dt >= self.slow_callback_duration:
                        asyncio.base_events.logger.warning("Executing %s took %.3f seconds", asyncio.base_events._format_handle(handle), dt)
                finally:
                    self._current_handle = None
            else:
                handle._run()
                if monotonic() - _excused - start >= BLOCKING:
                    _blocked()
        handle = None  # Needed to break cycles when an exception occurs.
        _callback_start = _NO_CALLBACK

    def run_in_executor(self, executor, func, *args):
        job = object()
        jobs = self._gatherlab_jobs
        jobs.add(job)
        _mark_real()
        global _excused
        start = _time.monotonic()
        try:
            # The function itself, not a wrapper: a process pool pickles it. The job is real
            # until its future's callbacks run on the loop's thread (the pool's thread wakes the
            # loop to set the future, which then calls them).
            future = super().run_in_executor(executor, func, *args)  # may start a thread: not the program's time
        except BaseException:
            jobs.discard(job)
            raise
        finally:
            _excused += _time.monotonic() - start
        future.add_done_callback(lambda _: jobs.discard(job))
        return future

    def shutdown_default_executor(self, *args, **kwargs):
        # asyncio.run joins the executor's threads on a thread of its own (_do_shutdown), under a
        # timeout: real work until that thread ends. (Not a coroutine of this module's: the tracer
        # hides asyncio's own.)
        if self._default_executor is not None and not self._executor_shutdown_called:
            self._gatherlab_jobs.add("shutdown")
            _mark_real()
        return super().shutdown_default_executor(*args, **kwargs)

    def _do_shutdown(self, future):
        try:
            super()._do_shutdown(future)
        finally:
            try:
                self.call_soon_threadsafe(self._gatherlab_jobs.discard, "shutdown")
            except RuntimeError:
                self._gatherlab_jobs.discard("shutdown")

    async def _make_subprocess_transport(self, *args, **kwargs):
        self._gatherlab_starting += 1
        _mark_real()
        try:
            transport = await super()._make_subprocess_transport(*args, **kwargs)
        finally:
            self._gatherlab_starting -= 1
        self._gatherlab_processes.append(transport)
        return transport


# The program sees asyncio's own loop class where it looks (repr(loop), type(loop).__name__):
# <_UnixSelectorEventLoop running=True closed=False debug=False>, as under python3.
VirtualLoop.__name__ = VirtualLoop.__qualname__ = unix_events._UnixSelectorEventLoop.__qualname__
VirtualLoop.__module__ = unix_events._UnixSelectorEventLoop.__module__
_Selector.__name__ = _Selector.__qualname__ = selectors.DefaultSelector.__qualname__  # (loop._selector)
_Selector.__module__ = selectors.DefaultSelector.__module__


# MARK: - Children of subprocess.Popen
#
# Popen sets its _child_created once the child runs (its pid set): a descriptor on the class notes
# the Popen then, weakly, with no frame of this module's on the program's stack (Popen's own
# errors keep python3's traceback). A child runs until the program reaps it (returncode) or it
# exits (waitid without reaping it: the program's own wait still gets its status).
_children = []  # weak references to the Popens whose child may still run
_WAIT_EXITED = getattr(os, "WEXITED", 0) | getattr(os, "WNOHANG", 0) | getattr(os, "WNOWAIT", 0)


class _ChildCreated:
    def __get__(self, popen, owner=None):
        return False if popen is None else popen.__dict__.get("_child_created", False)

    def __set__(self, popen, value):
        popen.__dict__["_child_created"] = value
        if value:
            _children.append(weakref.ref(popen))


subprocess.Popen._child_created = _ChildCreated()


def _child_running():
    """Whether a child of a Popen still runs (the others are forgotten)."""
    waitid = getattr(os, "waitid", None)
    kept = []
    for ref in _children:
        popen = ref()
        if popen is None or popen.returncode is not None:
            continue
        if waitid is not None:
            try:
                if waitid(os.P_PID, popen.pid, _WAIT_EXITED) is not None:
                    continue  # exited: a zombie until the program reaps it
            except OSError:
                continue  # reaped by someone else (os.waitpid)
        kept.append(ref)
    _children[:] = kept
    return bool(kept)


# MARK: - A stuck loop: nothing on the clock and nothing that can wake it.
#
# The loop would wait with no timer, no ready callback and nothing real pending (see above), on
# the main thread. Something outside the loop can still wake it while (1) another thread is alive
# (it may call call_soon_threadsafe), besides the tracer's writer and idle workers of the loop's
# own default executor; or (2) a signal handler the program set may run: loop.add_signal_handler,
# or signal.signal with a handler of its own (Python's and asyncio.run's own SIGINT handlers do
# not count). With a live thread the loop waits for real STUCK_POLL seconds at a time and looks
# again (a thread can end without waking it). A child process cannot call into the loop: it wakes
# it only through what is counted already (a pipe the loop watches, a signal handler, a thread
# that waits on it), so a running child of a plain subprocess.Popen does not count here. With
# neither, only a signal from outside (Ctrl-C, kill) can ever wake it:
# - GATHERLAB_STOP_STUCK=1 (an exercise check): after a last real wait of STUCK_POLL seconds with
#   nothing arriving, the program is ended there, after a {"type":"stuck","t":T} line (the
#   tracer's await lines before it say what each task waits on), instead of hanging until the
#   check's 10 s of real time. With a signal handler of the program's it waits as before.
# - otherwise (`trace`): a {"type":"idle","t":T} line says the loop waits with nothing on the
#   clock, and it waits as python3 would, for Ctrl-C or a signal.
STOP_STUCK = os.environ.get("GATHERLAB_STOP_STUCK") == "1"
STUCK_POLL = 0.05


def _wait_real(selector, seconds):
    global _virtual
    start = _time.monotonic()
    try:
        return selector.select(seconds)
    finally:
        _virtual += (_time.monotonic() - start) * _rate


def _when_idle(selector, loop):
    """The loop would wait for ever with nothing real pending: the events of a short real wait,
    or None to wait as asyncio would (after saying so); or the program ends here (stuck)."""
    wake = _what_could_wake(loop)
    if wake == "thread":
        return _wait_real(selector, STUCK_POLL)
    if wake is None and STOP_STUCK:
        events = selector.select(STUCK_POLL)  # a last look, in real time (the clock stays put)
        if events or _what_could_wake(loop) is not None or loop._ready or loop._scheduled:
            return events
        _stop_stuck()
    if report is not None:
        report('{"type":"idle","t":%.4f}' % _virtual)
    return None


def _what_could_wake(loop):
    """"thread", "signal", or None: what, outside the loop, could still wake it."""
    if threading.current_thread() is not threading.main_thread():
        return "thread"  # the main thread is alive and may call call_soon_threadsafe
    others = _thread_count()
    if others:
        quiet = tracer_threads  # threads that cannot wake the loop
        executor = loop._default_executor
        idle_workers = getattr(executor, "_threads", ()) if not loop._gatherlab_jobs else ()
        for thread in threading.enumerate():
            if thread in idle_workers:
                quiet += 1
        if others > quiet:
            return "thread"
    if loop._signal_handlers:
        return "signal"
    import signal

    for number in signal.valid_signals():
        try:
            handler = signal.getsignal(number)
        except (OSError, ValueError):
            continue
        if callable(handler) and handler is not signal.default_int_handler and not _runners_sigint(handler):
            return "signal"
    return None


tracer_threads = 0  # the tracer's writer thread (a thread of _thread's: not in threading.enumerate())


def _threads_at_work():
    """Whether a thread the program started is alive, besides the loop's own: it may be working in
    real time (a producer, another event loop, a wait on a socket). Not counted: the main thread
    seen from a loop in another thread (it may only be waiting for that loop), the tracer's
    writer, and concurrent.futures' own threads (an idle pool worker waits for a job, and a job
    the loop gave one counts already)."""
    others = _thread_count() - tracer_threads
    if threading.get_ident() != threading.main_thread().ident:
        others -= 1  # the loop's own thread
    for module, threads in (("concurrent.futures.thread", "_threads_queues"), ("concurrent.futures.process", "_threads_wakeups")):
        module = sys.modules.get(module)
        if others > 0 and module is not None:
            others -= sum(1 for thread in list(getattr(module, threads, ())) if thread.is_alive())
    return others > 0


def _thread_count():
    """Python threads alive besides the main one (threading's and _thread's alike)."""
    import _thread

    counter = getattr(_thread, "_count", None)
    return counter() if counter is not None else threading.active_count() - 1


def _runners_sigint(handler):
    """asyncio.run's own SIGINT handler (it cancels the main task on Ctrl-C)."""
    owner = getattr(getattr(handler, "func", None), "__self__", None)
    return isinstance(owner, asyncio.runners.Runner)


def _stop_stuck():
    import sys

    for stream in (sys.stdout, sys.stderr):  # what the program printed reaches the check
        try:
            stream.flush()
        except Exception:
            pass
    line = '{"type":"stuck","t":%.4f}' % _virtual
    if report is not None:
        report(line)
    else:
        os.write(2, b"gatherlab: stopped at %.3f s of virtual time: nothing could wake the event loop\n" % _virtual)
    os._exit(124)  # the tracer's os._exit writes its last lines first


# Blocking callbacks move the clock on: VirtualLoop._run_once times each callback it runs (no
# wrapper around Handle._run, whose extra Python frame cost every callback of a run ~0.3 us).
_thread_time = _time.thread_time
_monotonic = _time.monotonic
events.AbstractEventLoop._gatherlab_virtual = False  # every loop has it: an attribute read, not a getattr that fails


def _check_blocking(start):
    """A debug loop's check, after a callback that started at `start`: did it block?"""
    if _monotonic() - _excused - start >= BLOCKING:
        _blocked()


# Seconds the tracer's own writes took, on any thread (the loop's thread waits for the GIL, or for
# the write lock, meanwhile): not the program's blocking. The tracer adds to it.
tracer_held = 0.0


# When the callback running now started (wall clock less _excused, as _run_once times it); far in
# the future between callbacks, where time() has nothing to count.
_NO_CALLBACK = float("inf")
_callback_start = _NO_CALLBACK


def _blocked_so_far():
    """time() inside a callback that has blocked BLOCKING or more: count it now, and time the rest
    of the callback from here (_run_once's look at its end counts what is left, if enough)."""
    global _callback_start
    _blocked()
    _callback_start = _monotonic() - _excused


def catch_up():
    """The tracer asks before it stamps the program's output: inside a callback of the virtual
    loop that has blocked BLOCKING or more, that blocking counts first (a line printed after a
    0.3 s join is stamped 0.3 s on, as under python3)."""
    if (
        _real_origin is None and _monotonic() - _excused - _callback_start >= BLOCKING
        and getattr(events._get_running_loop(), "_gatherlab_virtual", False)
    ):
        _blocked_so_far()


def settle():
    """The tracer asks, at the end of a callback that held the loop 20 ms or more of wall time,
    before it reads the clock: the clock moves on now for what the callback blocked, so that the
    callback's end and the blocking it reports are at their instants (_run_once's own look,
    after, then finds nothing left to count)."""
    _blocked()


def _blocked():
    """A callback held the loop BLOCKING seconds or more on the wall clock. What the loop's thread
    did meanwhile says whether the clock moves on: computing does (its CPU time since the loop last
    came out of select, or counted a callback), and so does waiting for something (a thread's
    join, a lock, a blocking read: the wall time less the CPU time and less the time the thread
    waited in the kernel's run queue for a CPU, from Linux's schedstat). Waiting for a CPU on a
    loaded machine does not. Computing counts from BLOCKING on, waiting from WAITING on: a wait for
    the GIL looks the same as a wait for a lock, and on a loaded machine another thread holding
    the GIL (the tracer's writer) can be off its CPU for tens of milliseconds. Where Linux gives
    no schedstat, only computing is seen."""
    global _cpu_mark
    cpu = _thread_time()
    spent, _cpu_mark = cpu - _cpu_mark, cpu
    waited = _waited() if _sched_mark is not None else 0.0
    moved = (spent if spent >= BLOCKING else 0.0) + (waited if waited >= WAITING else 0.0)
    if moved:
        _advance(moved * _rate)


# The main thread's schedstat (Linux): its CPU time and its time waiting for a CPU, in ns. A loop
# on another thread sees only its CPU time.
def _open_sched():
    """This thread's schedstat, where Linux has one, as the one _waited reads; also in a forked
    child, for its own thread (the parent's fd reads the parent's)."""
    global _sched, _main_ident, _sched_mark
    try:
        _sched = os.open("/proc/thread-self/schedstat", os.O_RDONLY | os.O_CLOEXEC)
        _main_ident = threading.get_ident()
        _sched_mark = (_monotonic(), os.pread(_sched, 64, 0), _excused + tracer_held)  # (wall, schedstat, excused) then
    except (OSError, ValueError, AttributeError):
        _sched, _sched_mark = None, None


def _reopen_sched():
    if _sched is not None:
        os.close(_sched)
    _open_sched()


_sched = None
_open_sched()
os.register_at_fork(after_in_child=_reopen_sched)


def _mark_sched():
    global _sched_mark
    if threading.get_ident() == _main_ident:
        _sched_mark = (_monotonic(), os.pread(_sched, 64, 0), _excused + tracer_held)


def _waited():
    """Seconds the main thread has waited since _sched_mark, neither computing nor waiting for a
    CPU, less what _excused and tracer_held grew by meanwhile; the mark moves to now."""
    if threading.get_ident() != _main_ident:
        return 0.0
    then, before, excused = _sched_mark
    _mark_sched()
    now, after = _sched_mark[0], _sched_mark[1]
    ran, queued = (int(field) for field in after.split()[:2])
    ran_before, queued_before = (int(field) for field in before.split()[:2])
    return (now - then) - (ran - ran_before + queued - queued_before) / 1e9 - (_excused + tracer_held - excused)
_sleep = _time.sleep


def _blocking_sleep(seconds):
    """time.sleep: on a virtual loop's thread it moves the clock on by exactly `seconds`."""
    global _excused
    loop = events._get_running_loop()
    if not getattr(loop, "_gatherlab_virtual", False):
        return _sleep(seconds)
    start = _time.monotonic()
    try:
        return _sleep(seconds)
    finally:
        _excused += _time.monotonic() - start
        _advance(seconds * _rate)


_time.sleep = _blocking_sleep

# Every loop made the default way is a virtual one.
unix_events._UnixDefaultEventLoopPolicy._loop_factory = VirtualLoop


_running = {}  # thread ident -> the event loop running in that thread
_running_lock = threading.Lock()


def _decide():
    """A loop started or stopped running in some thread (_running_lock held). The clock is the
    virtual one while the one loop running is a virtual one. It follows real time while a loop of
    the program's own runs, or while loops run in more than one thread at once (one loop's jump
    would move the other's clock on, in the middle of its sleeps). The trace says so, and why,
    each time that changes."""
    global _real_origin, _virtual, _reported, _real_mark
    loops = list(_running.values())
    own = [loop for loop in loops if not getattr(loop, "_gatherlab_virtual", False)]
    if own:
        kind = type(own[0])
        name = kind.__qualname__ if kind.__module__ in ("builtins", "__main__") else f"{kind.__module__}.{kind.__qualname__}"
        why = f"the program installed its own event loop ({name})"
    elif len(loops) > 1:
        why = "event loops run in more than one thread at once"
    else:
        why = None
    if why is None:
        if _real_origin is not None:
            _virtual, _real_origin, _real_mark = now(), None, None
        line = '{"type":"clock","t":%.4f,"clock":"virtual","seed":%d}' % (_virtual, seed)
        key = ("virtual",)
    else:
        if _real_origin is None:
            if _real_mark is not None:
                _count_real_mark()
            _real_origin = _time.monotonic() - _virtual
        line = '{"type":"clock","t":%.4f,"clock":"real","why":%s}' % (now(), _json_string(why))
        key = ("real", why)
    reader = _read_virtual if _real_origin is None else now
    if tracer_time.monotonic is not reader:
        tracer_time.monotonic = reader
        if clock_changed is not None:
            clock_changed(reader)
    if key != _reported and report is not None:
        _reported = key
        report(line)


def _json_string(text):
    from json.encoder import encode_basestring_ascii

    return encode_basestring_ascii(text)


_set_running_loop = events._set_running_loop


def _noting_set_running_loop(loop):
    _set_running_loop(loop)
    with _running_lock:
        if loop is not None:
            _running[threading.get_ident()] = loop
            _decide()
        elif _running.pop(threading.get_ident(), None) is not None and _running:
            _decide()  # the loops left running decide (none: the clock stays as it is)


events._set_running_loop = _noting_set_running_loop
asyncio._set_running_loop = _noting_set_running_loop
