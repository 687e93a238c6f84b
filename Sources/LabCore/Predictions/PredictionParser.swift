import LabTerminal
import Yams

/// Finds the ```predict blocks of a lesson and reads each into a `Prediction`, reporting every
/// problem at its line of the lesson file: the block's opening fence, or the line of the key
/// inside it that is wrong.
///
/// A lesson's predictions are parsed when asked for, not when the lesson loads, so start-up pays
/// nothing for them.
///
/// ```swift
/// let parsed = PredictionParser.predictions(in: lesson)
/// parsed.predictions.map(\.id)             // ["finish-order", "results-slots"]
/// parsed.problems.map(\.description)       // ["Lessons/05-results-order.md:31: Unknown answer kind 'ordr'. …"]
/// ```
///
/// Whether `run` names a known demo with valid parameters is `PredictionLinter`'s business: it
/// needs the demo registry.
public enum PredictionParser {
  /// The info string word that marks a predict block.
  public static let language = "predict"

  /// The predictions of one lesson and what stopped others from being read.
  public struct Parsed: Sendable, Equatable {
    /// The blocks that could be read, in reading order.
    public var predictions: [Prediction]
    /// What is wrong with the blocks that could not (and with duplicate ids).
    public var problems: [LessonError]
  }

  /// Every predict block of `lesson`, read.
  public static func predictions(in lesson: Lesson) -> Parsed {
    var predictions: [Prediction] = []
    var problems: [LessonError] = []
    var firstLine: [String: Int] = [:]
    let programs = lesson.document.codeExamples.filter(isRunnablePython).map(\.line)
    let lineStartFences = Set(FenceScanner.topLevelFences(in: lesson.body).map { lesson.bodyStartLine + $0.line - 1 })
    for block in lesson.document.allBlocks {
      guard case .codeBlock(let info, let code, true) = block.kind, isPredictBlock(info: info) else { continue }
      var blockProblems: [(Int, PredictionProblem)] = []
      if !lineStartFences.contains(block.line) {
        blockProblems.append((block.line, .fenceNotAtLineStart))
      }
      let prediction = parse(code, line: block.line) { blockProblems.append(($0, $1)) }
      if let prediction {
        if prediction.source == .python, !programs.contains(where: { $0 < prediction.line }) {
          blockProblems.append((lineOfKey("run", in: code, blockLine: block.line), .noPythonProgram))
        }
        if let first = firstLine[prediction.id] {
          let idLine = lineOfKey("id", in: code, blockLine: block.line)
          blockProblems.append((idLine, .duplicateID(prediction.id, firstLine: first)))
        } else {
          firstLine[prediction.id] = lineOfKey("id", in: code, blockLine: block.line)
        }
      }
      problems += blockProblems.map { LessonError(file: lesson.path, line: $0.0, .prediction($0.1)) }
      if let prediction, blockProblems.isEmpty { predictions.append(prediction) }
    }
    return Parsed(predictions: predictions, problems: problems)
  }

  /// The Python program a `run: python` prediction runs: the nearest runnable ```python block
  /// before it in the lesson (not a `fragment`, not `invalid`). Nil for a demo prediction, or when
  /// there is none.
  public static func pythonProgram(for prediction: Prediction, in lesson: Lesson) -> CodeExample? {
    guard prediction.source == .python else { return nil }
    return lesson.document.codeExamples.last { isRunnablePython($0) && $0.line < prediction.line }
  }

  /// A ```predict fence: the info string's first word is `predict` (found without splitting the
  /// rest of it into words: `list` asks this of every fence of every lesson).
  public static func isPredictBlock(info: String) -> Bool {
    // ASCII info strings ("python", "predict") by their bytes: `Character.isWhitespace` looks up
    // Unicode properties. ASCII whitespace is tab to carriage return, and space.
    if info.utf8.allSatisfy({ $0 < 0x80 }) {
      let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
      return info.utf8.drop(while: isSpace).prefix { !isSpace($0) }.elementsEqual(language.utf8)
    }
    return info.drop { $0.isWhitespace }.prefix { !$0.isWhitespace } == language
  }

  private static func isRunnablePython(_ example: CodeExample) -> Bool {
    example.language == "python" && example.isCompleteProgram
  }

  // MARK: - One block

  /// Reads one block's YAML `body`, whose fence is on file line `line`; each problem goes to
  /// `report` with its file line. Nil when the block cannot make a prediction.
  static func parse(_ body: String, line: Int, report: (Int, PredictionProblem) -> Void) -> Prediction? {
    // YAML line 1 is the line after the fence.
    func fileLine(_ node: Node?) -> Int { node?.mark.map { line + $0.line } ?? line }
    let root: Node?
    do {
      root = try YAMLText.compose(body)
    } catch let error as YamlError {
      let (yamlLine, problem) = problem(in: error, yaml: body)
      report(yamlLine.map { line + $0 } ?? line, problem)
      return nil
    } catch {
      report(line, .invalidYAML(String(describing: error)))
      return nil
    }
    guard let root else {
      for key in PredictionProblem.requiredKeys { report(line, .missingKey(key)) }
      return nil
    }
    guard let mapping = root.mapping else {
      report(fileLine(root), .notMapping)
      return nil
    }
    var values: [String: (node: Node, line: Int)] = [:]
    var failed = false
    for (keyNode, value) in mapping {
      guard let key = keyNode.scalar?.string else {
        report(fileLine(keyNode), .notMapping)
        failed = true
        continue
      }
      guard PredictionProblem.keys.contains(key) else {
        report(fileLine(keyNode), .unknownKey(key))
        failed = true
        continue
      }
      values[key] = (value, fileLine(keyNode))
    }
    for key in PredictionProblem.requiredKeys where values[key] == nil {
      report(line, .missingKey(key))
      failed = true
    }

    /// The trimmed text of `key`, reported when it is empty or not text.
    func text(_ key: String, joiningLists: Bool = false) -> String? {
      guard let (node, keyLine) = values[key] else { return nil }
      let string: String
      switch node {
      case .scalar(let scalar):
        string = scalar.string.trimmingWhitespace()
      case .sequence(let items) where joiningLists && items.allSatisfy({ $0.scalar != nil }):
        string = items.compactMap { $0.scalar?.string }.joined(separator: ", ")
      default:
        report(keyLine, .notText(key: key, found: found(node)))
        failed = true
        return nil
      }
      if string.isEmpty {
        report(keyLine, .emptyKey(key))
        failed = true
        return nil
      }
      return string
    }

    let id = text("id")
    if let id, !LessonLinter.isSlug(id) {
      report(values["id"]?.line ?? line, .invalidID(id))
      failed = true
    }
    let ask = text("ask")
    let why = values["why"] == nil ? "" : text("why")
    var kind: PredictionKind?
    if let answer = text("answer") {
      kind = PredictionKind(rawValue: answer.lowercased())
      if kind == nil {
        report(values["answer"]?.line ?? line, .unknownKind(answer))
        failed = true
      }
    }
    var source: Prediction.Source?
    if let run = text("run") {
      let words = run.split(whereSeparator: \.isWhitespace).map(String.init)
      let runLine = values["run"]?.line ?? line
      if words.first == "python" {
        if words.count > 1 {
          report(runLine, .pythonWithArguments(words.dropFirst().joined(separator: " ")))
          failed = true
        } else {
          source = .python
        }
      } else if let demo = words.first {
        source = .demo(id: demo, arguments: Array(words.dropFirst()))
      }
      if let kind, let source {
        if kind == .choice, source != .python {
          report(runLine, .choiceNeedsPython)
          failed = true
        } else if kind != .choice, source == .python {
          report(runLine, .demoKindNeedsDemo(kind))
          failed = true
        }
      }
    }
    var options: [PredictionOption] = []
    if let (node, optionsLine) = values["options"] {
      if let kind, kind != .choice {
        report(optionsLine, .optionsWithoutChoice(kind))
        failed = true
      } else if let parsed = parseOptions(node, line: optionsLine, fileLine: fileLine, report: report) {
        if parsed.count < 2 {
          report(optionsLine, .tooFewOptions)
          failed = true
        }
        options = parsed
      } else {
        failed = true
      }
    } else if kind == .choice {
      report(line, .choiceWithoutOptions)
      failed = true
    }
    var expect: PredictionValue?
    if let expectText = text("expect", joiningLists: true), let kind {
      do throws(PredictionAnswerError) {
        // Without options a choice's letter cannot be checked; the missing options are reported.
        let count = kind == .choice && options.isEmpty ? 26 : options.count
        expect = try PredictionValue.parse(expectText, kind: kind, optionCount: count)
      } catch {
        report(values["expect"]?.line ?? line, .wrongExpect(expectText, error))
        failed = true
      }
    }
    guard !failed, let id, let ask, let why, let kind, let source, let expect else { return nil }
    return Prediction(
      id: id, ask: ask, kind: kind, source: source, expect: expect, options: options, why: why, line: line
    )
  }

  private static func parseOptions(
    _ node: Node,
    line: Int,
    fileLine: (Node?) -> Int,
    report: (Int, PredictionProblem) -> Void
  ) -> [PredictionOption]? {
    guard let items = node.sequence else {
      report(line, .optionsNotList)
      return nil
    }
    var options: [PredictionOption] = []
    var failed = false
    for (index, item) in items.enumerated() {
      let letter = PredictionOption.letter(index)
      guard let mapping = item.mapping else {
        report(fileLine(item), .optionNotMapping(letter: letter))
        failed = true
        continue
      }
      var fields: [String: String] = [:]
      for (keyNode, value) in mapping {
        guard let key = keyNode.scalar?.string, key == "text" || key == "shows" else {
          report(fileLine(keyNode), .optionUnknownKey(keyNode.scalar?.string ?? "?", letter: letter))
          failed = true
          continue
        }
        guard let string = value.scalar?.string else {
          report(fileLine(keyNode), .notText(key: "options." + key, found: found(value)))
          failed = true
          continue
        }
        // `shows` is matched as written (it may start or end with a space); `text` is read.
        fields[key] = key == "shows" ? string : string.trimmingWhitespace()
      }
      for key in ["text", "shows"] where (fields[key] ?? "").isEmpty {
        report(fileLine(item), .optionMissing(key: key, letter: letter))
        failed = true
      }
      if let text = fields["text"], let shows = fields["shows"], !text.isEmpty, !shows.isEmpty {
        options.append(PredictionOption(text: text, shows: shows))
      }
    }
    return failed ? nil : options
  }

  /// The file line of `key:` in a block whose fence is on `blockLine` (the fence when absent).
  static func lineOfKey(_ key: String, in body: String, blockLine: Int) -> Int {
    let prefix = key + ":"
    guard let index = body.lineSlices.firstIndex(where: { $0.hasPrefix(prefix) }) else { return blockLine }
    return blockLine + 1 + index
  }

  /// What a non-text value is, for "must be text, not a list".
  private static func found(_ node: Node) -> String {
    switch node {
    case .scalar: "text"
    case .sequence: "a list"
    case .mapping: "a mapping"
    case .alias: "an alias"
    }
  }

  /// A Yams error as a problem, with its line in the YAML text when known.
  private static func problem(in error: YamlError, yaml: String) -> (Int?, PredictionProblem) {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      guard let context else { return (mark.line, .invalidYAML(problem)) }
      return (context.mark.line, .invalidYAML("\(problem) (\(context.text))"))
    case .duplicatedKeysInMapping(let duplicates, _):
      let key = duplicates.first ?? "?"
      let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
      let repeats = lines.indices.filter { lines[$0].hasPrefix(key + ":") }
      return (repeats.dropFirst().first.map { $0 + 1 }, .duplicateKey(key))
    case .reader(let problem, let offset, _, _):
      return (offset.map { yaml.prefix($0).filter { $0 == "\n" }.count + 1 }, .invalidYAML(problem))
    default:
      return (nil, .invalidYAML(String(describing: error)))
    }
  }
}
