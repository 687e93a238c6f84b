import Foundation

/// What each demo prints with its default parameters on a test clock, normalized as
/// `DemoHarness.normalized` does: one written-out file per demo, `Tests/LabCoreTests/Goldens/<id>.txt`.
///
/// These files are the one source for the default transcripts: the content check compares every
/// demo against its file, and a test about one demo's defaults reads the same file instead of
/// repeating it.
///
/// ```swift
/// let (output, report) = try await DemoHarness().run("ordering")
/// #expect(DemoHarness.normalized(output) == (try DemoGoldens.transcript("ordering")))
/// ```
public enum DemoGoldens {
  public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "LabCoreTests/Goldens")

  /// The golden file of the demo `id`.
  public static func file(_ id: String) -> URL {
    directory.appending(path: "\(id).txt")
  }

  /// The golden transcript of the demo `id`; throws if it has none.
  public static func transcript(_ id: String) throws -> String {
    try String(contentsOf: file(id), encoding: .utf8)
  }
}
