# return-exceptions: A fails at 1 s, B succeeds at 2 s. Nothing is cancelled;
# gather returns at 2 s with the error in A's slot and the value in B's.
import asyncio


async def fail(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(f"{name} failed")


async def work(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    results = await asyncio.gather(fail("A", 1), work("B", 2),
                                   return_exceptions=True)
    for slot, result in enumerate(results):
        # BaseException also catches CancelledError, which is not an Exception.
        if isinstance(result, BaseException):
            print(f"slot {slot}: error {result!r}")
        else:
            print(f"slot {slot}: value {result!r}")


asyncio.run(main())
