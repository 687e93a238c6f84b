import LabTerminal
import Yams

/// The YAML header of a lesson file, between two `---` lines, and the Markdown body after it.
///
/// `FrontMatterBlock` splits the header off (cmark-gfm knows nothing of front matter) and Yams
/// parses it. Every problem is reported at its line in the file, and parsing goes on past
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
  static let keys = ["id", "title", "section", "part", "demo", "params"]
  /// The parts of the course: 1, the guide's sections; 2, structured concurrency in depth.
  static let parts = 1...2

  /// The text keys that were present and valid (`id`, `title`, `section`, `demo`), trimmed.
  var text: [String: String] = [:]
  /// The part of the course (`part: 2`), 1 when the key is absent.
  var part = 1
  /// The demo parameters, in file order, as text ("3,1,2", "10").
  var params: [LessonParameter] = []
  /// The file line of each key that was present: "id", "params", "params.delays".
  var lines: [String: Int] = [:]
  /// The Markdown after the closing `---`.
  var body = ""
  /// The file line the body starts on.
  var bodyStartLine = 1

  /// Splits `text` and parses its header; problems are appended to `problems` with `file` and
  /// their line. Returns nil when there is no header to parse at all.
  ///
  /// A header in the course's plain form is read by `PlainFrontMatter` unless `reading` is
  /// `.yams`; anything else, and every header with a problem, by Yams.
  static func parse(
    _ text: String, file: String, problems: inout [LessonError], reading: LessonLoader.HeaderReading = .plainWhereItCan
  ) -> FrontMatter? {
    let block: FrontMatterBlock
    switch FrontMatterBlock.split(text) {
    case .success(let split): block = split
    case .failure(.missing):
      problems.append(LessonError(file: file, line: 1, .missingFrontMatter))
      return nil
    case .failure(.unterminated):
      problems.append(LessonError(file: file, line: 1, .unterminatedFrontMatter))
      return nil
    }
    var frontMatter: FrontMatter
    if reading == .plainWhereItCan, let plain = PlainFrontMatter.read(block.yaml, firstLine: FrontMatterBlock.yamlStartLine) {
      frontMatter = plain
    } else {
      frontMatter = FrontMatter()
      frontMatter.readYAML(block.yaml, firstLine: FrontMatterBlock.yamlStartLine, file: file, problems: &problems)
    }
    frontMatter.body = block.body
    frontMatter.bodyStartLine = block.bodyStartLine
    return frontMatter
  }

  /// What a scalar is, read the way YAML reads unquoted text: only a plain scalar can be a null,
  /// a boolean or a number. Classified here because Yams' resolver compiles regular expressions
  /// that cost more start-up time than all the rest of loading the course.
  enum ScalarKind {
    case text, null, boolean, number
  }

  private static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
  private static let booleans: Set<String> = [
    "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO",
    "on", "On", "ON", "off", "Off", "OFF",
  ]

  private static func kind(of scalar: Node.Scalar) -> ScalarKind {
    guard scalar.style == .plain || scalar.style == .any else { return .text }
    return kind(ofPlain: scalar.string)
  }

  /// What an unquoted scalar written as `string` is.
  static func kind(ofPlain string: String) -> ScalarKind {
    if nulls.contains(string) { return .null }
    if booleans.contains(string) { return .boolean }
    if Int(string) != nil || Double(string) != nil { return .number }
    return .text
  }

  private mutating func readYAML(_ yaml: String, firstLine: Int, file: String, problems: inout [LessonError]) {
    func report(_ yamlLine: Int, _ problem: LessonError.Problem) {
      problems.append(LessonError(file: file, line: yamlLine + firstLine - 1, problem))
    }
    let root: Node?
    do {
      root = try YAMLText.compose(yaml)
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
      case "part":
        if case .scalar(let scalar) = value, Self.kind(of: scalar) == .number, let part = Int(scalar.string),
          Self.parts.contains(part)
        {
          self.part = part
        } else {
          report(line, .invalidPart(value.scalar?.string ?? ""))
        }
      default:
        report(line, .unknownKey(key))
      }
    }
    for key in Self.requiredKeys where lines[key] == nil {
      problems.append(LessonError(file: file, line: 1, .missingKey(key)))
    }
  }

  private mutating func readParams(_ node: Node, firstLine: Int, report: (Int, LessonError.Problem) -> Void) {
    if case .scalar(let scalar) = node, Self.kind(of: scalar) == .null { return }
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
        params.append(LessonParameter(name: name, value: Self.kind(of: scalar) == .null ? "" : scalar.string))
      case .sequence(let sequence) where sequence.allSatisfy({ $0.scalar != nil }):
        params.append(LessonParameter(name: name, value: sequence.compactMap { $0.scalar?.string }.joined(separator: ",")))
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
      switch kind(of: scalar) {
      case .text: .success(scalar.string.trimmingWhitespace())
      case .null: .success("")
      case .number: .failure(NotText(description: "a number"))
      case .boolean: .failure(NotText(description: "true or false"))
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
