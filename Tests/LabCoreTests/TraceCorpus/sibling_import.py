# Imports a module beside it, and says what python3 says about itself.
import asyncio
import os
import sys

import helpers.greeting
from corpus_sibling import shout


async def main():
    print(shout(helpers.greeting.hello("sibling")))
    print("name", __name__, "file", os.path.basename(__file__), os.path.isabs(__file__))
    print("argv", [os.path.basename(sys.argv[0])] + sys.argv[1:])
    print("path0 is the script's directory", sys.path[0] == os.path.dirname(os.path.realpath(__file__)))


asyncio.run(main())
print("tasks: 1", file=sys.stderr)
