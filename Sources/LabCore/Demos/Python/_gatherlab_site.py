# _gatherlab_site: written as sitecustomize.py into a directory of gatherlab's cache, beside the
# tracer and the clock module. `gatherlab trace` runs `python3 FILE` itself with that directory
# first on PYTHONPATH: site imports this before the program, this installs the tracer, and then
# the program runs exactly as python3 runs it (its __main__, its sys.argv and sys.path[0], and
# no frame of gatherlab's below its own in a traceback or a stack dump). The directory leaves
# sys.path and PYTHONPATH again before the program starts, so neither it nor its child processes
# see it. Its first statements are Python 3 of any version.
import os
import sys


def _install():
    here = os.environ.pop("GATHERLAB_SITE", None)
    if here is None:
        return  # not gatherlab's run: a program that put this directory on its own path
    if sys.version_info < (3, 11):
        sys.stderr.write("gatherlab: needs Python 3.11 or newer, not %s %d.%d.%d\n" % ((sys.implementation.name,) + tuple(sys.version_info[:3])))
        sys.stderr.flush()
        os._exit(69)
    # PYTHONPATH as the user had it (or not at all), for the program and what it starts.
    users = os.environ.pop("GATHERLAB_PYTHONPATH", None)
    if users is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = users
    # The tracer's compiled code is kept beside it even when the program's is not.
    plain = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    try:
        import _gatherlab_trace  # noqa: F401 (installs itself)
    finally:
        sys.dont_write_bytecode = plain
        while here in sys.path:
            sys.path.remove(here)
        sys.path_importer_cache.pop(here, None)
    # The interpreter's own sitecustomize (a distribution's), if it has one, runs as it would
    # have, and becomes this module (importlib's machinery, as loaded at start-up).
    spec = sys.modules["_frozen_importlib_external"].PathFinder.find_spec("sitecustomize")
    if spec is not None and spec.loader is not None:
        module = sys.modules["_frozen_importlib"].module_from_spec(spec)
        sys.modules["sitecustomize"] = module
        spec.loader.exec_module(module)


_install()
del _install
