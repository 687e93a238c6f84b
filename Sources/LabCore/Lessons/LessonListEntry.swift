/// One lesson as `gatherlab list` shows it and `list --json` prints it:
/// `{"number":5,"id":"results-order","title":"…","section":"…","demo":"ordering","done":false}`.
///
/// `demo` is `null` for a lesson without a demo; `done` comes from the learner's progress.
public struct LessonListEntry: Sendable, Equatable {
  public let number: Int
  public let id: String
  public let title: String
  public let section: String
  public let demo: String?
  public let done: Bool

  public init(number: Int, id: String, title: String, section: String, demo: String?, done: Bool) {
    self.number = number
    self.id = id
    self.title = title
    self.section = section
    self.demo = demo
    self.done = done
  }

  /// `{"number","id","title","section","demo","done"}` in that order; `demo` is null when absent.
  public var json: JSONValue {
    .object([
      ("number", .integer(number)),
      ("id", .string(id)),
      ("title", .string(title)),
      ("section", .string(section)),
      ("demo", .optional(demo)),
      ("done", .bool(done)),
    ])
  }
}
