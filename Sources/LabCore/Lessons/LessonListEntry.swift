/// One lesson as `gatherlab list` shows it and `list --json` prints it:
/// `{"number":5,"id":"results-order","title":"…","section":"…","demo":"ordering","done":false}`.
///
/// `demo` is `null` for a lesson without a demo; `done` comes from the learner's progress.
public struct LessonListEntry: Sendable, Equatable, Encodable {
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

  private enum CodingKeys: String, CodingKey {
    case number, id, title, section, demo, done
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(number, forKey: .number)
    try container.encode(id, forKey: .id)
    try container.encode(title, forKey: .title)
    try container.encode(section, forKey: .section)
    try container.encode(demo, forKey: .demo)
    try container.encode(done, forKey: .done)
  }
}
