# Megabytes of logging to stderr while tasks run: 5 001 lines, every one kept, in order.
import asyncio
import logging
import sys

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
log = logging.getLogger("corpus")


async def chatty(n):
    for i in range(1000):
        log.info("task %d line %04d %s", n, i, "x" * 40)
        if i % 250 == 0:
            await asyncio.sleep(0)
    return n


async def main():
    await asyncio.gather(*(chatty(n) for n in range(5)))
    log.warning("all 5 000 lines written")
    print("done")


asyncio.run(main())
print("tasks: 6", file=sys.stderr)
