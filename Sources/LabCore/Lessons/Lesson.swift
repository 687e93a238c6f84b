import Synchronization

/// One lesson of the course: its place, its names, the demo it runs, and its Markdown body.
///
/// Lessons come from `Lessons/NN-id.md` files through `LessonLoader`; the number is the file's
/// `NN-` prefix, the rest is the front matter and the body after it.
///
/// ```swift
/// let lesson = try catalog.lesson(matching: "5")
/// lesson.id      // "results-order"
/// lesson.demo    // "ordering"
/// lesson.params  // [LessonParameter(name: "delays", value: "3,1,2")]
/// ```
public struct Lesson: Sendable, Equatable {
  /// The position in the course, from the file name: `05-results-order.md` → 5.
  public let number: Int
  /// The slug users type: `results-order`.
  public let id: String
  public let title: String
  /// The heading of the guide section the lesson covers.
  public let section: String
  /// The part of the course: 1 follows the guide's sections, 2 is structured concurrency in depth.
  public let part: Int
  /// The id of the demo the lesson runs, if it has one.
  public let demo: String?
  /// The demo parameters the lesson sets, in file order, as text: YAML `count: 10` gives "10",
  /// `delays: [3, 1, 2]` gives "3,1,2". Pass them to `Demo.resolve` as the first layer.
  public let params: [LessonParameter]
  /// The file name, `05-results-order.md`.
  public let fileName: String
  /// How messages name the file (the path for files on disk, the name for built-in lessons).
  public let path: String
  /// The Markdown after the front matter.
  public let body: String
  /// The line of the file the body starts on.
  public let bodyStartLine: Int
  /// The body, parsed the first time it is needed: `list` and the walkthrough's first prompt
  /// read only front matter for most lessons, and parsing all of them cost most of their start-up.
  public var document: MarkdownDocument { parsedBody.document }
  private let parsedBody: ParsedBody
  /// How many ```predict blocks start a line of the body (see `FenceScanner`), counted without
  /// parsing it: `list` counts every lesson's.
  public var predictionCount: Int {
    FenceScanner.topLevelFences(in: body).filter { PredictionParser.isPredictBlock(info: $0.info) }.count
  }
  /// The file line of each front matter key ("id", "params", "params.delays"), for messages.
  let keyLines: [String: Int]

  public init(
    number: Int,
    id: String,
    title: String,
    section: String,
    part: Int = 1,
    demo: String? = nil,
    params: [LessonParameter] = [],
    fileName: String,
    path: String? = nil,
    body: String,
    bodyStartLine: Int = 1
  ) {
    self.init(
      number: number, id: id, title: title, section: section, part: part, demo: demo, params: params, fileName: fileName,
      path: path ?? fileName, body: body, bodyStartLine: bodyStartLine, keyLines: [:]
    )
  }

  init(
    number: Int,
    id: String,
    title: String,
    section: String,
    part: Int,
    demo: String?,
    params: [LessonParameter],
    fileName: String,
    path: String,
    body: String,
    bodyStartLine: Int,
    keyLines: [String: Int]
  ) {
    self.number = number
    self.id = id
    self.title = title
    self.section = section
    self.part = part
    self.demo = demo
    self.params = params
    self.fileName = fileName
    self.path = path
    self.body = body
    self.bodyStartLine = bodyStartLine
    self.parsedBody = ParsedBody(body: body, firstLine: bodyStartLine)
    self.keyLines = keyLines
  }

  private init(_ lesson: Lesson, parsedBody: ParsedBody) {
    self.number = lesson.number
    self.id = lesson.id
    self.title = lesson.title
    self.section = lesson.section
    self.part = lesson.part
    self.demo = lesson.demo
    self.params = lesson.params
    self.fileName = lesson.fileName
    self.path = lesson.path
    self.body = lesson.body
    self.bodyStartLine = lesson.bodyStartLine
    self.parsedBody = parsedBody
    self.keyLines = lesson.keyLines
  }

  /// The lesson as a Python-only reading shows it: no Swift section, no Swift column of a table
  /// (`SwiftSections`). Its blocks keep their file lines, so predictions and messages still
  /// point at the file.
  public func hidingSwift() -> Lesson {
    Lesson(self, parsedBody: ParsedBody(body: body, firstLine: bodyStartLine, hidingSwift: true))
  }

  /// Whether this is the Python-only reading of the lesson.
  public var hidesSwift: Bool { parsedBody.hidesSwift }

  /// The file line of a front matter key, or 1 (the opening `---`) when it is not there.
  func line(ofKey key: String) -> Int {
    keyLines[key] ?? 1
  }

  /// The params as the (name, value) pairs `Demo.resolve` takes as a layer.
  public var parameterPairs: [(name: String, value: String)] { params.map { ($0.name, $0.value) } }
}

/// One demo parameter a lesson sets in its front matter: `delays: [3, 1, 2]` is
/// `LessonParameter(name: "delays", value: "3,1,2")`.
public struct LessonParameter: Sendable, Equatable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// A lesson body and, once asked for, its parse; shared by the copies of one `Lesson`. Two are
/// equal when they parse the same text from the same line: the parse follows from those.
private final class ParsedBody: Sendable, Equatable {
  static func == (lhs: ParsedBody, rhs: ParsedBody) -> Bool {
    lhs === rhs || (lhs.body == rhs.body && lhs.firstLine == rhs.firstLine && lhs.hidesSwift == rhs.hidesSwift)
  }

  private let body: String
  private let firstLine: Int
  let hidesSwift: Bool
  private let parsed = Mutex<MarkdownDocument?>(nil)

  init(body: String, firstLine: Int, hidingSwift: Bool = false) {
    self.body = body
    self.firstLine = firstLine
    self.hidesSwift = hidingSwift
  }

  var document: MarkdownDocument {
    parsed.withLock { parsed in
      if let parsed { return parsed }
      let whole = MarkdownParser.parse(body, firstLine: firstLine)
      let document = hidesSwift ? whole.hidingSwift() : whole
      parsed = document
      return document
    }
  }
}
