/// What the user typed at the walkthrough prompt, parsed. Input is parsed here and only here;
/// the session switches over this enum.
public enum WalkthroughCommand: Sendable, Equatable {
  /// An empty line: the next part of the lesson, after its last part the next lesson.
  case readOn
  case next
  case back
  case list
  case goto(String)
  /// `show` reprints the current part; `show all` the whole lesson.
  case show(all: Bool)
  case run(demo: String?, arguments: [String])
  /// `compare [DEMO] [k=v ...]`: the demo beside its Python twin under real CPython.
  case compare(demo: String?, arguments: [String])
  /// `trace [N]`: the lesson's Nth runnable Python program, traced (the first when nil).
  case trace(String?)
  case demos
  /// `code [DEMO] [--all]`: `all` shows the whole Swift file, not only the code that gathers.
  case code(String?, all: Bool = false)
  case speed(String?)
  /// `save FILE`: the last run as a recording.
  case save(String)
  /// The last run again, drawn as it ran.
  case replay
  /// The last run event by event.
  case step
  case review
  /// `predict on|off`; `predict` alone says which it is.
  case predict(Bool?)
  /// `swift on|off`: the lessons with or without their Swift side; `swift` alone says which.
  case swift(Bool?)
  case restart
  case help
  case quit

  /// Every command the prompt knows, in the order `help` lists them. A command's names, argument
  /// form, help line, parser and completion all hang off its case here: adding a command is one
  /// case and its row in `entry`.
  public enum Name: String, CaseIterable, Sendable {
    case next, back, list, goto, show, run, compare, trace, demos, code, speed, save, replay, step, review, predict, swift, restart, help, quit

    /// The command's row of the table.
    public var entry: Entry {
      switch self {
      case .next:
        Entry(aliases: ["n"], help: "the next lesson at once (marks this one done)", arguments: .none(.next))
      case .back:
        Entry(aliases: ["b", "prev"], help: "the previous part, or the previous lesson", arguments: .none(.back))
      case .list:
        Entry(aliases: ["ls"], help: "all lessons, ✓ done, ▸ current, prediction scores", arguments: .none(.list))
      case .goto:
        Entry(aliases: ["g"], help: "jump to a lesson by id or number", arguments: .one("ID|N", .lessons, WalkthroughCommand.goto))
      case .show:
        Entry(aliases: ["s"], help: "this part again ('show all': the whole lesson)", arguments: .choice(["all"]) { .show(all: $0 == "all") })
      case .run:
        Entry(aliases: ["r"], help: "run this lesson's demo, or the one named", arguments: .demoAndParameters { .run(demo: $0, arguments: $1) })
      case .compare:
        Entry(
          help: "the demo beside its Python twin under CPython",
          arguments: .demoAndParameters { .compare(demo: $0, arguments: $1) }
        )
      case .trace:
        Entry(help: "this lesson's Python program (the Nth), traced", arguments: .optional("[N]", .nothing, WalkthroughCommand.trace))
      case .demos:
        Entry(help: "the demos and their parameters", arguments: .none(.demos))
      case .code:
        Entry(
          help: "the demo's Python, then the Swift that gathers",
          arguments: .optionalWithFlag("[DEMO]", .demos, flag: "--all") { .code($0, all: $1) }
        )
      case .speed:
        Entry(help: "time scale for later runs (0.1–100)", arguments: .optional("[X]", .nothing, WalkthroughCommand.speed))
      case .save:
        Entry(help: "the last run to FILE, for replay and export", arguments: .one("FILE", .nothing, WalkthroughCommand.save))
      case .replay:
        Entry(help: "the last run again, as it ran", arguments: .none(.replay))
      case .step:
        Entry(help: "the last run event by event (Enter, b, q)", arguments: .none(.step))
      case .review:
        Entry(help: "the predictions you missed, asked and run again", arguments: .none(.review))
      case .predict:
        Entry(help: "ask predictions while reading, or only print them", arguments: .choice(["on", "off"]) { $0.map { .predict($0 == "on") } ?? .predict(nil) })
      case .swift:
        Entry(help: "show the lessons' Swift side, or read Python-only", arguments: .choice(["on", "off"]) { $0.map { .swift($0 == "on") } ?? .swift(nil) })
      case .restart:
        Entry(help: "clear your progress and start over", arguments: .none(.restart))
      case .help:
        Entry(aliases: ["?"], help: "this list", arguments: .none(.help))
      case .quit:
        Entry(aliases: ["exit", "q"], help: "leave; progress is saved (Ctrl-D too)", arguments: .none(.quit))
      }
    }

    /// The name and its aliases, as typed.
    public var words: [String] { [rawValue] + entry.aliases }

    /// The command a word names, by its name or an alias, in any case.
    public init?(word: String) {
      let word = word.lowercased()
      guard let name = Name.allCases.first(where: { $0.words.contains(word) }) else { return nil }
      self = name
    }
  }

  /// One row of the command table: aliases, help line, and what the command takes after its name.
  public struct Entry: Sendable {
    public let aliases: [String]
    public let help: String
    public let arguments: Arguments

    init(aliases: [String] = [], help: String, arguments: Arguments) {
      self.aliases = aliases
      self.help = help
      self.arguments = arguments
    }
  }

  /// What a command takes after its name: the form `help` shows, how it is parsed, and what Tab
  /// offers for it.
  public enum Arguments: Sendable {
    /// Nothing: the command itself.
    case none(WalkthroughCommand)
    /// Exactly one word.
    case one(String, Completion, @Sendable (String) -> WalkthroughCommand)
    /// At most one word.
    case optional(String, Completion, @Sendable (String?) -> WalkthroughCommand)
    /// At most one word, and a flag anywhere: `[DEMO] [--all]`.
    case optionalWithFlag(String, Completion, flag: String, @Sendable (String?, Bool) -> WalkthroughCommand)
    /// At most one of a few fixed words.
    case choice([String], @Sendable (String?) -> WalkthroughCommand)
    /// `[DEMO] [k=v ...]`.
    case demoAndParameters(@Sendable (String?, [String]) -> WalkthroughCommand)

    /// The form `help` prints after the names: "ID|N", "[all]", "[DEMO] [k=v ...]".
    public var form: String {
      switch self {
      case .none: ""
      case .one(let form, _, _), .optional(let form, _, _): form
      case .optionalWithFlag(let form, _, let flag, _): form + " [" + flag + "]"
      case .choice(let words, _): words.count == 1 ? "[\(words[0])]" : words.joined(separator: "|")
      case .demoAndParameters: "[DEMO] [k=v ...]"
      }
    }
  }

  /// What Tab completes in a command's argument.
  public enum Completion: Sendable {
    case nothing, lessons, demos
  }

  /// Parses one line of input. An empty line reads on; a bare number is `goto`; a leading
  /// `gatherlab` is skipped, as lessons print whole commands (`gatherlab run ordering`).
  public static func parse(_ line: String) -> Result<WalkthroughCommand, WalkthroughInputError> {
    var words = line.split(whereSeparator: \.isWhitespace).map(String.init)
    if words.first?.lowercased() == "gatherlab" {
      guard words.count > 1 else { return .failure(.alreadyInGatherlab) }
      words.removeFirst()
    }
    guard let first = words.first else { return .success(.readOn) }
    let arguments = Array(words.dropFirst())
    if Int(first) != nil, arguments.isEmpty { return .success(.goto(first)) }
    guard let name = Name(word: first) else { return .failure(.unknownCommand(first)) }
    func tooMany(_ extra: [String]) -> Result<WalkthroughCommand, WalkthroughInputError> {
      .failure(.unexpectedArguments(command: name.rawValue, arguments: extra))
    }
    switch name.entry.arguments {
    case .none(let command):
      return arguments.isEmpty ? .success(command) : tooMany(arguments)
    case .one(let form, _, let make):
      guard let word = arguments.first else {
        return .failure(.missingArgument(command: name.rawValue, form: name.rawValue + " " + form))
      }
      return arguments.count == 1 ? .success(make(word)) : tooMany(Array(arguments.dropFirst()))
    case .optional(_, _, let make):
      return arguments.count <= 1 ? .success(make(arguments.first)) : tooMany(Array(arguments.dropFirst()))
    case .optionalWithFlag(_, _, let flag, let make):
      let words = arguments.filter { $0.lowercased() != flag }
      return words.count <= 1 ? .success(make(words.first, words.count < arguments.count)) : tooMany(Array(words.dropFirst()))
    case .choice(let allowed, let make):
      guard arguments.count <= 1 else { return tooMany(Array(arguments.dropFirst())) }
      guard let word = arguments.first else { return .success(make(nil)) }
      guard allowed.contains(word.lowercased()) else {
        return .failure(.notAChoice(command: name.rawValue, word: word, choices: allowed))
      }
      return .success(make(word.lowercased()))
    case .demoAndParameters(let make):
      if let demo = arguments.first, !demo.contains("=") {
        return .success(make(demo, Array(arguments.dropFirst())))
      }
      return .success(make(nil, arguments))
    }
  }
}

/// Input the walkthrough could not make sense of; each description is one sentence to show.
public enum WalkthroughInputError: Error, Equatable, CustomStringConvertible {
  case unknownCommand(String)
  case unexpectedArguments(command: String, arguments: [String])
  case missingArgument(command: String, form: String)
  case notAChoice(command: String, word: String, choices: [String])
  /// `gatherlab` alone at the prompt.
  case alreadyInGatherlab

  public var description: String {
    switch self {
    case .unknownCommand(let word):
      let names = WalkthroughCommand.Name.allCases.map(\.rawValue)
      let suggestion = Suggestions.closest(to: word, in: names, limit: 1).first
      return "Unknown command '\(word)'."
        + (suggestion.map { " Did you mean '\($0)'?" } ?? " Type 'help' to see the commands.")
    case .unexpectedArguments(let command, let arguments):
      return "'\(command)' takes no \(arguments.count == 1 ? "argument" : "arguments") here: \(arguments.joined(separator: " "))."
    case .missingArgument(let command, let form):
      return "'\(command)' needs an argument: \(form)."
    case .notAChoice(let command, let word, let choices):
      let quoted = choices.map { "'\($0)'" }
      let listed = quoted.count <= 1 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
      return "'\(command)' takes \(listed), not '\(word)'."
    case .alreadyInGatherlab:
      return "You are in gatherlab already: type the rest of the command ('run ordering'), or 'help'."
    }
  }
}
