/// Checks a set of lesson files the way `gatherlab lint` does, and reports every problem at once.
///
/// On top of what `LessonLoader` needs (file name, front matter), it checks each lesson against
/// the others and against the demos:
/// - ids are slugs, unique, and match the file name (`05-results-order.md` has id `results-order`);
/// - lesson numbers run 01, 02, 03… with no gap or repeat;
/// - each guide section has one lesson;
/// - `demo` names a demo, and `params` are its parameters with values in range;
/// - every fenced code block names its language: `python`, `swift`, `output`, `text`, `sh` or
///   `predict`, where `python` and `swift` may add `fragment` (not a whole program) or `invalid`
///   (does not compile or run, on purpose), and `output` may name the Python versions that print
///   it (`output 3.11`, `output 3.12+`);
/// - a heading starting "In Swift" is a `##` one, the level that marks a Swift section
///   (`SwiftSections`: what a Python-only reading hides);
/// - part 1's lessons (the guide's) come before part 2's;
/// - every ```predict block is a prediction that can be asked and decided (`PredictionLinter`).
///
/// ```swift
/// let problems = LessonLinter().lint(try LessonSource.directory("Lessons").files())
/// for problem in problems { print(problem) }  // Lessons/03-how-it-works.md:12: …
/// ```
public struct LessonLinter: Sendable {
  /// The languages a fenced code block may be tagged with.
  public static let codeLanguages = ["python", "swift", "output", "text", "sh", "predict"]
  /// The words that may follow a language in a code block's info string.
  public static let codeModifiers = ["python": ["fragment", "invalid"], "swift": ["fragment", "invalid"]]

  public let registry: DemoRegistry

  public init(registry: DemoRegistry = .standard) {
    self.registry = registry
  }

  /// Every problem in `files`, sorted by file, then line.
  public func lint(_ files: [LessonFile]) -> [LessonError] {
    var problems: [LessonError] = []
    var lessons: [Lesson] = []
    for file in files {
      let result = LessonLoader.load(file)
      problems += result.problems
      if let lesson = result.lesson {
        lessons.append(lesson)
        problems += lint(lesson)
      }
    }
    problems += numberingProblems(files)
    problems += duplicateProblems(lessons)
    problems += partProblems(lessons)
    return LessonError.sortedForReport(problems)
  }

  /// The problems of one lesson on its own: id, demo, params, code blocks.
  func lint(_ lesson: Lesson) -> [LessonError] {
    var problems: [LessonError] = []
    func report(_ line: Int, _ problem: LessonError.Problem) {
      problems.append(LessonError(file: lesson.path, line: line, problem))
    }
    let idLine = lesson.line(ofKey: "id")
    if !Self.isSlug(lesson.id) {
      report(idLine, .invalidID(lesson.id))
    } else if let parts = LessonFile(name: lesson.fileName, text: "").nameParts, parts.id != lesson.id {
      let expected = String(lesson.fileName.prefix(while: \.isASCIIDigit)) + "-" + lesson.id + ".md"
      report(idLine, .fileNameMismatch(id: lesson.id, expected: expected))
    }
    if let demoID = lesson.demo {
      if let demo = registry.demo(id: demoID) {
        // One parameter at a time, so each bad one is reported on its own line.
        for param in lesson.params {
          do throws(DemoParameterError) {
            _ = try demo.resolve([[(param.name, param.value)]])
          } catch {
            report(lesson.line(ofKey: "params." + param.name), .invalidParameter(error))
          }
        }
      } else {
        report(lesson.line(ofKey: "demo"), .unknownDemo(UnknownDemoError(name: demoID, known: registry.ids)))
      }
    } else if !lesson.params.isEmpty {
      report(lesson.line(ofKey: "params"), .paramsWithoutDemo)
    }
    for block in lesson.document.allBlocks {
      guard case .codeBlock(let info, _, let fenced) = block.kind, fenced else { continue }
      if let problem = Self.codeInfoProblem(info) { report(block.line, problem) }
    }
    for block in lesson.document.allBlocks where SwiftSections.isMisplacedSwiftHeading(block) {
      report(block.line, .misplacedSwiftHeading)
    }
    problems += PredictionLinter(registry: registry).problems(in: lesson)
    return problems
  }

  /// What is wrong with a fenced code block's info string, if anything.
  static func codeInfoProblem(_ info: String) -> LessonError.Problem? {
    let words = info.split(whereSeparator: \.isWhitespace).map(String.init)
    guard let language = words.first else { return .untaggedCodeBlock }
    guard codeLanguages.contains(language) else { return .unknownCodeLanguage(language) }
    if language == "output" {
      return words.dropFirst().first { PythonVersionRange(word: $0) == nil }.map { .badOutputVersion($0) }
    }
    let allowed = codeModifiers[language] ?? []
    if let word = words.dropFirst().first(where: { !allowed.contains($0) }) {
      return .unknownCodeModifier(language: language, word: word)
    }
    return nil
  }

  /// Lowercase letters and digits in words joined by single hyphens: `results-order`, `step2`.
  static func isSlug(_ id: String) -> Bool {
    let words = id.split(separator: "-", omittingEmptySubsequences: false)
    return words.allSatisfy { word in
      !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }
  }

  /// Lesson numbers from file names: repeats, 00, and gaps (reported on the file after the gap).
  private func numberingProblems(_ files: [LessonFile]) -> [LessonError] {
    var problems: [LessonError] = []
    var firstFile: [Int: String] = [:]
    var numbered: [(number: Int, file: LessonFile)] = []
    for file in files {
      guard let number = file.nameParts?.number else { continue }
      if number == 0 {
        problems.append(LessonError(file: file.displayPath, line: 1, .numberZero))
      } else if let first = firstFile[number] {
        problems.append(LessonError(file: file.displayPath, line: 1, .duplicateNumber(number, firstFile: first)))
      } else {
        firstFile[number] = file.name
        numbered.append((number, file))
      }
    }
    var expected = 1
    for (number, file) in numbered.sorted(by: { $0.number < $1.number }) {
      if number > expected {
        problems.append(LessonError(file: file.displayPath, line: 1, .missingNumbers(expected...(number - 1))))
      }
      expected = number + 1
    }
    return problems
  }

  /// A lesson of an earlier part numbered after one of a later part.
  private func partProblems(_ lessons: [Lesson]) -> [LessonError] {
    var problems: [LessonError] = []
    var latest: Lesson?
    for lesson in lessons.sorted(by: { ($0.number, $0.fileName) < ($1.number, $1.fileName) }) {
      if let latest, lesson.part < latest.part {
        problems.append(
          LessonError(file: lesson.path, line: lesson.line(ofKey: "part"), .partOutOfOrder(part: lesson.part, after: latest.fileName)))
      } else {
        latest = lesson
      }
    }
    return problems
  }

  /// Ids and guide sections used by more than one lesson (reported on the later files).
  private func duplicateProblems(_ lessons: [Lesson]) -> [LessonError] {
    var problems: [LessonError] = []
    var idOwner: [String: String] = [:]
    var sectionOwner: [String: String] = [:]
    for lesson in lessons.sorted(by: { $0.fileName < $1.fileName }) {
      if let first = idOwner[lesson.id] {
        problems.append(
          LessonError(file: lesson.path, line: lesson.line(ofKey: "id"), .duplicateID(lesson.id, firstFile: first)))
      } else {
        idOwner[lesson.id] = lesson.fileName
      }
      let section = lesson.section.lowercased()
      if let first = sectionOwner[section] {
        problems.append(
          LessonError(
            file: lesson.path, line: lesson.line(ofKey: "section"), .duplicateSection(lesson.section, firstFile: first))
        )
      } else {
        sectionOwner[section] = lesson.fileName
      }
    }
    return problems
  }
}
