/// Why no lesson catalog could be built: the lessons could not be read, or some lesson is broken.
/// Each case is a sentence (or, for broken lessons, one `file:line: message` line per problem).
public enum LessonCatalogError: Error, Equatable, CustomStringConvertible {
  case unreadableDirectory(path: String, reason: String)
  case notADirectory(path: String)
  case unreadableFile(path: String, reason: String)
  /// The source holds no `.md` files; `source` names it ("the lessons directory 'x'").
  case noLessons(source: String)
  case invalidLessons([LessonError])

  public var description: String {
    switch self {
    case .unreadableDirectory(let path, let reason):
      "Cannot read the lessons directory '\(path)': \(reason)."
    case .notADirectory(let path):
      "Cannot read the lessons directory '\(path)': it is not a directory."
    case .unreadableFile(let path, let reason):
      "Cannot read the lesson file '\(path)': \(reason)."
    case .noLessons(let source):
      "There are no lesson files (NN-id.md) in \(source)."
    case .invalidLessons(let problems):
      problems.map(\.description).joined(separator: "\n")
    }
  }
}
