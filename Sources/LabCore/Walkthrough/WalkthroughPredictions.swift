import LabTerminal

/// Predictions in the walkthrough (DESIGN §9): asking one where reading reaches it, running what
/// decides it, the verdict, the score per lesson, and `review` of the ones missed.
extension Walkthrough {
  /// How asking one prediction ended.
  enum Asked: Equatable {
    /// Answered, run and judged (`correct` as the run decided).
    case answered(correct: Bool)
    /// Skipped with an empty line or Ctrl-D: the run was shown anyway.
    case skipped
    /// Ctrl-C at the answer prompt, or a run that could not decide: nothing recorded.
    case left
  }

  /// The prompt answers are typed at; what is typed there is never a command.
  static let answerPrompt = "predict › "

  static let rightStyle = TextStyle(foreground: .green, bold: true)
  static let wrongStyle = TextStyle(foreground: .yellow, bold: true)

  /// Asks `prediction` of `lesson`, runs what decides it, shows the verdict and records it.
  @discardableResult
  func ask(_ prediction: Prediction, in lesson: Lesson) async -> Asked {
    emit(PredictionQuestion(prediction).lines(width: width - 1))
    let optionCount = prediction.options.count
    let hint = "Type your answer and Enter; an empty line skips it, '?' shows "
      + (prediction.kind == .choice ? "the options" : "an example") + ", Ctrl-C leaves the question."
    emit(TextWrapper.wrap(StyledText(hint, style: .dim), width: width - 3).map { StyledText("  ") + $0 })

    var answer: PredictionValue?
    reading: while true {
      shownSincePrompt = 0
      switch reader.readLine(prompt: Self.answerPrompt) {
      case .interrupted:
        say("Question left; nothing ran.", style: .dim)
        return .left
      case .endOfInput:
        break reading
      case .line(let text):
        let typed = text.trimmingWhitespace()
        if typed.isEmpty { break reading }
        if typed == "?" {
          let optionLines = PredictionQuestion(prediction).optionLines(width: width - 1)
          let example = TextWrapper.wrap(StyledText(prediction.kind.example(optionCount: optionCount), style: .dim), width: width - 3)
          emit(optionLines + example.map { StyledText("  ") + $0 })
          continue
        }
        do {
          answer = try prediction.parseAnswer(typed)
          break reading
        } catch {
          say(error.description)
        }
      }
    }

    guard let verdict = await decide(prediction, in: lesson, answer: answer ?? prediction.expect) else { return .left }
    emit([StyledText()])
    guard let answer else {
      emit(skippedLines(verdict, why: prediction.why))
      return .skipped
    }
    let lines = verdict.lines(why: prediction.why)
    let style = verdict.correct ? Self.rightStyle : Self.wrongStyle
    let mark = verdict.correct ? "✓ " : "✗ "
    emit(TextWrapper.wrap(mark + lines[0], width: width - 1, indent: 2).map { StyledText($0, style: style) })
    for line in lines.dropFirst() { say(line) }
    progress.predictions[prediction.key(lesson: lesson)] = PredictionRecord(
      answer: answer.text, correct: verdict.correct, at: PredictionRecord.timestamp(now())
    )
    save()
    return .answered(correct: verdict.correct)
  }

  /// Runs what decides `prediction` — its demo, live, or the lesson's Python program — and judges
  /// `answer` by it. Nil when the run could not be made or was interrupted (said why).
  private func decide(_ prediction: Prediction, in lesson: Lesson, answer: PredictionValue) async -> PredictionVerdict? {
    switch prediction.source {
    case .demo(let id, let arguments):
      guard let run = await runDemo(named: id, arguments: arguments, lessonParameters: false) else { return nil }
      guard let observation = PredictionObservation(kind: prediction.kind, report: run.report, timeline: run.timeline) else {
        say("The run was interrupted, so it decides nothing; the question stays open.", style: .dim)
        return nil
      }
      let verdict = PredictionVerdict(answer: answer, observation: observation, options: prediction.options)
      // On a terminal the final timeline is drawn again, pointing at the rows that decide.
      if console.capabilities.isTTY, var timeline = run.timeline, !verdict.highlight.isEmpty {
        timeline.highlight = verdict.highlight
        emit([StyledText()] + TimelineRenderer.render(timeline, width: width))
      }
      return verdict
    case .python:
      guard allowsPython() else {
        return PredictionVerdict(answer: answer, prediction: prediction, reason: .notTrusted)
      }
      guard let python, let program = PredictionParser.pythonProgram(for: prediction, in: lesson) else {
        return PredictionVerdict(answer: answer, prediction: prediction, reason: .pythonUnavailable)
      }
      let result = await python.run(program: program.code)
      if case .ran(_, let output, let errors) = result {
        let shown = (output + errors).joined(separator: "\n")
        let block = MarkdownBlock(.codeBlock(info: "output", code: shown, fenced: true), line: 1)
        emit([StyledText()] + MarkdownRenderer(width: width, color: console.capabilities.color).lines(for: MarkdownDocument(blocks: [block])))
      }
      return PredictionVerdict(answer: answer, prediction: prediction, python: result)
    }
  }

  /// The bundled course's Python runs unasked; lessons from `--lessons DIR` are someone else's
  /// code, run only after the learner says yes, once a session.
  func allowsPython() -> Bool {
    guard let directory = options.lessonsDirectory else { return true }
    if let pythonAllowed { return pythonAllowed }
    say("The lessons in \(directory) are not gatherlab's own, so their Python programs run only if you say so.")
    let allowed: Bool
    if case .line(let reply) = reader.readLine(prompt: "Run them with python3 this session? [y/N] ") {
      allowed = ["y", "yes"].contains(reply.trimmingWhitespace().lowercased())
    } else {
      allowed = false
    }
    pythonAllowed = allowed
    if !allowed { say("Their Python will not run; the lessons' own answers decide.", style: .dim) }
    return allowed
  }

  /// A skipped question: what the run showed and why, with nothing judged.
  private func skippedLines(_ verdict: PredictionVerdict, why: String) -> [StyledText] {
    let observed =
      switch (verdict.kind, verdict.observed) {
      case (.choice, .choice(let index)) where verdict.options.indices.contains(index):
        "\(PredictionOption.letter(index)) (\(verdict.options[index].text))"
      case (.elapsed, .seconds(let seconds)): SecondsFormat.seconds(seconds)
      default: verdict.observed.text
      }
    let source = verdict.decidedBy == .run ? "The run showed" : "The lesson says"
    var lines = TextWrapper.wrap("Skipped. \(source): \(observed).", width: width - 1).map { StyledText($0, style: .bold) }
    let why = why.trimmingWhitespace()
    if !why.isEmpty { lines += TextWrapper.wrap(why, width: width - 1).map { StyledText($0) } }
    return lines
  }

  // MARK: - Scores and review

  /// How many predictions `lesson` has, how many the learner answered, and how many right.
  func score(of lesson: Lesson) -> PredictionScore {
    PredictionScore(of: lesson, answers: progress.predictions)
  }

  /// Every prediction the learner answered wrong, in course order.
  func missedPredictions() -> [(lesson: Lesson, prediction: Prediction)] {
    catalog.lessons.flatMap { lesson in
      PredictionParser.predictions(in: lesson).predictions
        .filter { progress.predictions[$0.key(lesson: lesson)]?.correct == false }
        .map { (lesson, $0) }
    }
  }

  /// `review`: asks the missed predictions again, each run again.
  func review() async {
    let missed = missedPredictions()
    let total = catalog.lessons.reduce(PredictionScore.zero) { $0 + score(of: $1) }
    guard !missed.isEmpty else {
      say(
        total.asked == 0
          ? "You have not answered a prediction yet: they are asked as you read the lessons."
          : "Nothing to review: you got every prediction you answered right (\(total.right)/\(total.asked))."
      )
      return
    }
    guard readsInParts, progress.predict else {
      say("You missed \(missed.count) \(missed.count == 1 ? "prediction" : "predictions"); at a terminal with 'predict on', 'review' asks them again:")
      for (lesson, prediction) in missed {
        emit([StyledText("\(lesson.number)/\(catalog.count) \(lesson.id)", style: .dim)] + PredictionQuestion(prediction).printedLines(width: width - 1))
      }
      return
    }
    say("\(missed.count) \(missed.count == 1 ? "prediction" : "predictions") to look at again. Ctrl-C at an answer stops the review.", style: .dim)
    for (number, item) in missed.enumerated() {
      emit([StyledText(), StyledText("Review \(number + 1)/\(missed.count) · lesson \(item.lesson.number)/\(catalog.count) \(item.lesson.id)", style: LessonRenderer.metaStyle)])
      if await ask(item.prediction, in: item.lesson) == .left {
        say("Review stopped.", style: .dim)
        return
      }
    }
    let after = missedPredictions().count
    emit([StyledText()])
    say(after == 0 ? "Review done: every one right now." : "Review done: \(after) still to revisit; 'review' asks them again.")
  }

  /// The end of the course's word on predictions: right out of asked, and what to revisit.
  func predictionSummary() -> [StyledText] {
    let total = catalog.lessons.reduce(PredictionScore.zero) { $0 + score(of: $1) }
    guard total.total > 0 else { return [] }
    guard total.asked > 0 else {
      return [StyledText("You answered none of the course's \(total.total) predictions; 'predict on' asks them as you read.")]
    }
    var lines = [StyledText("You predicted \(total.right) of the \(total.asked) you answered right (the course has \(total.total)).", style: .bold)]
    let missed = missedPredictions()
    if !missed.isEmpty {
      lines.append(StyledText("To revisit ('review' asks them again):"))
      lines += missed.map { StyledText("  \($0.lesson.number)/\(catalog.count) \($0.lesson.id): " + $0.prediction.ask.trimmingWhitespace()).truncated(to: width - 1) }
    }
    return lines
  }
}

/// A lesson's (or the course's) predictions: how many there are, answered, and answered right.
public struct PredictionScore: Sendable, Equatable {
  public var total: Int
  public var asked: Int
  public var right: Int

  public init(total: Int, asked: Int, right: Int) {
    self.total = total
    self.asked = asked
    self.right = right
  }

  /// The score of `lesson`, from the answers progress keeps (`LESSON/ID` → record).
  public init(of lesson: Lesson, answers: [String: PredictionRecord]) {
    // With no answer for this lesson, counting its predict blocks is enough: `list` stays fast.
    let prefix = lesson.id + "/"
    guard answers.keys.contains(where: { $0.hasPrefix(prefix) }) else {
      self.init(total: lesson.predictionCount, asked: 0, right: 0)
      return
    }
    let keys = PredictionParser.predictions(in: lesson).predictions.map { $0.key(lesson: lesson) }
    let records = keys.compactMap { answers[$0] }
    self.init(total: keys.count, asked: records.count, right: records.filter(\.correct).count)
  }

  public static let zero = PredictionScore(total: 0, asked: 0, right: 0)

  public static func + (lhs: PredictionScore, rhs: PredictionScore) -> PredictionScore {
    PredictionScore(total: lhs.total + rhs.total, asked: lhs.asked + rhs.asked, right: lhs.right + rhs.right)
  }

  /// "2/3": right out of the lesson's predictions; nil for a lesson without any.
  public var text: String? { total > 0 ? "\(right)/\(total)" : nil }
}
