/// One question a lesson asks before it shows the answer: a ```predict block (DESIGN §9).
///
/// ````
/// ```predict
/// id: finish-order
/// ask: A takes 3 s, B 1 s and C 2 s. In what order do they finish?
/// answer: order
/// run: ordering delays=3,1,2
/// expect: B C A
/// why: Each task ends when its own sleep ends; gather only puts the *results* back in argument order.
/// ```
/// ````
///
/// `PredictionParser` reads them from a lesson; the run named by `source` decides whether an
/// answer is right (`PredictionObservation`, `PredictionVerdict`), and `expect` is what the lesson
/// claims that run gives.
public struct Prediction: Sendable, Equatable {
  /// What runs to decide the answer.
  public enum Source: Sendable, Equatable {
    /// A demo, with `key=value` arguments exactly as `gatherlab run DEMO ...` takes them (the
    /// lesson's own `params` do not apply: the block says everything the run needs).
    case demo(id: String, arguments: [String])
    /// The nearest runnable ```python block before the prediction in the same lesson, run with
    /// python3 (`PredictionParser.pythonProgram(for:in:)` finds it).
    case python
  }

  /// Unique in its lesson; progress keys answers by `LESSON/ID`.
  public var id: String
  /// The question, as the learner reads it.
  public var ask: String
  public var kind: PredictionKind
  public var source: Source
  /// What the lesson says the run gives.
  public var expect: PredictionValue
  /// The options of a `choice`, lettered a, b, c… in order; empty for the other kinds.
  public var options: [PredictionOption]
  /// Why the run gives what it gives: the verdict's last word. Empty when the block has none.
  public var why: String
  /// The line of the lesson file where the block's opening fence is.
  public var line: Int

  public init(
    id: String,
    ask: String,
    kind: PredictionKind,
    source: Source,
    expect: PredictionValue,
    options: [PredictionOption] = [],
    why: String = "",
    line: Int
  ) {
    self.id = id
    self.ask = ask
    self.kind = kind
    self.source = source
    self.expect = expect
    self.options = options
    self.why = why
    self.line = line
  }

  /// The key progress stores the answer under: `results-order/finish-order`.
  public func key(lesson: Lesson) -> String {
    key(lessonID: lesson.id)
  }

  /// The key progress stores the answer under, for the lesson with id `lessonID`.
  public func key(lessonID: String) -> String {
    lessonID + "/" + id
  }

  /// Reads what the learner typed as an answer of this prediction's kind.
  public func parseAnswer(_ text: String) throws(PredictionAnswerError) -> PredictionValue {
    try PredictionValue.parse(text, kind: kind, optionCount: options.count, options: options.map(\.text))
  }
}

/// One option of a `choice` prediction.
public struct PredictionOption: Sendable, Equatable {
  /// What the learner reads.
  public var text: String
  /// Text that appears in a line of the program's real output exactly when this option is right.
  public var shows: String

  public init(text: String, shows: String) {
    self.text = text
    self.shows = shows
  }

  /// The letter of the option at `index`: 0 → "a", 1 → "b".
  public static func letter(_ index: Int) -> String {
    TaskName.letter(max(0, index)).lowercased()
  }
}

extension Prediction {
  /// The demo run that decides a demo prediction, resolved from `run:` exactly as
  /// `gatherlab run DEMO k=v ...` resolves it (the lesson's own `params` do not apply). Nil for
  /// `run: python`.
  ///
  /// ```swift
  /// let launch = try prediction.launch(speed: session.speed)  // ordering, delays=3,1,2
  /// ```
  public func launch(speed: DemoSpeed, registry: DemoRegistry = .standard) throws(DemoLaunchError) -> DemoLaunch? {
    guard case .demo(let id, let arguments) = source else { return nil }
    return try DemoLaunch(demo: id, arguments: arguments, speed: speed, registry: registry)
  }
}
