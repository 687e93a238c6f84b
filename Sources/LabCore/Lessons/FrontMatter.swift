import Yams

/// The YAML header of a lesson file, between two `---` lines, and the Markdown body after it.
///
/// cmark-gfm knows nothing of front matter, so the header is split off here, by lines, and parsed
/// with Yams. Every problem is reported at its line in the file, and parsing goes on past
/// problems where it can, so one run of `lint` shows them all.
///
/// ```
/// ---
/// id: results-order
/// title: Results come back in order
/// section: Results Order
/// demo: ordering
/// params:
///   delays: 3,1,2
/// ---
/// # Results come back in order
/// ```
struct FrontMatter {
  static let requiredKeys = ["id", "title", "section"]
  static let keys = ["id", "title", "section", "demo", "params"]

  /// The text keys that were present and valid (`id`, `title`, `section`, `demo`), trimmed.
  var text: [String: String] = [:]
  /// The demo parameters, in file order, as text ("3,1,2", "10").
  var params: [(name: String, value: String)] = []
  /// The file line of each key that was present: "id", "params", "params.delays".
  var lines: [String: Int] = [:]
  /// The Markdown after the closing `---`.
  var body = ""
  /// The file line the body starts on.
  var bodyStartLine = 1

  /// Splits `text` and parses its header; problems are appended to `problems` with `file` and
  /// their line. Returns nil when there is no header to parse at all.
  static func parse(_ text: String, file: String, problems: inout [LessonError]) -> FrontMatter? {
    var source = text
    if source.hasPrefix("\u{FEFF}") { source.removeFirst() }
    source = source.replacing("\r\n", with: "\n")
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    func isFence(_ line: Substring, closing: Bool) -> Bool {
      let trimmed = line.trimmingWhitespace()
      return trimmed == "---" || (closing && trimmed == "...")
    }
    guard let first = lines.first, isFence(first, closing: false) else {
      problems.append(LessonError(file: file, line: 1, .missingFrontMatter))
      return nil
    }
    guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0], closing: true) }) else {
      problems.append(LessonError(file: file, line: 1, .unterminatedFrontMatter))
      return nil
    }
    var frontMatter = FrontMatter()
    frontMatter.body = lines[(close + 1)...].joined(separator: "\n")
    frontMatter.bodyStartLine = close + 2
    let yaml = lines[1..<close].joined(separator: "\n")
    frontMatter.readYAML(yaml, firstLine: 2, file: file, problems: &problems)
    return frontMatter
  }

  private mutating func readYAML(_ yaml: String, firstLine: Int, file: String, problems: inout [LessonError]) {
    func report(_ yamlLine: Int, _ problem: LessonError.Problem) {
      problems.append(LessonError(file: file, line: yamlLine + firstLine - 1, problem))
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      for (line, problem) in Self.problems(in: error, yaml: yaml) { report(line, problem) }
      return
    } catch {
      report(1, .invalidYAML(String(describing: error)))
      return
    }
    guard let root else {
      for key in Self.requiredKeys { problems.append(LessonError(file: file, line: 1, .missingKey(key))) }
      return
    }
    guard let mapping = root.mapping else {
      report(root.mark?.line ?? 1, .frontMatterNotMapping)
      return
    }
    for (keyNode, value) in mapping {
      let line = keyNode.mark?.line ?? 1
      guard let key = keyNode.scalar?.string else {
        report(line, .frontMatterNotMapping)
        continue
      }
      lines[key] = line + firstLine - 1
      switch key {
      case "id", "title", "section", "demo":
        switch Self.text(of: value) {
        case .success(let string) where string.isEmpty: report(line, .emptyKey(key))
        case .success(let string): text[key] = string
        case .failure(let found): report(line, .notText(key: key, found: found.description))
        }
      case "params":
        readParams(value, firstLine: firstLine, report: report)
      default:
        report(line, .unknownKey(key))
      }
    }
    for key in Self.requiredKeys where lines[key] == nil {
      problems.append(LessonError(file: file, line: 1, .missingKey(key)))
    }
  }

  private mutating func readParams(_ node: Node, firstLine: Int, report: (Int, LessonError.Problem) -> Void) {
    if case .scalar = node, node.tag == Tag(.null) { return }
    guard let mapping = node.mapping else {
      report(node.mark?.line ?? 1, .paramsNotMapping)
      return
    }
    for (keyNode, value) in mapping {
      let line = keyNode.mark?.line ?? 1
      guard let name = keyNode.scalar?.string else {
        report(line, .paramsNotMapping)
        continue
      }
      lines["params." + name] = line + firstLine - 1
      switch value {
      case .scalar(let scalar):
        params.append((name, value.tag == Tag(.null) ? "" : scalar.string))
      case .sequence(let sequence) where sequence.allSatisfy({ $0.scalar != nil }):
        params.append((name, sequence.compactMap { $0.scalar?.string }.joined(separator: ",")))
      default:
        report(line, .paramNotScalar(name))
      }
    }
  }

  /// What a non-text value is, for "must be text, not a number".
  private struct NotText: Error, CustomStringConvertible {
    let description: String
  }

  /// The text of a scalar that YAML reads as a string (trimmed), an empty string for a null, or
  /// what the value is instead.
  private static func text(of node: Node) -> Result<String, NotText> {
    switch node {
    case .scalar(let scalar):
      switch Tag.Name(rawValue: node.tag.description) {
      case .str: .success(scalar.string.trimmingWhitespace())
      case .null: .success("")
      case .int, .float: .failure(NotText(description: "a number"))
      case .bool: .failure(NotText(description: "true or false"))
      default: .failure(NotText(description: "'\(scalar.string)'"))
      }
    case .sequence: .failure(NotText(description: "a list"))
    case .mapping: .failure(NotText(description: "a mapping"))
    case .alias: .failure(NotText(description: "an alias"))
    }
  }

  /// The line where `key`, first seen at `mark`, is written again at the same indentation: Yams
  /// points at the first occurrence, the mistake is the second.
  private static func repeatLine(of key: String, after mark: Mark, in yaml: String) -> Int {
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    let indentation = String(repeating: " ", count: max(0, mark.column - 1))
    for index in lines.indices where index + 1 > mark.line {
      let line = lines[index]
      guard line.hasPrefix(indentation + key) else { continue }
      let rest = line.dropFirst(indentation.count + key.count).drop { $0 == " " }
      if rest.first == ":" { return index + 1 }
    }
    return mark.line
  }

  /// Yams errors as problems at lines of the YAML text.
  private static func problems(in error: YamlError, yaml: String) -> [(Int, LessonError.Problem)] {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      // The context ("while parsing a flow sequence") starts where the writer went wrong; the
      // problem mark is where the parser gave up, often a line later.
      guard let context else { return [(mark.line, .invalidYAML(problem))] }
      return [(context.mark.line, .invalidYAML("\(problem) (\(context.text))"))]
    case .duplicatedKeysInMapping(let duplicates, let context):
      return duplicates.map { key in (repeatLine(of: key, after: context.mark, in: yaml), .duplicateKey(key)) }
    case .reader(let problem, let offset, _, _):
      let line = offset.map { yaml.prefix($0).filter { $0 == "\n" }.count + 1 } ?? 1
      return [(line, .invalidYAML(problem))]
    default:
      return [(1, .invalidYAML(String(describing: error)))]
    }
  }
}
