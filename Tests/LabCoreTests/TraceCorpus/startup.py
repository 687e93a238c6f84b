# The interpreter as python3 FILE starts it: its command line, __main__ and its spec, sys.path
# and PYTHONPATH (gatherlab's cache is on neither), whether bytecode is written, and what a
# child python3 sees. Nothing here may differ between the two runs.
import asyncio
import os
import subprocess
import sys

import __main__

print("orig_argv", sys.orig_argv[1:])
print("argv", sys.argv)
print("main", __main__.__file__ == os.path.abspath(sys.argv[0]), __main__.__spec__, type(__main__.__loader__).__name__)
print("path", sys.path[0] == os.path.dirname(os.path.realpath(__file__)), [p for p in sys.path if "gatherlab" in p])
print("PYTHONPATH", os.environ.get("PYTHONPATH"), [name for name in os.environ if name.startswith("GATHERLAB")])
print("dont_write_bytecode", sys.dont_write_bytecode, sys.flags.dont_write_bytecode)
child = subprocess.run(
    [sys.executable, "-c", "import os, sys; print([p for p in sys.path if 'gatherlab' in p], os.environ.get('PYTHONPATH'))"],
    capture_output=True, text=True,
)
print("child", child.stdout.strip(), child.returncode)


async def main():
    await asyncio.sleep(0)


asyncio.run(main())
print("tasks: 1", file=sys.stderr)
