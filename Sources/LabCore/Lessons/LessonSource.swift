import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where lessons are read from: a directory of `NN-id.md` files, or the copy built into the binary.
///
/// `gatherlab --lessons DIR` reads a directory; otherwise `bundled(executablePath:)` picks the
/// installed lessons next to the binary (`<prefix>/bin/gatherlab` → `<prefix>/share/gatherlab/Lessons`)
/// and falls back to the embedded ones, so an installed or a freshly built binary works from any
/// directory.
public enum LessonSource: Sendable, Equatable, CustomStringConvertible {
  case directory(String)
  case embedded

  /// Where an installed binary's lessons live, relative to the binary's directory.
  public static let installedRelativePath = "../share/gatherlab/Lessons"

  /// The installed lessons if `<dir of executable>/../share/gatherlab/Lessons` exists, else the
  /// embedded lessons.
  public static func bundled(executablePath: String?) -> LessonSource {
    guard let executablePath else { return .embedded }
    let binDirectory = executablePath.lastIndex(of: "/").map { String(executablePath[..<$0]) } ?? "."
    let installed = standardized(binDirectory + "/" + installedRelativePath)
    // stat(2), not FileManager and URL: those were a tenth of the walkthrough's start-up.
    var status = stat()
    guard stat(installed, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return .embedded }
    return .directory(installed)
  }

  /// `path` without `.` and `..` components, worked out on the text as `URL.standardized` does
  /// (no links followed): `/usr/bin/../share` is `/usr/share`.
  static func standardized(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var components: [Substring] = []
    for component in path.split(separator: "/") where component != "." {
      if component == "..", let last = components.last, last != ".." {
        components.removeLast()
      } else if component != ".." || !absolute {
        components.append(component)
      }
    }
    // Appended by hand: `[Substring].joined` runs unspecialised here, a third of a million
    // instructions at start-up.
    var joined = absolute ? "/" : ""
    for (index, component) in components.enumerated() {
      if index > 0 { joined += "/" }
      joined.append(contentsOf: component)
    }
    return joined.isEmpty ? "." : joined
  }

  /// "the lessons directory 'Lessons'" or "the built-in lessons", for messages.
  public var description: String {
    switch self {
    case .directory(let path): "the lessons directory '\(path)'"
    case .embedded: "the built-in lessons"
    }
  }

  /// The `.md` files of the source, sorted by name.
  public func files() throws(LessonCatalogError) -> [LessonFile] {
    let files: [LessonFile]
    switch self {
    case .embedded:
      files = EmbeddedFiles.lessons
        .sorted { $0.name < $1.name }
        .map { LessonFile(name: $0.name, text: $0.text) }
    case .directory(let path):
      files = try Self.read(directory: path)
    }
    guard !files.isEmpty else { throw .noLessons(source: description) }
    return files
  }

  private static func read(directory path: String) throws(LessonCatalogError) -> [LessonFile] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unreadableDirectory(path: path, reason: "no such directory")
    }
    guard isDirectory.boolValue else { throw .notADirectory(path: path) }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: path)
    } catch {
      throw .unreadableDirectory(path: path, reason: Self.reason(for: path))
    }
    var files: [LessonFile] = []
    for name in names.filter({ $0.hasSuffix(".md") }).sorted() {
      let filePath = path.hasSuffix("/") ? path + name : path + "/" + name
      guard let data = FileManager.default.contents(atPath: filePath) else {
        throw .unreadableFile(path: filePath, reason: Self.reason(for: filePath))
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw .unreadableFile(path: filePath, reason: "it is not UTF-8 text")
      }
      files.append(LessonFile(name: name, displayPath: filePath, text: text))
    }
    return files
  }

  /// Why `path` cannot be read, in the system's words ("permission denied").
  private static func reason(for path: String) -> String {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
      path.hasSuffix(".md")
    {
      return "it is a directory"
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor < 0 else {
      close(descriptor)
      return "it cannot be read"
    }
    return String(cString: strerror(errno)).lowercased()
  }
}
