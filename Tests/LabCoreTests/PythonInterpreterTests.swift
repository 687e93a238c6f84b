import Foundation
import LabCore
import Synchronization
import Testing
import TestSupport

/// Finding python3 runs nothing (a PATH lookup); the program gatherlab starts checks the version
/// itself, so an interpreter that is too old, or not Python at all, is found out by the run, and
/// reported with the same sentence as a missing one.
@Suite(.timeLimit(.minutes(1)))
struct PythonInterpreterTests {
  static func launcher(_ script: String) throws -> (TemporaryDirectory, String) {
    let directory = try TemporaryDirectory(files: ["launcher": script])
    let launcher = directory.path + "/launcher"
    #expect(chmod(launcher, 0o755) == 0)
    return (directory, launcher)
  }

  @Test func findingAnInterpreterRunsNothing() throws {
    let directory = try TemporaryDirectory(files: [:])
    let (launcherDirectory, launcher) = try Self.launcher("#!/bin/sh\ntouch '\(directory.path)/ran'\n")
    _ = launcherDirectory
    let interpreter = try PythonInterpreter.find(explicit: launcher, environment: [:])
    #expect(interpreter.path == launcher)
    #expect(interpreter.executable == launcher)
    #expect(FileManager.default.fileExists(atPath: directory.path + "/ran") == false)
  }

  @Test func aNameIsLookedUpOnPathAndAMissingOneIsNotFound() throws {
    let (directory, _) = try Self.launcher("#!/bin/sh\n")
    #expect(try PythonInterpreter.find(explicit: "launcher", environment: ["PATH": "/nonexistent:" + directory.path]).path == directory.path + "/launcher")
    #expect(throws: PythonNotFoundError.notFound("python3")) {
      try PythonInterpreter.find(explicit: nil, environment: ["PATH": "/nonexistent"])
    }
    #expect(throws: PythonNotFoundError.notFound("/nonexistent/python3")) {
      try PythonInterpreter.find(explicit: nil, environment: ["GATHERLAB_PYTHON": "/nonexistent/python3"])
    }
  }

  static func twinError(_ path: String) async throws -> PythonTwinError? {
    let twin = try PythonTwin(demo: OrderingDemo(), interpreter: try PythonInterpreter.find(explicit: path, environment: [:]))
    let playback = DemoPlayback(console: RecordingConsole(), mode: .json, speed: try DemoSpeed(100))
    let parameters = try OrderingDemo().resolve([])
    do throws(PythonTwinError) {
      _ = try await playback.play(twin, parameters: parameters)
      return nil
    } catch {
      return error
    }
  }

  static func traceError(_ path: String) async throws -> (TraceError?, [TracedProgram.Message]) {
    let directory = try TemporaryDirectory(files: ["program.py": "print('hello')\n"])
    var program = TracedProgram(interpreter: try PythonInterpreter.find(explicit: path, environment: [:]), path: directory.path + "/program.py", arguments: [])
    program.passesStandardInput = false
    let received = Mutex<[TracedProgram.Message]>([])
    do throws(TraceError) {
      _ = try await program.run { messages in received.withLock { $0 += messages } }
      return (nil, received.withLock { $0 })
    } catch {
      return (error, received.withLock { $0 })
    }
  }

  @Test func aTwinUnderALauncherThatIsNotPythonIsRefusedWithTheSentence() async throws {
    let (directory, launcher) = try Self.launcher("#!/bin/sh\necho hello\n")
    _ = directory
    #expect(try await Self.twinError(launcher) == .python(.notPython(launcher)))
    #expect(PythonTwinError.python(.notPython(launcher)).description
      == "'\(launcher)' did not run as Python: install python3 3.11 or newer (apt-get install python3), or name one with --python-bin PATH or GATHERLAB_PYTHON.")
  }

  @Test func aTraceUnderALauncherThatIsNotPythonIsRefusedAndWhatItPrintedIsNotShown() async throws {
    let (directory, launcher) = try Self.launcher("#!/bin/sh\necho hello\n")
    _ = directory
    let (error, received) = try await Self.traceError(launcher)
    #expect(error == .python(.notPython(launcher)))
    #expect(received == [])
  }

  /// pyenv's 3.8, 3.9 and 3.10, where installed: [(minor, path, "CPython 3.10.13")].
  static let oldPythons: [(Int, String, String)] = [8, 9, 10].compactMap { minor in
    PythonForTests.pyenv(minor).map { path in
      // ~/.pyenv/versions/3.10.13/bin/python3: the version is the directory's name.
      (minor, path, "CPython " + path.split(separator: "/").dropLast(2).last.map(String.init)!)
    }
  }

  @Test(.enabled(if: !oldPythons.isEmpty, "no pyenv Python 3.8–3.10: the too-old tests are skipped"))
  func aTwinOrATraceOnPython38To310SaysItIsTooOldWithoutAProbe() async throws {
    for (minor, path, runtime) in Self.oldPythons {
      #expect(try await Self.twinError(path) == .python(.tooOld(path, runtime)), "3.\(minor)")
      let (error, received) = try await Self.traceError(path)
      #expect(error == .python(.tooOld(path, runtime)), "3.\(minor)")
      #expect(received == [], "3.\(minor)")
    }
  }

  @Test func aTooOldInterpreterIsToldBySentenceWithTheRuntimeItNamed() {
    let sentence = "'/opt/python3.10' is CPython 3.10.13, too old: install python3 3.11 or newer (apt-get install python3), or name one with --python-bin PATH or GATHERLAB_PYTHON."
    #expect(PythonNotFoundError.tooOld("/opt/python3.10", "CPython 3.10.13").description == sentence)
  }

  @Test(.enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH"))
  func aProgramThatFailsBeforeItsFirstLineIsItsOwnFailureNotThePythons() async throws {
    let python3 = try #require(PythonForTests.python3)
    let directory = try TemporaryDirectory(files: ["program.py": "import os\nos.write(1, b'early\\n')\nos._exit(3)\n"])
    var program = TracedProgram(interpreter: try PythonInterpreter.find(explicit: python3, environment: [:]), path: directory.path + "/program.py", arguments: [])
    program.passesStandardInput = false
    let received = Mutex<[String]>([])
    let outcome = try await program.run { messages in
      received.withLock { $0 += messages.map { if case .trace(_, let line) = $0 { line.type } else { "output" } } }
    }
    #expect(outcome.status == 3)
    #expect(received.withLock { $0 }.contains("output"))
  }
}
