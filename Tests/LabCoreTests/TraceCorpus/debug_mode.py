# Stack dumps as python3 prints them: asyncio's debug mode says where a coroutine that was never
# awaited was made (every frame from the program's own <module> down), and the program prints the
# stack inside a task and inside callbacks, and logs one. No frame of gatherlab's shows: no
# bootstrap below the program's <module>, and asyncio's own Handle._run and _run_once where the
# tracer and the virtual clock run the callbacks (the same files, lines and text as python3's).
# A task whose exception is never retrieved is logged with the stack where it was made, and its
# repr says `created at` asyncio's line, not the tracer's.
import asyncio
import gc
import logging
import sys
import traceback

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(funcName)s %(message)s")


async def job():
    await asyncio.sleep(0.001)
    return 1


async def inner():
    await asyncio.sleep(0.001)
    traceback.print_stack(file=sys.stdout)
    logging.info("inside a task", stack_info=True)


async def fail():
    raise ValueError("never retrieved")


async def main():
    loop = asyncio.get_running_loop()
    loop.slow_callback_duration = 60  # (no warnings about slow callbacks on a loaded machine)
    task = asyncio.create_task(job())
    await task
    job()  # never awaited: debug mode prints where it was made
    gc.collect()
    failed = asyncio.ensure_future(fail())
    await asyncio.sleep(0.001)
    del failed
    gc.collect()
    await asyncio.gather(inner(), asyncio.sleep(0.002))
    loop.call_soon(traceback.print_stack)
    loop.call_later(0.001, traceback.print_stack)
    await asyncio.sleep(0.005)


asyncio.run(main(), debug=True)
print("tasks: 5", file=sys.stderr)
