/// How gatherlab hands Python code to `python3 -c`: a small bootstrap that installs embedded
/// modules (the twins' `_gatherlab`, the tracer) and then runs the main program as `__main__`,
/// with its own file name in tracebacks. Nothing is written to disk. (A traced program is run as
/// `python3 FILE` itself from a `PythonSiteDirectory`; this bootstrap when the cache cannot be
/// written.)
///
/// The bootstrap reads its inputs from `sys.argv` and removes them, so the program sees only its
/// own arguments: `python3 -c BOOT [--exit-at-once] [--cache DIR] NAME SOURCE … -- source|file MAIN
/// [TEXT] ARGS…`.
///
/// With `--cache DIR`, each module's compiled code is kept in DIR (one file per module and
/// interpreter version, beside the text it was compiled from) and used again while the text is
/// the same: compiling the tracer and the clock module cost every traced run about 76 million
/// instructions of 380 (10 ms), more than the rest of their start-up together. A cache that cannot
/// be read or written is ignored; nothing else is written to disk.
///
/// It first checks the interpreter (gatherlab does not run a probe before it): an interpreter
/// older than 3.11 writes one line, `gatherlab: needs Python 3.11 or newer, not cpython 3.10.13`,
/// to stderr and exits with `tooOldStatus`. Its first statements are Python 3 of any version.
public enum PythonProgram: Sendable, Equatable {
  /// Program text carried in the arguments, shown in tracebacks as `name`.
  case source(name: String, text: String)
  /// A file the learner wrote, run as `python3 FILE` would run it (a directory or zip with runpy).
  case file(path: String)

  /// The exit status of the bootstrap on an interpreter older than 3.11 (EX_UNAVAILABLE).
  public static let tooOldStatus: Int32 = 69

  static let tooOldPrefix = "gatherlab: needs Python 3.11 or newer, not "

  /// "CPython 3.10.13", from the bootstrap's too-old line in `standardError`; nil if it has none.
  static func tooOldRuntime(in standardError: String) -> String? {
    for line in standardError.split(separator: "\n") where line.hasPrefix(tooOldPrefix) {
      let words = line.dropFirst(tooOldPrefix.count).split(separator: " ")
      guard words.count == 2, words[1].split(separator: ".").allSatisfy({ Int($0) != nil }) else { return nil }
      return PythonInterpreter.implementationName(String(words[0])) + " " + words[1]
    }
    return nil
  }

  static let bootstrap = """
    import sys
    if sys.version_info < (3, 11):
        sys.stderr.write("\(tooOldPrefix)%s %d.%d.%d\\n" % ((sys.implementation.name,) + tuple(sys.version_info[:3])))
        sys.exit(\(tooOldStatus))
    import linecache, types
    _args = sys.argv[1:]
    _at_once = _args[:1] == ["--exit-at-once"]
    if _at_once:
        _args = _args[1:]
    _cache = None
    if _args[:1] == ["--cache"]:
        _cache, _args = _args[1], _args[2:]
    _split = _args.index("--")
    _modules, _args = _args[:_split], _args[_split + 1:]
    def _module_code(name, text):
        # The module's code, from the cache while its text is the same (marshal: builtin, loaded).
        if _cache is None:
            return compile(text, name + ".py", "exec")
        import marshal, os
        path = "%s/%s.%s-%x.code" % (_cache, name, sys.implementation.cache_tag, sys.hexversion)
        try:
            with open(path, "rb") as file:
                cached_text, code = marshal.loads(file.read())
            if cached_text == text and type(code) is types.CodeType:
                return code
        except Exception:
            pass
        code = compile(text, name + ".py", "exec")
        part = "%s.%d" % (path, os.getpid())
        try:
            os.makedirs(_cache, 0o700, exist_ok=True)
            with open(part, "wb") as file:
                file.write(marshal.dumps((text, code)))
            os.replace(part, path)  # whole or not at all, for a run that reads it at the same time
        except Exception:
            try:
                os.unlink(part)
            except Exception:
                pass
        return code
    for _name, _text in zip(_modules[0::2], _modules[1::2]):
        _module = types.ModuleType(_name)
        _module.__file__ = _name + ".py"
        linecache.cache[_name + ".py"] = (len(_text), None, _text.splitlines(True), _name + ".py")
        sys.modules[_name] = _module
        exec(_module_code(_name, _text), _module.__dict__)
    def _strip(tb):
        # The traceback starts at the program's own code, without this bootstrap's frames.
        _runpy = getattr(sys.modules.get("runpy"), "__file__", "<string>")
        while tb is not None and (tb.tb_frame.f_code.co_filename in ("<string>", _runpy)
                                  or tb.tb_frame.f_code.co_filename.startswith("<frozen")):
            tb = tb.tb_next
        return tb
    def _excepthook(kind, error, tb):
        import traceback
        traceback.print_exception(kind, error, _strip(tb))
    sys.excepthook = _excepthook
    if _args[0] == "source":
        _file, _text = _args[1], _args[2]
        sys.argv = [_file] + _args[3:]
        linecache.cache[_file] = (len(_text), None, _text.splitlines(True), _file)
        exec(compile(_text, _file, "exec"), {"__name__": "__main__", "__file__": _file, "__builtins__": __builtins__})
    else:
        # As `python3 FILE`: argv[0] as given, __file__ absolute, sys.path[0] the script's real
        # directory, and the file run in a module `__main__` that stays in sys.modules, with the
        # attributes python3 gives it (runpy.run_path would set argv[0] to the absolute path, and
        # its module has no __loader__ or __annotations__). A directory or a zip file (its
        # __main__.py) still goes through runpy, as python3 does.
        import os
        sys.argv = [_args[1]] + _args[2:]
        sys.path[0] = os.path.dirname(os.path.realpath(_args[1]))
        _path = os.path.abspath(_args[1])
        _data = None
        if os.path.isfile(_path):
            with open(_path, "rb") as _source:
                _data = _source.read()
        if _data is not None and b"PK\\x05\\x06" not in _data[-65557:]:  # not a zip's end record
            _code = compile(_data, _path, "exec", dont_inherit=True)
            del _data
            _main = types.ModuleType("__main__")
            _main.__dict__.update(__file__=_path, __cached__=None, __builtins__=sys.modules["builtins"], __annotations__={},
                                  __loader__=sys.modules["_frozen_importlib_external"].SourceFileLoader("__main__", _path))
            sys.modules["__main__"] = _main
            try:
                exec(_code, _main.__dict__)
            except BaseException as _error:
                # What still holds the exception (a task never retrieved, logged when it goes)
                # shows python3's traceback, which starts at the program's own code.
                _error.__traceback__ = _strip(_error.__traceback__)
                raise
        else:
            import runpy
            runpy.run_path(_path, run_name="__main__")
    if _at_once:
        # Skips the interpreter's teardown (tens of ms with asyncio loaded) after a clean end.
        sys.stdout.flush()
        sys.stderr.flush()
        import os
        os._exit(0)
    """

  /// The `python3` arguments that run this program with `modules` importable, given `arguments`.
  /// `exitsAtOnce`: a program that ends normally exits without the interpreter's teardown (for a
  /// twin, whose last line is written by then; not for a learner's program, whose `atexit`
  /// handlers and threads must still run).
  /// `cache`: a directory for the modules' compiled code (`cacheDirectory(environment:)`), or nil
  /// to compile them on every run.
  public func arguments(
    modules: [(name: String, text: String)], arguments: [String], exitsAtOnce: Bool = false, cache: String? = nil
  ) -> [String] {
    let main: [String]
    switch self {
    case .source(let name, let text): main = ["source", name, text]
    case .file(let path): main = ["file", path]
    }
    return ["-c", Self.bootstrap] + (exitsAtOnce ? ["--exit-at-once"] : []) + (cache.map { ["--cache", $0] } ?? [])
      + modules.flatMap { [$0.name, $0.text] } + ["--"] + main + arguments
  }

  /// Where the embedded modules' compiled code is kept: `$XDG_CACHE_HOME/gatherlab/python`, else
  /// `~/.cache/gatherlab/python`; nil without an absolute home.
  public static func cacheDirectory(environment: [String: String]) -> String? {
    if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/gatherlab/python" }
    if let home = environment["HOME"], home.hasPrefix("/") { return (home.hasSuffix("/") ? home : home + "/") + ".cache/gatherlab/python" }
    return nil
  }
}
