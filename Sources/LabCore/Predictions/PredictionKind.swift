/// What a prediction asks for: the `answer` key of a predict block.
///
/// Each kind is read from one fact of the run (DESIGN §9): a demo's `DemoReport` for all of
/// them but `choice`, which a Python program's real output decides.
///
/// ```swift
/// PredictionKind(rawValue: "order")  // .order
/// PredictionKind.order.example       // "Type the task letters in the order they finish, e.g. B C A."
/// ```
public enum PredictionKind: String, CaseIterable, Sendable {
  /// The finish order of the tasks that finished or failed: `B C A`.
  case order
  /// What the caller received, slot by slot (`A error C`), or `none` when it got an exception.
  case results
  /// Seconds until the caller resumed: `1.5`.
  case elapsed
  /// The tasks that were cancelled: `B C` or `none`.
  case cancelled
  /// The tasks still running after the caller got its error: `B C` or `none`.
  case orphans
  /// How the caller's `await` ended: `returned`, `threw` or `timed out`.
  case outcome
  /// The most tasks running at once.
  case running
  /// The most tasks existing at once (running or waiting).
  case existing
  /// One of the block's `options`, decided by the Python program's output: `b`.
  case choice

  /// The kinds a demo's report decides; `choice` is decided by a Python program.
  public var isReadFromDemo: Bool { self != .choice }

  /// How to type an answer of this kind, with an example: shown when an answer cannot be read.
  /// `choice` names the letters of `optionCount` options.
  public func example(optionCount: Int = 3) -> String {
    switch self {
    case .order: "Type the task letters in the order they finish, e.g. B C A."
    case .results:
      "Type what the caller gets, one value per slot in argument order, e.g. A B C, with error for an exception "
        + "in its slot, or none if the caller gets an exception instead of a list."
    case .elapsed: "Type the seconds until the caller resumes, e.g. 1 or 1.5."
    case .cancelled: "Type the letters of the tasks that get cancelled, e.g. B C, or none."
    case .orphans: "Type the letters of the tasks still running after the caller gets its error, e.g. B C, or none."
    case .outcome: "Type returned, threw or timed out."
    case .running: "Type the most tasks running at once, a whole number, e.g. 3."
    case .existing: "Type the most tasks existing at once, a whole number, e.g. 3."
    case .choice:
      optionCount <= 1
        ? "Type the letter of the option, a."
        : "Type the letter of an option, a to \(PredictionOption.letter(optionCount - 1))."
    }
  }
}
