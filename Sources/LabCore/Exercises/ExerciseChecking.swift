import Foundation

/// Checks a learner's file against an exercise (DESIGN §12, §13): runs it under the tracer on
/// virtual time (unperturbed, seed 0), and when that run passes and the exercise asks for
/// `schedules: N` (or `check --schedules N`), on seeds 1…N too, a few at once; every check must
/// hold on every run. On the real clock it runs once.
public struct ExerciseChecking: Sendable {
  public let interpreter: PythonInterpreter
  /// `.virtual(seed: 0)`: the unperturbed run, then the schedules; `.virtual(seed: K)`: seed K
  /// alone (a replay); `.real`: one run on the wall clock.
  public var clock: PythonClock
  /// Schedules to run instead of the exercise's `schedules:` (nil: the exercise's).
  public var schedules: Int?
  /// How many runs at once (the machine's cores, at most 8).
  public var parallelism: Int
  /// Real seconds before a run is taken to hang and is stopped (`ExerciseRun.hangLimit`, 10 s).
  public var hangLimit: Duration = .seconds(10)

  public init(interpreter: PythonInterpreter, clock: PythonClock = .virtual(seed: 0), schedules: Int? = nil, parallelism: Int? = nil) {
    self.interpreter = interpreter
    self.clock = clock
    self.schedules = schedules
    self.parallelism = parallelism ?? min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8)
  }

  public struct Checked: Sendable {
    /// Each check's verdict over every run (the run's own problems first, from the run shown).
    public var results: [CheckResult]
    /// The run shown: the first that failed (lowest seed), else the unperturbed one.
    public var traced: ExerciseRun.Traced
    public var schedules: ScheduleSummary
    public var passed: Bool { results.allSatisfy(\.passed) }
    /// The first failing result of the run shown that points at something on its timeline.
    public var worst: CheckResult? {
      let shown = results.filter { !$0.passed && $0.seed == traced.clock.seed }
      return shown.first { !$0.rows.isEmpty || $0.instant != nil } ?? shown.first
    }
  }

  /// How many schedules an exercise asks for (`schedules: N`, or `check --schedules N`), and what
  /// became of them.
  public struct ScheduleSummary: Sendable, Equatable {
    public enum State: Sendable, Equatable {
      /// None asked.
      case none
      /// Seeds 1…N ran; these broke a check (in increasing order).
      case ran(failing: [Int])
      /// Not run: the unperturbed run failed already.
      case skipped
      /// Not run: the run was on the real clock.
      case realClock
      /// Not run: one seed was replayed (`--seed K`).
      case replay
    }

    public var asked: Int
    public var state: State

    public init(asked: Int, state: State) {
      self.asked = asked
      self.state = state
    }

    /// Perturbed schedules that ran.
    public var run: Int {
      if case .ran = state { asked } else { 0 }
    }

    public var failing: [Int] {
      if case .ran(let failing) = state { failing } else { [] }
    }
  }

  public func check(_ exercise: Exercise, file: String) async throws(TraceError) -> Checked {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    let asked = schedules ?? exercise.schedules ?? 0
    let base = try await run(file, on: clock)
    let baseResults = ExerciseChecker.evaluate(exercise.checks, on: base.facts, file: name).map { $0.at(seed: clock.seed) }
    let state: ScheduleSummary.State
    switch clock {
    case .real: state = asked > 0 ? .realClock : .none
    case .virtual(let seed) where seed > 0: state = asked > 0 ? .replay : .none
    case .virtual: state = asked == 0 ? .none : baseResults.allSatisfy(\.passed) ? .ran(failing: []) : .skipped
    }
    guard case .ran = state else {
      return Checked(results: baseResults, traced: base, schedules: ScheduleSummary(asked: asked, state: state))
    }
    let runs = try await Self.runSeeds(1...asked, width: parallelism) { seed throws(TraceError) in
      let traced = try await run(file, on: .virtual(seed: seed))
      return (traced, ExerciseChecker.evaluate(exercise.checks, on: traced.facts, file: name).map { $0.at(seed: seed) })
    }
    let merged = Self.merge(base: baseResults, schedules: runs.map { ($0.0.clock.seed, $0.1) }, asked: asked)
    let shown = runs.first { !$0.1.allSatisfy(\.passed) }?.0 ?? base
    return Checked(results: merged.results, traced: shown, schedules: ScheduleSummary(asked: asked, state: .ran(failing: merged.failing)))
  }

  private func run(_ file: String, on clock: PythonClock) async throws(TraceError) -> ExerciseRun.Traced {
    var run = ExerciseRun(interpreter: interpreter, path: file, clock: clock)
    run.hangLimit = hangLimit
    return try await run.run()
  }

  /// The verdicts over the unperturbed run (`base`, which passed) and each schedule's (by seed):
  /// each check holds when it held on every run; a failing one is told as the lowest seed that
  /// broke it saw it. The run's own problems (a hang, an exception) come from the lowest failing
  /// seed. Then one more verdict, `schedules`, says how many schedules broke a check.
  public static func merge(base: [CheckResult], schedules: [(seed: Int, results: [CheckResult])], asked: Int) -> (results: [CheckResult], failing: [Int]) {
    let sorted = schedules.sorted { $0.seed < $1.seed }
    let failing = sorted.filter { !$0.results.allSatisfy(\.passed) }.map(\.seed)
    let checks = base.filter { $0.name != "run" }
    var results = sorted.first { !$0.results.allSatisfy(\.passed) }?.results.filter { $0.name == "run" } ?? []
    for (index, check) in checks.enumerated() {
      let broken = sorted.lazy.compactMap { run -> CheckResult? in
        let own = run.results.filter { $0.name != "run" }
        return index < own.count && !own[index].passed ? own[index] : nil
      }.first
      results.append(broken ?? check)
    }
    let seeds = asked == 1 ? "seed 1" : "seeds 1-\(asked)"
    let sentence: String
    if failing.isEmpty {
      sentence = asked == 1
        ? "every check held on the 1 perturbed schedule (seed 1) too"
        : "every check held on all \(asked) perturbed schedules (\(seeds)) too"
    } else {
      let list = failing.prefix(8).map(String.init).joined(separator: ", ") + (failing.count > 8 ? ", …" : "")
      sentence = "\(failing.count) of \(asked) perturbed schedules broke a check (seed\(failing.count == 1 ? "" : "s") \(list)): "
        + "the program is right only when its timers fire in a lucky order"
    }
    results.append(CheckResult(
      name: "schedules", passed: failing.isEmpty, measured: .integer(asked - failing.count), bound: "\(asked)",
      sentence: sentence, seed: failing.first ?? 0
    ))
    return (results, failing)
  }

  /// `run` for each seed, at most `width` at once (`ScheduleExploration.runSeeds`); the results
  /// in seed order. The first error stops the rest.
  static func runSeeds<T: Sendable>(
    _ seeds: ClosedRange<Int>, width: Int, _ run: @escaping @Sendable (Int) async throws(TraceError) -> T
  ) async throws(TraceError) -> [T] {
    try await ScheduleExploration.runSeeds(seeds, width: width) { seed -> Result<T, TraceError> in
      do throws(TraceError) {
        let value = try await run(seed)
        return .success(value)
      } catch {
        return .failure(error)
      }
    }.get()
  }
}
