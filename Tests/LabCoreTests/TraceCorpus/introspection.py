# What a program sees of asyncio, of its threads and of its streams is what python3 shows it: the
# loop's class and repr (on virtual time too), the threads threading knows (the tracer's writer is
# none of them), sys.stdin as python3 made it, asyncio's functions with their own names and
# signatures, the program's exception handler called in the handle's context (3.12+), and an
# os.fork() with no DeprecationWarning about threads (3.12+), since the program has none.
import asyncio
import inspect
import os
import sys
import threading


async def child(n):
    await asyncio.sleep(0)
    return n


def on_error(loop, context):
    print("handler:", context["message"].split(" at ")[0], type(context.get("exception")).__name__)


def fails():
    raise ZeroDivisionError("in a callback")


async def main():
    loop = asyncio.get_running_loop()
    print(loop)
    print(type(loop).__name__, type(loop).__module__, type(loop._selector).__name__)
    print("threads", threading.active_count(), [thread.name for thread in threading.enumerate()])
    print("stdin", type(sys.stdin).__name__, sys.stdin is sys.__stdin__)
    raw = getattr(sys.stdout.buffer, "raw", sys.stdout.buffer)
    print("stdout", type(sys.stdout.buffer).__name__, type(raw).__name__, sys.stdout is sys.__stdout__)
    for api in (asyncio.gather, asyncio.create_task, asyncio.wait_for, asyncio.shield):
        print(api.__qualname__, api.__module__, inspect.signature(api))
    for cls in (asyncio.Queue, asyncio.Semaphore):
        print(cls.__name__, inspect.signature(cls))
    loop.set_exception_handler(on_error)
    loop.call_soon(fails)
    await asyncio.sleep(0)
    loop.set_exception_handler(None)
    print(await asyncio.gather(child(1), child(2)))
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    print("forked, threads", threading.active_count())
    print("tasks: 3", file=sys.stderr)


asyncio.run(main())
