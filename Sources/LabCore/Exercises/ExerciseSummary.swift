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
    var text = markdown
    return text.withUTF8 { frontMatterFields(bytes: $0) }
  }

  /// Line by line over the UTF-8 bytes, up to the closing "---" only: the body is never walked
  /// (walking the files by Characters cost more than the fields' parse).
  static func frontMatterFields(bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    let (newline, carriageReturn, space, tab, dash, colon): (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (10, 13, 32, 9, 45, 58)
    func text(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self) }
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var opened = false
    var keeping = false
    var kept: [String] = []
    while start < bytes.count {
      var end = start
      while end < bytes.count, bytes[end] != newline { end += 1 }
      var lineEnd = end
      if lineEnd > start, bytes[lineEnd - 1] == carriageReturn { lineEnd -= 1 }
      defer { start = end + 1 }
      var (from, to) = (start, lineEnd)
      while from < to, bytes[from] == space || bytes[from] == tab { from += 1 }
      while to > from, bytes[to - 1] == space || bytes[to - 1] == tab { to -= 1 }
      let isFence = to - from == 3 && bytes[from] == dash && bytes[from + 1] == dash && bytes[from + 2] == dash
      if !opened {
        guard isFence else { return nil }
        opened = true
        continue
      }
      if isFence { return kept }
      if start < lineEnd, bytes[start] != space, bytes[start] != tab {
        var colonAt = start
        while colonAt < lineEnd, bytes[colonAt] != colon { colonAt += 1 }
        keeping = colonAt < lineEnd && colonAt - start <= 6 && fields.contains(text(start, colonAt))
      }
      if keeping { kept.append(text(start, lineEnd)) }
    }
    return nil
  }
}

extension Exercise {
  /// Its number, id, lesson and title.
  public var summary: ExerciseSummary {
    ExerciseSummary(number: number, id: id, lesson: lesson, title: title)
  }
}
