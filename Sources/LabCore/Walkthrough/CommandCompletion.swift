/// Tab completion at the walkthrough prompt: commands first, then lesson ids after `goto`,
/// demo ids after `run` and `code`, and `key=` parameter names after a demo.
public struct CommandCompletion: Sendable {
  public let lessonIDs: [String]
  public let registry: DemoRegistry
  /// The demo `run` uses when none is named (the current lesson's), for its parameter names.
  public var currentDemo: String?

  public init(lessonIDs: [String], registry: DemoRegistry, currentDemo: String? = nil) {
    self.lessonIDs = lessonIDs
    self.registry = registry
    self.currentDemo = currentDemo
  }

  /// The completions of the word being typed, given the line before it.
  ///
  /// - Parameters:
  ///   - word: the partial word at the cursor ("ord").
  ///   - before: everything on the line before that word ("run ").
  public func candidates(for word: String, after before: String) -> [String] {
    let previous = before.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
    guard let command = previous.first else {
      return WalkthroughCommand.table.map(\.name).filter { $0.hasPrefix(word.lowercased()) }
    }
    let name = WalkthroughCommand.table.first { $0.name == command || $0.aliases.contains(command) }?.name
    switch name {
    case "goto":
      return previous.count == 1 ? lessonIDs.filter { $0.hasPrefix(word) } : []
    case "code":
      return previous.count == 1 ? registry.ids.filter { $0.hasPrefix(word) } : []
    case "run":
      let namedDemo = previous.count >= 2 && !previous[1].contains("=") ? previous[1] : nil
      var options: [String] = []
      if previous.count == 1 && !word.contains("=") {
        options += registry.ids.filter { $0.hasPrefix(word) }
      }
      if let demo = registry.demo(id: namedDemo ?? currentDemo ?? ""), !word.contains("=") {
        let given = Set(previous.compactMap { $0.split(separator: "=").first.map(String.init) })
        options += demo.parameterNames.filter { !given.contains($0) }.map { $0 + "=" }.filter { $0.hasPrefix(word) }
      }
      return options
    default:
      return []
    }
  }
}
