import LabTerminal

/// A prediction as the learner reads it: the question, its options (for a `choice`), and, when
/// it is printed rather than asked (piped, `predict off`, `show`), the run that answers it.
///
/// ```
/// Predict: A takes 3 s, B 1 s and C 2 s. In what order do they finish?
///   a) the list of results
///   b) a coroutine object
///   The run that answers it: run ordering delays=3,1,2
/// ```
public struct PredictionQuestion: Sendable {
  public static let labelStyle = TextStyle(foreground: .yellow, bold: true)

  public let prediction: Prediction

  public init(_ prediction: Prediction) {
    self.prediction = prediction
  }

  /// The question and its options.
  public func lines(width: Int) -> [StyledText] {
    let label = StyledText("Predict: ", style: Self.labelStyle)
    var lines = Self.wrap(label + StyledText(prediction.ask.trimmingWhitespace()), width: width, indent: 2)
    lines += optionLines(width: width)
    return lines
  }

  /// The options, `  a) text`, wrapped under their text.
  public func optionLines(width: Int) -> [StyledText] {
    prediction.options.enumerated().flatMap { index, option in
      TextWrapper.wrap(StyledText(option.text.trimmingWhitespace()), width: max(1, width - 5)).enumerated().map { line, text in
        StyledText(line == 0 ? "  \(PredictionOption.letter(index))) " : "     ") + text
      }
    }
  }

  /// The question as printed with the lesson when nothing asks it: with the run to try, or,
  /// when the learner answered it before, that answer.
  public func printedLines(width: Int, answered: PredictionRecord? = nil) -> [StyledText] {
    let run: String
    switch (prediction.source, answered) {
    case (_, let record?) where record.correct:
      run = "You said \(record.answer): right."
    case (_, let record?):
      run = "You said \(record.answer), which is not what the run showed; 'review' asks it again."
    case (.demo(let id, let arguments), nil):
      run = "The run that answers it: run " + ([id] + arguments).joined(separator: " ")
    case (.python, nil):
      run = "The Python program above answers it."
    }
    return lines(width: width) + TextWrapper.wrap(StyledText(run, style: .dim), width: max(1, width - 2)).map { StyledText("  ") + $0 }
  }

  /// `text` wrapped to `width`, lines after the first indented by `indent` columns.
  static func wrap(_ text: StyledText, width: Int, indent: Int) -> [StyledText] {
    let padding = StyledText(String(repeating: " ", count: indent))
    return TextWrapper.wrap(text, width: max(1, width - indent)).enumerated().map { $0 == 0 ? $1 : padding + $1 }
  }
}
