# Says what python3 makes of the script itself: argv[0] as typed, the module __main__ and its
# attributes, and that a class defined here pickles by its __main__ name.
import asyncio
import pickle
import sys

import __main__


class Order:
    pass


async def main():
    print("argv", sys.argv)
    print("main module", sys.modules["__main__"] is __main__, __name__)
    print("attributes", sorted(name for name in vars(__main__) if name.startswith("__")))
    print("loader", type(__loader__).__name__, "spec", __spec__, "package", __package__, "cached", __cached__)
    print("builtins", type(__builtins__).__name__, "doc", __doc__)
    print("pickles", type(pickle.loads(pickle.dumps(Order()))).__qualname__)


asyncio.run(main())
print("tasks: 1", file=sys.stderr)
