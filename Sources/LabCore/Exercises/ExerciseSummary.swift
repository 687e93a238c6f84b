import Foundation
import Yams

/// What `list`, `exercises` and the walkthrough's lesson parts show of an exercise: its number,
/// id, lesson and title, read without parsing its checks, hints and body or its programs
/// (start-up, DESIGN's 10 ms bar: the full parse of every exercise was two thirds of `list`).
/// A test keeps these equal to the full parse's for every exercise.
public struct ExerciseSummary: Sendable, Equatable {
  /// The `NN` of its directory, from 1.
  public var number: Int
  public var id: String
  /// The id of the lesson it ends.
  public var lesson: String
  public var title: String

  public init(number: Int, id: String, lesson: String, title: String) {
    self.number = number
    self.id = id
    self.lesson = lesson
    self.title = title
  }

  /// `05`: the number as its directory spells it.
  public var paddedNumber: String { (number < 10 ? "0" : "") + "\(number)" }

  /// The summaries of `files` (only their `markdown` is read), in order; nil when one cannot be
  /// read this way (no exercise.md or front matter, a missing or non-text field, a reused number): the full parse
  /// (`ExerciseCatalog.load`) says what is wrong. Only the front matter's top-level `id:`,
  /// `lesson:` and `title:` entries (with their indented continuation lines) go to Yams, all
  /// exercises in one document.
  public static func read(_ files: [ExerciseCatalog.Files]) -> [ExerciseSummary]? {
    var document = ""
    var numbers: [String: Int] = [:]
    for file in files {
      let parts = file.directory.split(separator: "-", maxSplits: 1)
      guard parts.count == 2, parts[0].count == 2, let number = Int(parts[0]), let markdown = file.markdown,
        numbers[file.directory] == nil
      else { return nil }
      numbers[file.directory] = number
      guard let fields = frontMatterFields(markdown) else { return nil }
      document += "\"\(file.directory)\":\n" + fields.map { "  " + $0 + "\n" }.joined()
    }
    guard !files.isEmpty else { return [] }
    guard let root = try? YAMLText.compose(document), let mapping = root.mapping else { return nil }
    var summaries: [ExerciseSummary] = []
    for (key, value) in mapping {
      guard let directory = key.scalar?.string, let number = numbers[directory], let fields = value.mapping else { return nil }
      func text(_ name: String) -> String? {
        guard let string = fields[name]?.scalar?.string, !string.isEmpty else { return nil }
        return string
      }
      guard let id = text("id"), let lesson = text("lesson"), let title = text("title") else { return nil }
      summaries.append(ExerciseSummary(number: number, id: id, lesson: lesson, title: title))
    }
    guard Set(summaries.map(\.number)).count == summaries.count else { return nil }
    return summaries.sorted { $0.number < $1.number }
  }

  static let fields: Set<String> = ["id", "lesson", "title"]

  /// The front matter's top-level `id:`, `lesson:` and `title:` lines and the indented lines that
  /// continue them; nil without front matter.
  static func frontMatterFields(_ markdown: String) -> [String]? {
    guard case .success(let block) = FrontMatterBlock.split(markdown) else { return nil }
    var yaml = block.yaml
    return yaml.withUTF8 { fields(in: $0) }
  }

  /// Line by line over the YAML's UTF-8 bytes (walking them by Characters cost more than the
  /// fields' parse): a line that starts at the margin starts a key, kept when it is one of `fields`.
  private static func fields(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    let (newline, space, tab, colon) = (UInt8(ascii: "\n"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ":"))
    func text(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self) }
    var kept: [String] = []
    var keeping = false
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count, bytes[end] != newline { end += 1 }
      defer { start = end + 1 }
      if start < end, bytes[start] != space, bytes[start] != tab {
        var colonAt = start
        while colonAt < end, bytes[colonAt] != colon { colonAt += 1 }
        keeping = colonAt < end && colonAt - start <= 6 && fields.contains(text(start, colonAt))
      }
      if keeping { kept.append(text(start, end)) }
    }
    return kept
  }
}

extension Exercise {
  /// Its number, id, lesson and title.
  public var summary: ExerciseSummary {
    ExerciseSummary(number: number, id: id, lesson: lesson, title: title)
  }
}
