/// Tab completion at the walkthrough prompt: commands first, then lesson ids after `goto`,
/// demo ids after `run` and `code`, `key=` parameter names after a demo, and a parameter's
/// words after its `key=` (`mode=w` → `mode=window`).
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
  ///
  /// A line editor that breaks words at `=` (libedit does) asks for `w` after `run mode=`; one
  /// that does not asks for `mode=w`. Either way the parameter's words are offered, in the form
  /// the word was given.
  public func candidates(for word: String, after before: String) -> [String] {
    if before.hasSuffix("="), let last = before.split(whereSeparator: \.isWhitespace).last {
      let key = String(last.dropLast())
      return values(of: key, after: String(before.dropLast(last.count))).filter { $0.hasPrefix(word) }
    }
    if let equals = word.firstIndex(of: "=") {
      let key = String(word[..<equals])
      return candidates(for: String(word[word.index(after: equals)...]), after: before + key + "=").map { key + "=" + $0 }
    }
    var previous = before.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
    // Lessons print whole commands: `gatherlab run …` completes as `run …` does.
    if previous.first == "gatherlab" { previous.removeFirst() }
    guard let command = previous.first else {
      // `gatherlab` itself only once its first letters are typed, so Tab on nothing lists commands.
      let names = WalkthroughCommand.Name.allCases.map(\.rawValue) + (word.isEmpty ? [] : ["gatherlab"])
      return names.filter { $0.hasPrefix(word.lowercased()) }
    }
    guard let name = WalkthroughCommand.Name(word: command) else { return [] }
    switch name.entry.arguments {
    case .none:
      return []
    case .one(_, let completion, _), .optional(_, let completion, _):
      return previous.count == 1 ? words(completion).filter { $0.hasPrefix(word) } : []
    case .optionalWithFlag(_, let completion, let flag, _):
      let given = previous.dropFirst().filter { $0 != flag }
      let flagOption = previous.contains(flag) ? [] : [flag]
      return ((given.isEmpty ? words(completion) : []) + flagOption).filter { $0.hasPrefix(word) }
    case .choice(let choices, _):
      return previous.count == 1 ? choices.filter { $0.hasPrefix(word.lowercased()) } : []
    case .demoAndParameters:
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
    }
  }

  /// The words parameter `key` takes (a choice's options, `none`), for the demo the line before
  /// it names or the lesson's.
  private func values(of key: String, after before: String) -> [String] {
    var previous = before.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
    if previous.first == "gatherlab" { previous.removeFirst() }
    guard let command = previous.first, let name = WalkthroughCommand.Name(word: command),
      case .demoAndParameters = name.entry.arguments
    else { return [] }
    let namedDemo = previous.count >= 2 && !previous[1].contains("=") ? previous[1] : nil
    guard let demo = registry.demo(id: namedDemo ?? currentDemo ?? ""),
      let parameter = demo.parameters.first(where: { $0.name == key })
    else { return [] }
    // The listing's range: "taskgroup|gather", "none|1–12"; its words are what can be typed whole.
    return parameter.range.split(separator: "|").map(String.init).filter { $0.allSatisfy(\.isLetter) }
  }

  private func words(_ completion: WalkthroughCommand.Completion) -> [String] {
    switch completion {
    case .nothing: []
    case .lessons: lessonIDs
    case .demos: registry.ids
    }
  }
}
