/// A problem in a lesson file, at a line: what the loader and `gatherlab lint` report.
///
/// The description is `file:line: message`, the form editors and terminals turn into a link:
///
/// ```
/// Lessons/05-results-order.md:4: Unknown demo 'orderin'. Did you mean 'ordering'? Demos: …
/// ```
public struct LessonError: Error, Equatable, CustomStringConvertible {
  /// What is wrong, as a sentence (or two) for a person.
  public enum Problem: Equatable, Sendable, CustomStringConvertible {
    case unreadable(reason: String)
    case badFileName
    case missingFrontMatter
    case unterminatedFrontMatter
    case invalidYAML(String)
    case frontMatterNotMapping
    case duplicateKey(String)
    case unknownKey(String)
    case missingKey(String)
    case emptyKey(String)
    /// A key that must hold text holds something else; `found` says what ("a list").
    case notText(key: String, found: String)
    case paramsNotMapping
    /// `part` is not 1 or 2.
    case invalidPart(String)
    /// Lessons of part 1 after a lesson of part 2: each part's lessons are numbered together.
    case partOutOfOrder(part: Int, after: String)
    /// A heading starting "In Swift" that is not a `##` one, so it marks no Swift section.
    case misplacedSwiftHeading
    /// An ```output block's version words are not `3.N` or `3.N+`.
    case badOutputVersion(String)
    case paramNotScalar(String)
    case paramsWithoutDemo
    case invalidID(String)
    case fileNameMismatch(id: String, expected: String)
    case duplicateID(String, firstFile: String)
    case duplicateNumber(Int, firstFile: String)
    case numberZero
    case missingNumbers(ClosedRange<Int>)
    case duplicateSection(String, firstFile: String)
    case unknownDemo(UnknownDemoError)
    case invalidParameter(DemoParameterError)
    case untaggedCodeBlock
    case unknownCodeLanguage(String)
    case unknownCodeModifier(language: String, word: String)
    /// A ```predict block that cannot be asked or decided (see `PredictionLinter`).
    case prediction(PredictionProblem)

    public var description: String {
      switch self {
      case .unreadable(let reason):
        "The file cannot be read: \(reason)."
      case .badFileName:
        "The file name must be NN-id.md: a two-digit lesson number, a hyphen, then the lesson id."
      case .missingFrontMatter:
        "The file must start with front matter: a '---' line, the id, title and section keys, then '---'."
      case .unterminatedFrontMatter:
        "The front matter that starts here is never closed by a '---' line."
      case .invalidYAML(let problem):
        "The front matter is not valid YAML: \(problem)."
      case .frontMatterNotMapping:
        "The front matter must be keys and values, one per line, like 'id: results-order'."
      case .duplicateKey(let key):
        "The front matter key '\(key)' appears more than once."
      case .unknownKey(let key):
        "Unknown front matter key '\(key)'." + Suggestions.didYouMean(key, in: FrontMatter.keys)
          + " Valid keys: \(FrontMatter.keys.joined(separator: ", "))."
      case .missingKey(let key):
        "The front matter has no '\(key)'; every lesson needs an id, a title and a section."
      case .emptyKey(let key):
        "The front matter key '\(key)' is empty."
      case .notText(let key, let found):
        "The front matter key '\(key)' must be text, not \(found)."
      case .invalidPart(let found):
        "'part' must be 1 (the guide's lessons) or 2 (part two), not '\(found)'."
      case .partOutOfOrder(let part, let after):
        "This lesson is in part \(part) but comes after \(after), a lesson of a later part; number each part's lessons together."
      case .misplacedSwiftHeading:
        "Only a '##' heading marks a Swift section, which a Python-only reading (--no-swift) hides; "
          + "make this one '## In Swift…'."
      case .badOutputVersion(let word):
        "Unknown word '\(word)' after ```output; only Python versions may follow it, like 3.11 or 3.12+."
      case .paramsNotMapping:
        "'params' must hold parameter names and values, one per line, like 'delays: 3,1,2'."
      case .paramNotScalar(let name):
        "Parameter '\(name)' must have a single value, like 5 or 3,1,2."
      case .paramsWithoutDemo:
        "'params' is set but there is no 'demo' to pass them to."
      case .invalidID(let id):
        "The id '\(id)' is not a slug: use lowercase letters, digits and single hyphens."
      case .fileNameMismatch(let id, let expected):
        "The file name does not match the id '\(id)'; rename the file to \(expected)."
      case .duplicateID(let id, let firstFile):
        "The id '\(id)' is already used by \(firstFile)."
      case .duplicateNumber(let number, let firstFile):
        "Lesson number \(Self.twoDigits(number)) is already used by \(firstFile)."
      case .numberZero:
        "Lesson numbers start at 01."
      case .missingNumbers(let range):
        range.count == 1
          ? "Lesson number \(Self.twoDigits(range.lowerBound)) is missing; lessons are numbered from 01 without gaps."
          : "Lesson numbers \(Self.twoDigits(range.lowerBound))–\(Self.twoDigits(range.upperBound)) are missing; "
            + "lessons are numbered from 01 without gaps."
      case .duplicateSection(let section, let firstFile):
        "The guide section '\(section)' already has a lesson, \(firstFile); each section gets one lesson."
      case .unknownDemo(let error):
        error.description
      case .invalidParameter(let error):
        error.description
      case .untaggedCodeBlock:
        "This code block has no language; put one of \(Self.languages) after the opening ```."
      case .unknownCodeLanguage(let language):
        "Unknown code block language '\(language)'."
          + Suggestions.didYouMean(language, in: LessonLinter.codeLanguages) + " Use one of \(Self.languages)."
      case .unknownCodeModifier(let language, let word):
        LessonLinter.codeModifiers.keys.contains(language)
          ? "Unknown word '\(word)' after ```\(language); only "
            + (LessonLinter.codeModifiers[language] ?? []).map { "'\($0)'" }.joined(separator: " or ")
            + " may follow it."
          : "Unknown word '\(word)' after ```\(language); nothing may follow it."
      case .prediction(let problem):
        problem.description
      }
    }

    private static var languages: String { LessonLinter.codeLanguages.joined(separator: ", ") }

    private static func twoDigits(_ number: Int) -> String {
      number < 10 && number >= 0 ? "0\(number)" : String(number)
    }
  }

  /// The file, as messages name it.
  public var file: String
  /// The 1-based line the problem is on.
  public var line: Int
  public var problem: Problem

  public init(file: String, line: Int, _ problem: Problem) {
    self.file = file
    self.line = line
    self.problem = problem
  }

  public var description: String { "\(file):\(line): \(problem)" }

  /// `problems` by file, then by line, in the order they were found within a line: the order
  /// `lint` prints them in.
  public static func sortedForReport(_ problems: [LessonError]) -> [LessonError] {
    problems.enumerated()
      .sorted { ($0.element.file, $0.element.line, $0.offset) < ($1.element.file, $1.element.line, $1.offset) }
      .map(\.element)
  }
}
