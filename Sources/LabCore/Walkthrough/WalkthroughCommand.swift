/// What the user typed at the walkthrough prompt, parsed. Input is parsed here and only here;
/// the session switches over this enum.
public enum WalkthroughCommand: Sendable, Equatable {
  case next
  case back
  case list
  case goto(String)
  case show
  case run(demo: String?, arguments: [String])
  case demos
  /// `code [DEMO] [--all]`: `all` shows the whole Swift file.
  case code(String?, all: Bool = false)
  case speed(String?)
  case restart
  case help
  case quit

  /// One row of the command table: its name, aliases, argument form and help line.
  public struct Entry: Sendable {
    public let name: String
    public let aliases: [String]
    public let arguments: String
    public let help: String
  }

  /// Every command, in the order `help` lists them.
  public static let table: [Entry] = [
    Entry(name: "next", aliases: ["n"], arguments: "", help: "next lesson (an empty line does the same)"),
    Entry(name: "back", aliases: ["b", "prev"], arguments: "", help: "previous lesson"),
    Entry(name: "list", aliases: ["ls"], arguments: "", help: "all lessons, ✓ done, ▸ current"),
    Entry(name: "goto", aliases: ["g"], arguments: "ID|N", help: "jump to a lesson by id or number"),
    Entry(name: "show", aliases: ["s"], arguments: "", help: "show the current lesson again"),
    Entry(name: "run", aliases: ["r"], arguments: "[DEMO] [k=v ...]", help: "run this lesson's demo, or the one named"),
    Entry(name: "demos", aliases: [], arguments: "", help: "the demos and their parameters"),
    Entry(name: "code", aliases: [], arguments: "[DEMO] [--all]", help: "the demo's Python, then the Swift that gathers"),
    Entry(name: "speed", aliases: [], arguments: "[X]", help: "time scale for later runs (0.1–100)"),
    Entry(name: "restart", aliases: [], arguments: "", help: "clear your progress and start over"),
    Entry(name: "help", aliases: ["?"], arguments: "", help: "this list"),
    Entry(name: "quit", aliases: ["exit", "q"], arguments: "", help: "leave; progress is saved (Ctrl-D too)"),
  ]

  /// Every word that names a command.
  public static var words: [String] { table.flatMap { [$0.name] + $0.aliases } }

  /// Parses one line of input. An empty line is `next`; a bare number is `goto`.
  public static func parse(_ line: String) -> Result<WalkthroughCommand, WalkthroughInputError> {
    let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
    guard let first = words.first else { return .success(.next) }
    let arguments = Array(words.dropFirst())
    if Int(first) != nil, arguments.isEmpty { return .success(.goto(first)) }
    guard let entry = table.first(where: { $0.name == first.lowercased() || $0.aliases.contains(first.lowercased()) }) else {
      return .failure(.unknownCommand(first))
    }
    func noArguments(_ command: WalkthroughCommand) -> Result<WalkthroughCommand, WalkthroughInputError> {
      arguments.isEmpty ? .success(command) : .failure(.unexpectedArguments(command: entry.name, arguments: arguments))
    }
    func atMostOne(_ make: (String?) -> WalkthroughCommand) -> Result<WalkthroughCommand, WalkthroughInputError> {
      arguments.count <= 1 ? .success(make(arguments.first))
        : .failure(.unexpectedArguments(command: entry.name, arguments: Array(arguments.dropFirst())))
    }
    switch entry.name {
    case "next": return noArguments(.next)
    case "back": return noArguments(.back)
    case "list": return noArguments(.list)
    case "show": return noArguments(.show)
    case "demos": return noArguments(.demos)
    case "restart": return noArguments(.restart)
    case "help": return noArguments(.help)
    case "quit": return noArguments(.quit)
    case "goto":
      guard let target = arguments.first else { return .failure(.missingArgument(command: "goto", form: "goto ID|N")) }
      return atMostOne { _ in .goto(target) }
    case "code":
      let all = arguments.contains("--all")
      let names = arguments.filter { $0 != "--all" }
      return names.count <= 1 ? .success(.code(names.first, all: all))
        : .failure(.unexpectedArguments(command: entry.name, arguments: Array(names.dropFirst())))
    case "speed": return atMostOne { .speed($0) }
    case "run":
      if let first = arguments.first, !first.contains("=") {
        return .success(.run(demo: first, arguments: Array(arguments.dropFirst())))
      }
      return .success(.run(demo: nil, arguments: arguments))
    default:
      return .failure(.unknownCommand(first))
    }
  }
}

/// Input the walkthrough could not make sense of; each description is one sentence to show.
public enum WalkthroughInputError: Error, Equatable, CustomStringConvertible {
  case unknownCommand(String)
  case unexpectedArguments(command: String, arguments: [String])
  case missingArgument(command: String, form: String)

  public var description: String {
    switch self {
    case .unknownCommand(let word):
      let suggestion = Suggestions.closest(to: word, in: WalkthroughCommand.table.map(\.name), limit: 1).first
      return "Unknown command '\(word)'."
        + (suggestion.map { " Did you mean '\($0)'?" } ?? " Type 'help' to see the commands.")
    case .unexpectedArguments(let command, let arguments):
      return "'\(command)' takes no \(arguments.count == 1 ? "argument" : "arguments") here: \(arguments.joined(separator: " "))."
    case .missingArgument(let command, let form):
      return "'\(command)' needs an argument: \(form)."
    }
  }
}
