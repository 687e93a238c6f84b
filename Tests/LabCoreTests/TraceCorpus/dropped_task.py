# Fire and forget, the classic way to lose a task: create_task() with its result thrown away, the
# task waiting on a future nothing else holds. python3 collects the pending task while the loop
# runs ("Task was destroyed but it is pending!", at the collection, before "after collect"), and
# a weak reference to it dies. The tracer must not keep it alive. asyncio's Task takes attributes
# of the program's own (a task.note = ... works under python3), and must under trace too.
import asyncio
import gc
import sys
import weakref


async def forgotten():
    print("forgotten starts")
    await asyncio.get_running_loop().create_future()  # nobody else holds this future
    print("never printed")


async def noted():
    await asyncio.sleep(0.001)
    return "noted"


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda loop, context: print(context["message"], file=sys.stderr))
    alive = weakref.ref(asyncio.create_task(forgotten()))
    await asyncio.sleep(0.001)
    gc.collect()
    print("after collect; the task is", "alive" if alive() is not None else "gone")
    task = asyncio.create_task(noted())
    task.note = "mine"
    print(await task, task.note)


asyncio.run(main())
print("tasks: 3", file=sys.stderr)
