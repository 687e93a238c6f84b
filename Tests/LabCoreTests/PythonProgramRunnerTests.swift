import Clocks
import LabCore
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1))) struct PythonProgramRunnerTests {
  static let python3 = LessonContentTests.python3

  @Test(.enabled(if: python3 != nil, "python3 is not installed"))
  func aProgramsOutputAndErrorsComeBackLineByLine() async throws {
    let runner = PythonProgramRunner(executable: try #require(Self.python3))
    let result = await runner.run(program: "import sys\nprint('one')\nprint('two')\nprint('oops', file=sys.stderr)\nsys.exit(3)\n")
    #expect(result == .ran(status: 3, output: ["one", "two"], errors: ["oops"]))
    #expect(result.lines == ["one", "two", "oops"])
  }

  @Test(.enabled(if: python3 != nil, "python3 is not installed"))
  func theFixtureProgramPrintsTheFutureItDidNotAwait() async throws {
    let lesson = PredictionFixtures.lesson
    let prediction = PredictionParser.predictions(in: lesson).predictions[1]
    let program = try #require(PredictionParser.pythonProgram(for: prediction, in: lesson))
    let result = await PythonProgramRunner(executable: try #require(Self.python3)).run(program: program.code)
    let observation = try PredictionObservation.choice(options: prediction.options, output: result.lines).get()
    #expect(observation.value == .choice(2))
    #expect(observation.evidence == "<_GatheringFuture pending>")
  }

  @Test(.enabled(if: python3 != nil, "python3 is not installed"))
  func aProgramStillRunningAtTheTimeLimitIsStopped() async throws {
    let clock = ClockStepper()
    let runner = PythonProgramRunner(executable: try #require(Self.python3), timeout: .seconds(30), clock: clock)
    let run = clock.start { await runner.run(program: "import time\nprint('started', flush=True)\ntime.sleep(600)\n") }
    // The time limit's sleep is registered once the run has settled; then the limit comes.
    #expect(await clock.advance(to: clock.now.advanced(by: .seconds(30)), onceSleeping: 1))
    #expect(await run.value == .timedOut(after: .seconds(30)))
  }

  @Test func aMissingInterpreterIsUnavailable() async {
    let result = await PythonProgramRunner(executable: "/nonexistent/python3").run(program: "print(1)")
    guard case .unavailable(let reason) = result else {
      Issue.record("expected .unavailable, got \(result)")
      return
    }
    #expect(reason.hasPrefix("/nonexistent/python3 could not be run: "))
  }

  @Test func theFakeRunnerAnswersFromItsTableAndRecordsPrograms() async {
    let runner = FakePythonProgramRunner { program in .ran(status: 0, output: [program.uppercased()], errors: []) }
    #expect(await runner.run(program: "hi") == .ran(status: 0, output: ["HI"], errors: []))
    #expect(runner.programs == ["hi"])
  }
}
