import Foundation
import LabCore
import Testing
import TestSupport

/// Finding python3: the probe names the interpreter and the binary behind a launcher, so a
/// command starts CPython once, not a launcher (pyenv's shim is a shell script) each time.
@Suite(
  .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the interpreter tests are skipped"),
  .timeLimit(.minutes(1))
)
struct PythonInterpreterTests {
  @Test func aLauncherScriptIsProbedOnceAndTheInterpreterBehindItIsWhatRuns() async throws {
    let python3 = try #require(PythonForTests.python3)
    // The binary itself, as the interpreter reports it (python3 on PATH may be a shim too).
    let real = try await PythonInterpreter.find(explicit: python3, environment: [:]).executable
    let directory = try TemporaryDirectory(files: ["launcher": "#!/bin/sh\nexec '\(real)' \"$@\"\n"])
    let launcher = directory.path + "/launcher"
    #expect(chmod(launcher, 0o755) == 0)

    let interpreter = try await PythonInterpreter.find(explicit: launcher, environment: [:])
    #expect(interpreter.path == launcher)
    #expect(interpreter.executable == real)
    #expect(interpreter.implementation == "CPython")
    #expect(interpreter.runtime.hasPrefix("CPython 3."))
  }

  @Test func aLauncherThatIsNotPythonIsRefusedWithTheSentence() async throws {
    let directory = try TemporaryDirectory(files: ["launcher": "#!/bin/sh\necho hello\n"])
    let launcher = directory.path + "/launcher"
    #expect(chmod(launcher, 0o755) == 0)
    await #expect(throws: PythonNotFoundError.notPython(launcher)) {
      try await PythonInterpreter.find(explicit: launcher, environment: [:])
    }
  }
}
