import Foundation
import Yams

/// Reads one exercise's files into an `Exercise`, or the problems that stop it (every one found,
/// each at its line, so one `lint` shows them all).
///
/// ```
/// ---
/// id: checkout-receipt
/// lesson: errors-default
/// title: No receipt for a declined card
/// checks:
///   cancelled: [send_receipt]
///   within: 0.1
///   output: ["stock reserved", "checkout failed: card declined"]
/// hints:
///   - "gather raises the first error and leaves the others running."
///   - orphans: "A TaskGroup cancels the other tasks when one fails."
/// ---
/// When the card is declined, the receipt must not go out.
/// ```
public enum ExerciseParser {
  static let keys = ["id", "lesson", "title", "checks", "hints"]

  /// `directory` is the exercise's directory name (`05-checkout-receipt`), `file` how to name
  /// `exercise.md` in problems.
  public static func parse(
    directory: String, markdown: String, starter: String?, solution: String?, file: String
  ) -> Result<Exercise, ExerciseProblems> {
    var problems: [ExerciseProblem] = []
    func problem(_ line: Int, _ message: String) { problems.append(ExerciseProblem(file: file, line: line, message)) }
    let parts = directory.split(separator: "-", maxSplits: 1)
    let number = parts.first.flatMap { Int($0) }
    if number == nil || parts.count < 2 || parts[0].count != 2 {
      problem(1, "the directory '\(directory)' is not named NN-id")
    }
    if starter == nil { problem(1, "starter.py is missing beside exercise.md") }
    if solution == nil { problem(1, "solution.py is missing beside exercise.md") }

    guard case .success(let block) = FrontMatterBlock.split(markdown) else {
      problem(1, "exercise.md has no front matter between two '---' lines")
      return .failure(ExerciseProblems(problems))
    }
    let yaml = block.yaml
    let body = block.body.trimmingCharacters(in: .whitespacesAndNewlines)
    let root: Node?
    do {
      root = try YAMLText.compose(yaml)
    } catch {
      problem(2, "the front matter is not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
      return .failure(ExerciseProblems(problems))
    }
    guard let mapping = root?.mapping else {
      problem(2, "the front matter is not a mapping of keys to values")
      return .failure(ExerciseProblems(problems))
    }
    func line(_ node: Node) -> Int { (node.mark?.line ?? 1) + FrontMatterBlock.yamlStartLine - 1 }
    var values: [String: String] = [:]
    var checks: [ExerciseCheck] = []
    var schedules: Int?
    var hints: [ExerciseHint] = []
    var hintKeys: [(name: String, line: Int)] = []
    var seen: Set<String> = []
    for (keyNode, value) in mapping {
      guard let key = keyNode.scalar?.string else { continue }
      seen.insert(key)
      switch key {
      case "id", "lesson", "title":
        guard let string = value.scalar?.string, !string.isEmpty else {
          problem(line(keyNode), "'\(key)' must be text")
          continue
        }
        values[key] = string
      case "hints":
        guard let sequence = value.sequence, !sequence.isEmpty else {
          problem(line(keyNode), "'hints' must be a list of one or more sentences")
          continue
        }
        for hint in sequence {
          if let string = hint.scalar?.string, !string.isEmpty {
            hints.append(ExerciseHint(string))
          } else if let keyed = hint.mapping, keyed.count == 1, let check = keyed.keys.first?.scalar?.string,
            let string = keyed.values.first?.scalar?.string, !string.isEmpty
          {
            hints.append(ExerciseHint(string, check: check))
            hintKeys.append((check, line(hint)))
          } else {
            problem(line(hint), "a hint must be text, or one check's name and text, like 'output: \"…\"'")
          }
        }
      case "checks":
        guard let checkMapping = value.mapping, !checkMapping.isEmpty else {
          problem(line(keyNode), "'checks' must map check names to what they ask")
          continue
        }
        var within: Double?
        var cancelled: [String]?
        for (checkKey, checkValue) in checkMapping {
          guard let name = checkKey.scalar?.string else { continue }
          switch readCheck(name, checkValue) {
          case .success(.check(let check)): checks.append(check)
          case .success(.within(let seconds)): within = seconds
          case .success(.cancelled(let labels)): cancelled = labels
          case .success(.schedules(let count)): schedules = count
          case .failure(let error): problem(line(checkKey), error.message)
          }
        }
        if let cancelled { checks.append(.cancelled(cancelled, within: within)) } else if within != nil {
          problem(line(keyNode), "'within' goes with 'cancelled', which is missing")
        }
      default:
        let suggestion = Suggestions.closest(to: key, in: keys, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
        problem(line(keyNode), "unknown key '\(key)'\(suggestion)")
      }
    }
    for key in keys where !seen.contains(key) { problem(1, "the front matter has no '\(key)'") }
    // A hint keyed to a check answers that check's failure: one the exercise has.
    let hintable = checks.map(\.name) + ["run"] + (schedules == nil ? [] : ["schedules"])
    for (name, line) in hintKeys where !hintable.contains(name) {
      let suggestion = Suggestions.closest(to: name, in: hintable, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
      problem(line, "the hint for '\(name)' answers no check of this exercise\(suggestion); it checks \(hintable.joined(separator: ", "))")
    }
    if let id = values["id"], parts.count == 2, id != String(parts[1]) {
      problem(1, "the id '\(id)' does not match the directory name '\(directory)'")
    }
    if let id = values["id"], !id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) {
      problem(1, "the id '\(id)' is not a slug (lowercase letters, digits and '-')")
    }
    if body.isEmpty { problem(block.bodyStartLine, "exercise.md says nothing after its front matter: say what to do") }
    guard problems.isEmpty, let number, let id = values["id"], let lesson = values["lesson"], let title = values["title"],
      let starter, let solution
    else { return .failure(ExerciseProblems(problems)) }
    return .success(Exercise(
      number: number, id: id, lesson: lesson, title: title, checks: checks, schedules: schedules, hints: hints,
      body: body, starter: starter, solution: solution
    ))
  }

  enum Read {
    case check(ExerciseCheck)
    case within(Double)
    case cancelled([String])
    case schedules(Int)
  }

  /// One entry of `checks`.
  static func readCheck(_ name: String, _ value: Node) -> Result<Read, CheckReadError> {
    let scalar = value.scalar?.string.trimmingCharacters(in: .whitespaces)
    func list() -> [String]? {
      value.sequence?.compactMap { $0.scalar?.string }
    }
    func comparison(_ allowed: [String]) -> (String, Double)? {
      guard let scalar else { return nil }
      for op in allowed where scalar.hasPrefix(op) {
        if let number = Double(scalar.dropFirst(op.count).trimmingCharacters(in: .whitespaces)), number >= 0 { return (op, number) }
      }
      return nil
    }
    func none() -> Bool { scalar == "none" }
    switch name {
    case "elapsed", "blocked":
      guard let (_, seconds) = comparison(["<="]) else { return .failure(CheckReadError("'\(name)' must be '<= SECONDS', like '<= 1.5'")) }
      return .success(.check(name == "elapsed" ? .elapsed(atMost: seconds) : .blocked(atMost: seconds)))
    case "running":
      guard let (op, count) = comparison(["<=", ">="]), count == count.rounded() else {
        return .failure(CheckReadError("'running' must be '<= N' or '>= N', like '>= 3'"))
      }
      return .success(.check(.running(op == "<=" ? .atMost(Int(count)) : .atLeast(Int(count)))))
    case "existing":
      guard let (_, count) = comparison(["<="]), count == count.rounded() else { return .failure(CheckReadError("'existing' must be '<= N', like '<= 4'")) }
      return .success(.check(.existing(atMost: Int(count))))
    case "tasks":
      guard let (_, count) = comparison([">="]), count == count.rounded() else { return .failure(CheckReadError("'tasks' must be '>= N', like '>= 3'")) }
      return .success(.check(.tasks(atLeast: Int(count))))
    case "output", "output-contains":
      guard let lines = list(), !lines.isEmpty else { return .failure(CheckReadError("'\(name)' must be a list of lines")) }
      return .success(.check(name == "output" ? .output(lines) : .outputContains(lines)))
    case "exit":
      guard let scalar, let status = Int32(scalar), (0...255).contains(status) else { return .failure(CheckReadError("'exit' must be a status from 0 to 255")) }
      return .success(.check(.exit(status)))
    case "cancelled":
      guard let labels = list(), !labels.isEmpty else { return .failure(CheckReadError("'cancelled' must be a list of coroutine or task names")) }
      return .success(.cancelled(labels))
    case "within":
      guard let scalar, let seconds = Double(scalar), seconds >= 0 else { return .failure(CheckReadError("'within' must be a number of seconds")) }
      return .success(.within(seconds))
    case "orphans":
      return none() ? .success(.check(.noOrphans)) : .failure(CheckReadError("'orphans' can only be 'none'"))
    case "pending-at-exit":
      return none() ? .success(.check(.noPendingAtExit)) : .failure(CheckReadError("'pending-at-exit' can only be 'none'"))
    case "warnings":
      return none() ? .success(.check(.noWarnings)) : .failure(CheckReadError("'warnings' can only be 'none'"))
    case "uses":
      guard let apis = list(), !apis.isEmpty else { return .failure(CheckReadError("'uses' must be a list of asyncio names, like [TaskGroup]")) }
      return .success(.check(.uses(apis)))
    case "schedules":
      guard let scalar, let count = Int(scalar), (1...1000).contains(count) else { return .failure(CheckReadError("'schedules' must be a count from 1 to 1000")) }
      return .success(.schedules(count))
    default:
      let suggestion = Suggestions.closest(to: name, in: ExerciseCheck.names, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
      return .failure(CheckReadError("unknown check '\(name)'\(suggestion)"))
    }
  }
}
