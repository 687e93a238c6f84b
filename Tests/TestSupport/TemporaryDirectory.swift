import Foundation

/// A fresh directory under the system's temporary directory, filled with the given files and
/// removed when the value goes away; each test gets its own. A fixture course for
/// `gatherlab --lessons DIR` is one: `TemporaryDirectory(files: LessonFixtures.validCourse)`.
public final class TemporaryDirectory: Sendable {
  public let path: String

  public init(files: [String: String] = [:]) throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("gatherlab-tests-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files {
      try write(name, text)
    }
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  public func write(_ name: String, _ text: String) throws {
    try write(name, Data(text.utf8))
  }

  public func write(_ name: String, _ data: Data) throws {
    let url = URL(fileURLWithPath: path).appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
  }

  /// `path/name`: how lesson messages name a file in this directory.
  public func file(_ name: String) -> String { path + "/" + name }
}
