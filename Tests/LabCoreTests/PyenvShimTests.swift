import Foundation
import LabCore
import Testing
import TestSupport

/// pyenv's shim resolved as `pyenv exec` resolves it, on a pyenv tree made for each test (a
/// shim as `pyenv rehash` writes it, versions 3.11.7 and 3.12.1), so the command runs CPython
/// without the shim's bash scripts; anything but the plain cases is left to the shim.
@Suite struct PyenvShimTests {
  struct Pyenv {
    let directory: TemporaryDirectory
    var root: String { directory.path + "/pyenv" }
    var shim: String { root + "/shims/python3" }
    func python(_ version: String) -> String { root + "/versions/" + version + "/bin/python3" }
  }

  static func pyenv(global: String?) throws -> Pyenv {
    let directory = try TemporaryDirectory()
    let root = directory.path + "/pyenv"
    var files = ["pyenv/shims/python3": """
      #!/usr/bin/env bash
      set -e
      [ -n "$PYENV_DEBUG" ] && set -x

      program="${0##*/}"

      export PYENV_ROOT="\(root)"
      exec "\(root)/libexec/pyenv" exec "$program" "$@"

      """, "pyenv/versions/3.11.7/bin/python3": "", "pyenv/versions/3.12.1/bin/python3": "", "work/project/src/.keep": ""]
    if let global { files["pyenv/version"] = global }
    for (name, text) in files {
      let path = directory.path + "/" + name
      try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: false, encoding: .utf8)
      if name.hasSuffix("python3") { #expect(chmod(path, 0o755) == 0) }
    }
    return Pyenv(directory: directory)
  }

  @Test func theGlobalVersionFileNamesTheInterpreter() throws {
    let pyenv = try Self.pyenv(global: "# set by pyenv global\n3.12.1\n")
    #expect(PyenvShim.resolve(pyenv.shim, environment: [:], directory: pyenv.directory.path + "/work") == pyenv.python("3.12.1"))
  }

  @Test func aPythonVersionFileInAParentDirectoryWinsOverTheGlobalOne() throws {
    let pyenv = try Self.pyenv(global: "3.12.1\n")
    try "3.11.7\n".write(toFile: pyenv.directory.path + "/work/project/.python-version", atomically: false, encoding: .utf8)
    #expect(PyenvShim.resolve(pyenv.shim, environment: [:], directory: pyenv.directory.path + "/work/project/src") == pyenv.python("3.11.7"))
    #expect(PyenvShim.resolve(pyenv.shim, environment: [:], directory: pyenv.directory.path + "/work") == pyenv.python("3.12.1"))
  }

  @Test func pyenvVersionInTheEnvironmentWinsOverEveryFile() throws {
    let pyenv = try Self.pyenv(global: "3.12.1\n")
    try "3.12.1\n".write(toFile: pyenv.directory.path + "/work/.python-version", atomically: false, encoding: .utf8)
    #expect(PyenvShim.resolve(pyenv.shim, environment: ["PYENV_VERSION": "3.11.7"], directory: pyenv.directory.path + "/work") == pyenv.python("3.11.7"))
  }

  @Test(arguments: ["system\n", "3.11\n", "3.10.13\n", "../../bin\n"])
  func anythingButAnInstalledVersionNamedExactlyIsLeftToTheShim(_ global: String) throws {
    let pyenv = try Self.pyenv(global: global)
    #expect(PyenvShim.resolve(pyenv.shim, environment: [:], directory: pyenv.directory.path + "/work") == nil)
  }

  @Test func noVersionSetAnywhereMeansPyenvsSystemPythonAndIsLeftToTheShim() throws {
    let pyenv = try Self.pyenv(global: nil)
    #expect(PyenvShim.resolve(pyenv.shim, environment: [:], directory: pyenv.directory.path + "/work") == nil)
  }

  @Test func aScriptThatIsNotAPyenvShimIsNotResolved() throws {
    let directory = try TemporaryDirectory(files: ["python3": "#!/bin/sh\nexec /usr/bin/python3 \"$@\"\n"])
    #expect(PyenvShim.resolve(directory.path + "/python3", environment: [:], directory: directory.path) == nil)
    #expect(PyenvShim.resolve("/nonexistent/python3", environment: [:], directory: directory.path) == nil)
  }

  @Test func findingTheShimSpawnsTheInterpreterBehindItAndNamesTheShim() throws {
    let pyenv = try Self.pyenv(global: "3.11.7\n")
    let found = try PythonInterpreter.find(explicit: pyenv.shim, environment: [:], directory: pyenv.directory.path + "/work")
    #expect(found.path == pyenv.shim)
    #expect(found.executable == pyenv.python("3.11.7"))
  }
}
