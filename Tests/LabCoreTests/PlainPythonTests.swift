import Foundation
import LabCore
import TestSupport
import Testing

/// `code`'s Python: each twin without gatherlab's instrumentation, a program a learner can paste
/// and run (it once imported `_gatherlab`, which only gatherlab has).
@Suite struct PlainPythonTests {
  @Test func aTwinLosesItsInstrumentationAndKeepsWhatItDoes() {
    let twin = """
      # demo: a sketch of every reporting call.
      import asyncio

      from _gatherlab import caught, deadline, demo, letters, observed, phase, returned, waiting

      params = demo("sketch", delays=[2, 1], fail_at=1.0, mode="gather")


      @observed
      async def task(name, delay):
          await asyncio.sleep(delay)
          return name


      async def main():
          names = letters(len(params.delays))
          phase("one by one", 1)
          waiting(*names)  # created now
          deadline(5)
          try:
              returned(
                  await asyncio.gather(*(task(name, delay) for name, delay in zip(names, params.delays))),
                  "all (done)",
              )
          except* ValueError as errors:
              caught(errors.exceptions[0])  # B was cancelled
          returned(f"{names}, 'x'")


      asyncio.run(main())

      """
    let helpers = """
      import asyncio


      def demo(id, **defaults):
          return None


      def letters(count):
          \"\"\"Task names A, B, C…\"\"\"
          return [chr(ord("A") + index) for index in range(count)]


      # MARK: - Reporting
      """
    #expect(PlainPython.program(twin: twin, helpers: helpers) == """
      # demo: a sketch of every reporting call.
      import asyncio

      from types import SimpleNamespace


      def letters(count):
          \"\"\"Task names A, B, C…\"\"\"
          return [chr(ord("A") + index) for index in range(count)]


      # The demo's defaults: change them to try other runs.
      params = SimpleNamespace(delays=[2, 1], fail_at=1.0, mode="gather")


      async def task(name, delay):
          await asyncio.sleep(delay)
          return name


      async def main():
          names = letters(len(params.delays))
          print("one by one")
          try:
              print("all (done):", await asyncio.gather(*(task(name, delay) for name, delay in zip(names, params.delays))))
          except* ValueError as errors:
              print("caught:", repr(errors.exceptions[0]))  # B was cancelled
          print("gather returned:", f"{names}, 'x'")


      asyncio.run(main())

      """)
  }

  @Test func aProgramWithoutGatherlabIsShownAsWritten() {
    let program = "import asyncio\n\nprint(asyncio.run(asyncio.sleep(0, 'x')))\n"
    #expect(PlainPython.program(twin: program, helpers: "") == program)
  }

  @Test(arguments: NinthDemoTests.registry.ids)
  func everyTwinIsShownWithoutWhatOnlyGatherlabHas(id: String) throws {
    let demo = try #require(NinthDemoTests.registry.demo(id: id))
    let plain = try #require(demo.plainPythonSource, "\(id) has no twin")
    for instrumentation in ["_gatherlab", "@observed", "demo(", "waiting(", "cancelling(", "deadline(", "returned(", "caught("] {
      #expect(!plain.contains(instrumentation), "\(id)'s shown Python still has \(instrumentation)")
    }
  }
}

/// Every demo's shown Python run as printed by python3 (on the real clock: the learner's run),
/// against its twin run by gatherlab on virtual time: it exits 0, writes nothing to stderr and
/// prints, line by line, what the twin reported (each phase's name, what each caller got).
/// Real clock: in Makefile's real-clock phase (the programs sleep a few seconds each).
@Suite(
  .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the shown Python is not run"),
  .timeLimit(.minutes(2))
)
struct PlainPythonRunTests {
  static let helper = DemoContentTests.demos.appending(path: "Python/_gatherlab.py")

  @Test(arguments: NinthDemoTests.registry.ids)
  func theShownPythonRunsAsPrintedAndPrintsWhatTheTwinDid(id: String) async throws {
    let python = try #require(PythonForTests.python3)
    let demo = try #require(NinthDemoTests.registry.demo(id: id))
    let expected = try await Self.twinReport(demo, python: python)
    #expect(!expected.isEmpty, "\(id)'s twin reported no join")

    let directory = FileManager.default.temporaryDirectory.appending(path: "gatherlab-plain-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appending(path: demo.pythonFile)
    try #require(demo.plainPythonSource).write(to: file, atomically: true, encoding: .utf8)
    // -I: as a learner's python3 in an empty directory, nothing of gatherlab's importable.
    let run = try await LessonContentTests.runNow(python, ["-I", file.path], input: "", timeout: 60)
    #expect(run.status == 0, "\(id): \(run.errors)")
    #expect(run.errors == "", "\(id)")
    #expect(run.output.split(separator: "\n").map(String.init) == expected, "\(id)")
  }

  /// What the twin reported, as its plain program prints it: a phase's name; `label: detail`
  /// for a caller that got its results; `caught: repr(error)` for one that got an exception.
  static func twinReport(_ demo: any Demo, python: String) async throws -> [String] {
    let twin = try #require(demo.pythonSource)
    let helper = try String(contentsOf: Self.helper, encoding: .utf8)
    let clock = PythonClock.virtual(seed: 0)
    let arguments = ["-I", "-S", "-u", "-B"] + PythonProgram.source(name: demo.pythonFile, text: twin).arguments(
      modules: clock.modules + [(PythonTwin.helperName, helper)], arguments: ["--speed", "10"], exitsAtOnce: true
    )
    let run = try await LessonContentTests.runNow(python, arguments, input: "", timeout: 60, environment: clock.environment)
    #expect(run.status == 0, "\(demo.id)'s twin: \(run.errors)")
    return run.output.split(separator: "\n").compactMap { line -> String? in
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
      switch object["type"] as? String {
      case "phase": return object["name"] as? String
      case "join" where object["outcome"] as? String == "returned":
        return "\(object["label"] as? String ?? "?"): \(object["detail"] as? String ?? "?")"
      case "join": return "caught: \(object["exception"] as? String ?? "?")"
      default: return nil
      }
    }
  }
}
