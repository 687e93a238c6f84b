/// What is wrong with a ```predict block, as a sentence: `gatherlab lint` reports it at the
/// block's line, or at the line of the key that is wrong (`LessonError.Problem.prediction`).
public enum PredictionProblem: Equatable, Sendable, CustomStringConvertible {
  case invalidYAML(String)
  case notMapping
  case duplicateKey(String)
  case unknownKey(String)
  case missingKey(String)
  case emptyKey(String)
  /// A key that must hold text holds something else; `found` says what ("a list").
  case notText(key: String, found: String)
  case invalidID(String)
  case duplicateID(String, firstLine: Int)
  case unknownKind(String)
  /// `run` names a demo the registry does not have.
  case unknownDemo(UnknownDemoError)
  case invalidParameter(DemoParameterError)
  /// `run: python` with words after it.
  case pythonWithArguments(String)
  case noPythonProgram
  case fenceNotAtLineStart
  case choiceNeedsPython
  case demoKindNeedsDemo(PredictionKind)
  /// `expect` cannot be read as the kind's shape.
  case wrongExpect(String, PredictionAnswerError)
  case choiceWithoutOptions
  case tooFewOptions
  case optionsWithoutChoice(PredictionKind)
  case optionsNotList
  case optionNotMapping(letter: String)
  case optionMissing(key: String, letter: String)
  case optionUnknownKey(String, letter: String)

  /// The keys a predict block may have.
  public static let keys = ["id", "ask", "answer", "run", "expect", "why", "options"]
  /// The keys every predict block needs.
  public static let requiredKeys = ["id", "ask", "answer", "run", "expect"]

  public var description: String {
    switch self {
    case .invalidYAML(let problem):
      "The predict block is not valid YAML: \(problem)."
    case .notMapping:
      "A predict block must be keys and values, one per line, like 'id: finish-order'."
    case .duplicateKey(let key):
      "The predict block key '\(key)' appears more than once."
    case .unknownKey(let key):
      "Unknown predict block key '\(key)'." + Suggestions.didYouMean(key, in: Self.keys)
        + " Valid keys: \(Self.keys.joined(separator: ", "))."
    case .missingKey(let key):
      "The predict block has no '\(key)'; every prediction needs \(Self.requiredKeys.joined(separator: ", "))."
    case .emptyKey(let key):
      "The predict block key '\(key)' is empty."
    case .notText(let key, let found):
      "The predict block key '\(key)' must be text, not \(found)."
    case .invalidID(let id):
      "The prediction id '\(id)' is not a slug: use lowercase letters, digits and single hyphens."
    case .duplicateID(let id, let firstLine):
      "The prediction id '\(id)' is already used on line \(firstLine) of this lesson."
    case .unknownKind(let kind):
      "Unknown answer kind '\(kind)'." + Suggestions.didYouMean(kind, in: PredictionKind.allCases.map(\.rawValue))
        + " Kinds: \(PredictionKind.allCases.map(\.rawValue).joined(separator: ", "))."
    case .unknownDemo(let error):
      error.description
    case .invalidParameter(let error):
      error.description
    case .pythonWithArguments(let words):
      "'run: python' takes nothing after it (found '\(words)'); "
        + "it runs the lesson's python block before the prediction."
    case .noPythonProgram:
      "'run: python' needs a runnable ```python block (not a fragment) before the prediction in the lesson."
    case .fenceNotAtLineStart:
      "A ```predict fence must start its line, outside lists and quotes: the walkthrough asks only those."
    case .choiceNeedsPython:
      "An answer of kind 'choice' is decided by a Python program's output: use 'run: python'."
    case .demoKindNeedsDemo(let kind):
      "An answer of kind '\(kind.rawValue)' is read from a demo's run: 'run' must name a demo, "
        + "like 'run: ordering delays=3,1,2'."
    case .wrongExpect(let text, let error):
      "'expect: \(text)' is not \(error.kind.answerName). \(error.example)"
    case .choiceWithoutOptions:
      "An answer of kind 'choice' needs 'options': a list of options, each with 'text' and 'shows'."
    case .tooFewOptions:
      "A 'choice' needs at least two options."
    case .optionsWithoutChoice(let kind):
      "'options' are only for answer: choice; this prediction's answer is '\(kind.rawValue)'."
    case .optionsNotList:
      "'options' must be a list, one '- text: …' item per option, each with 'shows'."
    case .optionNotMapping(let letter):
      "Option \(letter) must have keys 'text' (what the learner reads) and 'shows' (output that makes it right)."
    case .optionMissing("shows", let letter):
      "Option \(letter) has no 'shows': the text in one line of the program's output that makes it right."
    case .optionMissing(let key, let letter):
      "Option \(letter) has no '\(key)'."
    case .optionUnknownKey(let key, let letter):
      "Unknown key '\(key)' in option \(letter); an option has 'text' and 'shows'."
    }
  }
}
