/// One check's verdict on one run: what it measured beside what it asks, and the sentence a
/// learner reads (`✗ 10 tasks existed at once; the exercise asks for at most 6`).
public struct CheckResult: Sendable, Equatable {
  /// The check's name (`running`), or `run` for what stopped the program itself.
  public var name: String
  public var passed: Bool
  /// What the run showed, for `--json`.
  public var measured: JSONValue
  /// What the check asks, as written (`<= 6`).
  public var bound: String
  public var sentence: String
  /// The tasks (ids) whose rows show it, and the instant, for the failing run's timeline.
  public var rows: [Int] = []
  public var instant: Double?
  /// The seed of the run it was measured on (0: unperturbed, or the real clock).
  public var seed: Int

  public init(
    name: String, passed: Bool, measured: JSONValue, bound: String, sentence: String, rows: [Int] = [], instant: Double? = nil, seed: Int = 0
  ) {
    self.name = name
    self.passed = passed
    self.measured = measured
    self.bound = bound
    self.sentence = sentence
    self.rows = rows
    self.instant = instant
    self.seed = seed
  }

  /// The same verdict, measured on `seed`'s run: a failure there says so first (`on seed 4: …`).
  public func at(seed: Int) -> CheckResult {
    var result = self
    result.seed = seed
    if seed > 0, !passed { result.sentence = "on seed \(seed): " + sentence }
    return result
  }

  /// `✓ sentence` or `✗ sentence`.
  public var line: String { (passed ? "✓ " : "✗ ") + sentence }

  public var json: JSONValue {
    .object([("name", .string(name)), ("passed", .bool(passed)), ("measured", measured), ("bound", .string(bound)), ("sentence", .string(sentence)), ("seed", .integer(seed))])
  }
}
