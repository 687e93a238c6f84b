extension Demo {
  /// The Swift file this demo runs, embedded at build time: the code that actually runs.
  public var swiftSource: String? {
    EmbeddedFiles.demoSources.first { $0.name == sourceFile }?.text
  }

  /// The part of the Swift file that gathers, without the parameter and report plumbing: what
  /// `code` shows after the Python twin. It is the region a demo file marks with `// code: begin`
  /// and `// code: end`, indented as written less its common indent; the whole file when unmarked.
  public var swiftConcurrencyCode: String? {
    swiftSource.map { DemoSourceCode.region(of: $0) ?? $0 }
  }

  /// Where that Swift file is in the repository (`Sources/LabCore/Demos/Ordering/OrderingDemo.swift`),
  /// as recorded when it was embedded.
  public var swiftSourcePath: String? {
    EmbeddedFiles.demoSources.first { $0.name == sourceFile }?.path
  }

  /// The same demo written with Python's asyncio, embedded at build time.
  public var pythonSource: String? {
    EmbeddedFiles.demoPython.first { $0.name == pythonFile }?.text
  }
}

/// Finds the marked region of a demo's Swift file.
public enum DemoSourceCode {
  public static let begin = "// code: begin"
  public static let end = "// code: end"

  /// The lines between the first `begin` marker and the next `end` marker, dedented; nil when
  /// the file has no complete region.
  public static func region(of source: String) -> String? {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard let first = lines.firstIndex(where: { $0.trimmingWhitespace() == begin }),
      let last = lines[(first + 1)...].firstIndex(where: { $0.trimmingWhitespace() == end })
    else { return nil }
    let body = lines[(first + 1)..<last]
    let indent = body.filter { !$0.trimmingWhitespace().isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
    return body.map { $0.count >= indent ? String($0.dropFirst(indent)) : "" }.joined(separator: "\n") + "\n"
  }
}
