/// One lesson as `gatherlab list` shows it and `list --json` prints it:
/// `{"number":5,"id":"results-order","title":"…","section":"…","part":1,"demo":"ordering","done":false,
/// "predictions":{"total":2,"asked":1,"right":1}}`.
///
/// `demo` is `null` for a lesson without a demo; `done` comes from the learner's progress.
public struct LessonListEntry: Sendable, Equatable {
  public let number: Int
  public let id: String
  public let title: String
  public let section: String
  /// The part of the course: 1 (the guide's lessons) or 2 (structured concurrency in depth).
  public let part: Int
  public let demo: String?
  public let done: Bool
  /// The lesson's predictions: how many, how many the learner answered, how many right.
  public let predictions: PredictionScore

  public init(
    number: Int, id: String, title: String, section: String, part: Int = 1, demo: String?, done: Bool,
    predictions: PredictionScore = .zero
  ) {
    self.number = number
    self.id = id
    self.title = title
    self.section = section
    self.part = part
    self.demo = demo
    self.done = done
    self.predictions = predictions
  }

  /// `{"number","id","title","section","part","demo","done","predictions"}` in that order; `demo` is null
  /// when absent.
  public var json: JSONValue {
    .object([
      ("number", .integer(number)),
      ("id", .string(id)),
      ("title", .string(title)),
      ("section", .string(section)),
      ("part", .integer(part)),
      ("demo", .optional(demo)),
      ("done", .bool(done)),
      ("predictions", .object([
        ("total", .integer(predictions.total)),
        ("asked", .integer(predictions.asked)),
        ("right", .integer(predictions.right)),
      ])),
    ])
  }
}
