/// The lessons of the course in order, and the one place that turns what a user typed
/// ("5", "05", "results-order", "res") into a lesson.
///
/// ```swift
/// let catalog = try LessonCatalog.load(from: .bundled(executablePath: path))
/// let lesson = try catalog.lesson(matching: "results")  // the only id starting with "results"
/// ```
public struct LessonCatalog: Sendable {
  /// Every lesson, by number.
  public let lessons: [Lesson]

  public init(lessons: [Lesson]) {
    self.lessons = lessons.sorted { ($0.number, $0.fileName) < ($1.number, $1.fileName) }
  }

  /// Loads every lesson file of `source`. Fails if the source cannot be read or if any file
  /// cannot be loaded (with every loading problem); problems that only `lint` checks (unknown
  /// demos, numbering, code tags) do not stop it.
  public static func load(from source: LessonSource) throws(LessonCatalogError) -> LessonCatalog {
    try load(files: try source.files())
  }

  /// Loads the given files; see `load(from:)`.
  public static func load(files: [LessonFile]) throws(LessonCatalogError) -> LessonCatalog {
    var lessons: [Lesson] = []
    var problems: [LessonError] = []
    for file in files {
      let result = LessonLoader.load(file)
      problems += result.problems
      if let lesson = result.lesson { lessons.append(lesson) }
    }
    guard problems.isEmpty else { throw .invalidLessons(LessonError.sortedForReport(problems)) }
    return LessonCatalog(lessons: lessons)
  }

  public var count: Int { lessons.count }

  /// The course as a Python-only reading shows it: every lesson without its Swift side.
  public func hidingSwift() -> LessonCatalog {
    LessonCatalog(lessons: lessons.map { $0.hidingSwift() })
  }

  /// The parts of the course in order, each with its lessons: part 1 follows the guide, part 2
  /// is structured concurrency in depth.
  public var parts: [(part: Int, lessons: [Lesson])] {
    Dictionary(grouping: lessons, by: \.part).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  public var ids: [String] { lessons.map(\.id) }

  /// The lesson with this id, if any.
  public func lesson(id: String) -> Lesson? {
    lessons.first { $0.id == id }
  }

  /// The lesson a user means by `query`: a number ("5", "05"), an id, or the start of exactly
  /// one id. Throws a sentence with suggestions when nothing or more than one lesson matches.
  public func lesson(matching query: String) throws(LessonLookupError) -> Lesson {
    let needle = query.trimmingWhitespace().lowercased()
    if !needle.isEmpty, needle.allSatisfy(\.isASCIIDigit) {
      if let number = Int(needle), let lesson = lessons.first(where: { $0.number == number }) { return lesson }
      throw .unknown(query: query, suggestions: [], count: count)
    }
    if let lesson = lesson(id: needle) { return lesson }
    let prefixed = needle.isEmpty ? [] : lessons.filter { $0.id.hasPrefix(needle) }
    if prefixed.count == 1 { return prefixed[0] }
    if prefixed.count > 1 { throw .ambiguous(query: query, matches: prefixed.map(\.id)) }
    throw .unknown(query: query, suggestions: suggestions(for: needle), count: count)
  }

  /// The position of a lesson in the course, from 0.
  public func index(of lesson: Lesson) -> Int? {
    lessons.firstIndex { $0.id == lesson.id && $0.fileName == lesson.fileName }
  }

  /// The rows of `gatherlab list` and `list --json`; `done` holds the ids the learner finished.
  public func listEntries(done: Set<String> = [], answers: [String: PredictionRecord] = [:]) -> [LessonListEntry] {
    lessons.map { lesson in
      LessonListEntry(
        number: lesson.number,
        id: lesson.id,
        title: lesson.title,
        section: lesson.section,
        part: lesson.part,
        demo: lesson.demo,
        done: done.contains(lesson.id),
        predictions: PredictionScore(of: lesson, answers: answers)
      )
    }
  }

  /// Ids close to a mistyped query. Ids are compared whole, word by word ("resluts" is one swap
  /// from "results" in "results-order") and by their start, so a typo in any word is forgiven.
  private func suggestions(for needle: String) -> [String] {
    guard !needle.isEmpty else { return [] }
    let threshold = max(2, needle.count / 3)
    let scored: [(id: String, distance: Int)] = lessons.compactMap { lesson in
      let id = lesson.id
      let candidates = [id, String(id.prefix(needle.count))] + id.split(separator: "-").map(String.init)
      let distance = candidates.map { Suggestions.editDistance(needle, $0) }.min() ?? Int.max
      return distance <= threshold ? (id, distance) : nil
    }
    return scored.sorted { $0.distance < $1.distance }.prefix(3).map(\.id)
  }
}
