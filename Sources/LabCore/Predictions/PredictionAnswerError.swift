/// An answer that cannot be read as its kind: the prompt says so and asks again, with an example.
///
/// ```swift
/// PredictionAnswerError(text: "first B", kind: .order).description
/// // "Could not read 'first B' as a finish order. Type the task letters in the order they finish, e.g. B C A."
/// ```
public struct PredictionAnswerError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What was typed.
  public var text: String
  public var kind: PredictionKind
  /// How many options the question has (for `choice`).
  public var optionCount: Int

  public init(text: String, kind: PredictionKind, optionCount: Int = 0) {
    self.text = text
    self.kind = kind
    self.optionCount = optionCount
  }

  /// How to type an answer of this kind, with an example.
  public var example: String { kind.example(optionCount: optionCount) }

  public var description: String {
    let typed = text.trimmingWhitespace()
    guard !typed.isEmpty else { return example }
    return "Could not read '\(typed)' as \(kind.answerName). \(example)"
  }
}

extension PredictionKind {
  /// What an answer of this kind is, after "as": "a finish order", "a number of seconds".
  var answerName: String {
    switch self {
    case .order: "a finish order"
    case .results: "the caller's results"
    case .elapsed: "a number of seconds"
    case .cancelled: "a set of cancelled tasks"
    case .orphans: "a set of orphaned tasks"
    case .outcome: "an outcome"
    case .running, .existing: "a number of tasks"
    case .choice: "an option"
    }
  }
}
