/// Runs a lesson's Python program to see what it really prints: what decides a `choice`
/// prediction. `PythonProgramRunner` runs python3; tests use a fake (TestSupport's
/// `FakePythonProgramRunner`).
///
/// ```swift
/// let result = await runner.run(program: example.code)
/// let verdict = PredictionVerdict(answer: answer, prediction: prediction, python: result)
/// ```
public protocol PythonProgramRunning: Sendable {
  /// Runs `program` to its end (or its time limit) and says what it printed.
  func run(program: String) async -> PythonProgramResult
}

/// How a Python program's run went.
public enum PythonProgramResult: Sendable, Equatable {
  /// It ran to its end: its exit status (128 + the signal when a signal ended it) and the lines
  /// it wrote to standard output and standard error.
  case ran(status: Int32, output: [String], errors: [String])
  /// It was still running at the time limit, and was stopped.
  case timedOut(after: Duration)
  /// python3 could not be started: the sentence says why.
  case unavailable(String)

  /// Every line the program wrote, standard output first: what a choice's `shows` is looked for in.
  public var lines: [String] {
    if case .ran(_, let output, let errors) = self { return output + errors }
    return []
  }

  /// Text split into lines, without the empty line after a final newline.
  public static func lines(of text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}

extension PredictionVerdict {
  /// The verdict on a `choice` answer, decided by the program's real output when it ran and
  /// selects exactly one option, else by the lesson's `expect` (the verdict says why).
  public init(answer: PredictionValue, prediction: Prediction, python result: PythonProgramResult) {
    switch result {
    case .ran(_, let output, let errors):
      switch PredictionObservation.choice(options: prediction.options, output: output + errors) {
      case .success(let observation):
        self.init(answer: answer, observation: observation, options: prediction.options)
      case .failure(let undecided):
        self.init(answer: answer, prediction: prediction, reason: .undecided(undecided))
      }
    case .timedOut(let limit):
      let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
      self.init(
        answer: answer, prediction: prediction,
        reason: .runFailed("did not finish within \(DemoParameter.format(seconds)) s")
      )
    case .unavailable:
      self.init(answer: answer, prediction: prediction, reason: .pythonUnavailable)
    }
  }
}
