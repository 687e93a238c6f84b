/// Checks a learner's file against an exercise: runs it under the tracer (once on the real
/// clock; under virtual time on each schedule it asks for, once that lands) and evaluates every
/// check on the run's facts.
public struct ExerciseChecking: Sendable {
  public let interpreter: PythonInterpreter

  public init(interpreter: PythonInterpreter) {
    self.interpreter = interpreter
  }

  public struct Checked: Sendable {
    public var results: [CheckResult]
    public var traced: ExerciseRun.Traced
    /// How many schedules ran (1 on the real clock).
    public var schedules: Int
    public var passed: Bool { results.allSatisfy(\.passed) }
    /// The first failing result that points at something on the timeline.
    public var worst: CheckResult? {
      results.first { !$0.passed && (!$0.rows.isEmpty || $0.instant != nil) } ?? results.first { !$0.passed }
    }
  }

  public func check(_ exercise: Exercise, file: String) async throws(TraceError) -> Checked {
    let traced = try await ExerciseRun(interpreter: interpreter, path: file).run()
    let name = file.split(separator: "/").last.map(String.init) ?? file
    let results = ExerciseChecker.evaluate(exercise.checks, on: traced.facts, file: name)
    return Checked(results: results, traced: traced, schedules: 1)
  }
}
