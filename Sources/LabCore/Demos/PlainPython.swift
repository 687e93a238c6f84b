/// A Python twin as a learner can paste and run it: the twin without gatherlab's instrumentation.
///
/// A twin reports what it does through the few names it imports from `_gatherlab` (DESIGN §10),
/// and those names mark every instrumentation line, so the plain program is derived from the
/// twin rather than kept beside it: what `code` shows is the program gatherlab runs, less the
/// reporting, and the two cannot drift apart (a plain copy per twin would need every change
/// made twice, and a new demo would bring two programs).
///
/// - `from _gatherlab import …` goes; in its place `from types import SimpleNamespace` and the
///   plain helpers the twin uses (`letters`, `orphans_settled`), copied from `_gatherlab.py`;
/// - `params = demo("id", k=v, …)` becomes `params = SimpleNamespace(k=v, …)`, the defaults;
/// - `@observed` lines go (with a phase too), and so do `waiting(…)`, `finished(…)`,
///   `cancelling(…)` and `deadline(…)` statements;
/// - `returned(x)` prints `gather returned: x` (`returned(x, "label")`: `label: x`),
///   `caught(e)` prints `caught: repr(e)`, `phase(name, n)` prints the phase's name.
///
/// ```swift
/// PlainPython.program(twin: demo.pythonSource!, helpers: gatherlabPy)  // runs with python3
/// ```
public enum PlainPython {
  /// The module every twin imports its reporting from.
  public static let module = "_gatherlab"
  /// What `returned(x)` says when the twin names no label (`_gatherlab.returned`'s default).
  static let defaultLabel = "gather returned"

  /// The twin `twin` without its instrumentation; `helpers` is `_gatherlab.py`'s text, where the
  /// plain helpers' definitions come from.
  public static func program(twin: String, helpers: String) -> String {
    var lines = twin.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var imported: [String] = []
    if let index = lines.firstIndex(where: { $0.hasPrefix("from \(module) import ") }) {
      let names = lines[index].dropFirst("from \(module) import ".count)
      imported = names.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
      var replacement: [String] = []
      if imported.contains("demo") { replacement.append("from types import SimpleNamespace") }
      for name in imported where !reporting.contains(name) && name != "demo" {
        if let definition = definition(of: name, in: helpers) {
          replacement += ["", ""] + definition
        }
      }
      if replacement.count > 1, replacement.last != "" { replacement.append("") }
      lines.replaceSubrange(index...index, with: replacement)
    }
    var output: [String] = []
    var index = 0
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingWhitespace()
      let indent = String(line.prefix { $0 == " " })
      if imported.contains("observed"),
        trimmed == "@observed" || trimmed.hasPrefix("@observed ") || trimmed.hasPrefix("@observed(")
      {
        index += 1
        continue
      }
      if let (name, call) = statementCall(in: lines, at: index, names: imported) {
        let rest = call.rest
        switch name {
        case "waiting", "deadline", "finished", "cancelling":
          break  // instrumentation only
        case "returned":
          let label = call.arguments.count > 1 ? labelled(call.arguments[1]) : "\"\(defaultLabel):\""
          output.append(indent + "print(\(label), \(call.arguments.first ?? ""))" + rest)
        case "caught":
          output.append(indent + "print(\"caught:\", repr(\(call.arguments.first ?? "")))" + rest)
        case "phase":
          output.append(indent + "print(\(call.arguments.first ?? ""))" + rest)
        default:  // demo
          output.append(indent + "# The demo's defaults: change them to try other runs.")
          output.append(indent + call.target + "SimpleNamespace(\(call.arguments.dropFirst().joined(separator: ", ")))" + rest)
        }
        index = call.endLine + 1
        continue
      }
      output.append(line)
      index += 1
    }
    return output.joined(separator: "\n")
  }

  /// The names whose calls are reporting, not behaviour.
  static let reporting: Set<String> = [
    "observed", "waiting", "finished", "cancelling", "deadline", "returned", "caught", "phase",
  ]

  /// A label argument with a colon: `"wait returned"` → `"wait returned:"`.
  private static func labelled(_ argument: String) -> String {
    if let quote = argument.last, quote == "\"" || quote == "'", argument.count >= 2 {
      return String(argument.dropLast()) + ":" + String(quote)
    }
    return argument + " + \":\""
  }

  struct Call {
    /// What precedes the call on its first line, after the indent: `params = ` or nothing.
    var target: String
    var arguments: [String]
    /// What follows the closing parenthesis on its last line (a comment).
    var rest: String
    var endLine: Int
  }

  /// The call of one of `names`'s reporting functions (or `params = demo(…)`) that starts the
  /// statement at `lines[index]`, across lines until its parenthesis closes.
  private static func statementCall(in lines: [String], at index: Int, names: [String]) -> (String, Call)? {
    let trimmed = lines[index].trimmingWhitespace()
    var target = ""
    var name: String?
    for candidate in names where reporting.contains(candidate) && candidate != "observed" {
      if trimmed.hasPrefix(candidate + "(") { name = candidate }
    }
    if name == nil, names.contains("demo"), let equals = trimmed.firstRange(of: " = demo(") {
      let variable = trimmed[..<equals.lowerBound]
      if !variable.isEmpty, variable.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
        target = String(variable) + " = "
        name = "demo"
      }
    }
    guard let name else { return nil }
    // The text from the call's opening parenthesis on, line by line, until it closes.
    var text = String(trimmed.dropFirst(target.count + name.count + 1))
    var endLine = index
    while true {
      if let (arguments, rest) = splitArguments(text) {
        return (name, Call(target: target, arguments: arguments, rest: rest, endLine: endLine))
      }
      endLine += 1
      guard endLine < lines.count else { return nil }
      text += "\n" + lines[endLine]
    }
  }

  /// `text` runs from just after an opening parenthesis: the arguments at its depth (each
  /// trimmed) and what follows the closing parenthesis; nil if it does not close in `text`.
  static func splitArguments(_ text: String) -> ([String], String)? {
    var depth = 0
    var quote: Character?
    var escaped = false
    var arguments: [String] = []
    var current = ""
    for (offset, character) in zip(text.indices, text) {
      if let open = quote {
        current.append(character)
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == open {
          quote = nil
        }
        continue
      }
      switch character {
      case "\"", "'":
        quote = character
        current.append(character)
      case "(", "[", "{":
        depth += 1
        current.append(character)
      case ")" where depth == 0:
        let last = current.trimmingWhitespace()
        if !last.isEmpty { arguments.append(last) }
        return (arguments, String(text[text.index(after: offset)...]))
      case ")", "]", "}":
        depth -= 1
        current.append(character)
      case "," where depth == 0:
        arguments.append(current.trimmingWhitespace())
        current = ""
      default:
        current.append(character)
      }
    }
    return nil
  }

  /// The top-level function `name` of `helpers`, as written there.
  static func definition(of name: String, in helpers: String) -> [String]? {
    let lines = helpers.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(where: { $0.hasPrefix("def \(name)(") || $0.hasPrefix("async def \(name)(") })
    else { return nil }
    var end = start + 1
    while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") { end += 1 }
    var body = Array(lines[start..<end])
    while body.last?.isEmpty == true { body.removeLast() }
    return body
  }
}

extension Demo {
  /// The Python twin as a program that runs as printed with python3: `PlainPython`'s derivation.
  public var plainPythonSource: String? {
    guard let twin = pythonSource,
      let helpers = EmbeddedFiles.demoPython.first(where: { $0.name == PlainPython.module + ".py" })?.text
    else { return nil }
    return PlainPython.program(twin: twin, helpers: helpers)
  }
}
