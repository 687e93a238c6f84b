import Foundation
import LabTerminal

/// Predictions in the walkthrough (DESIGN §9): asking one where reading reaches it, running what
/// decides it, the verdict, the score per lesson, and `review` of the ones missed.
@MainActor
final class PredictionSession {
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

  let catalog: LessonCatalog
  private let screen: WalkthroughScreen
  private let reader: any LineReader
  private let keeper: ProgressKeeper
  private let runs: WalkthroughRuns
  private let trust: PythonTrust
  /// Runs the lessons' Python programs for `choice` predictions; nil when there is no python3.
  private let python: (any PythonProgramRunning)?
  /// The time answers are recorded at.
  private let now: () -> Date

  /// The run that decided the question asked last: a follow-up question on the same demo or
  /// program reuses it instead of running it again.
  private var lastDecidingRun: DecidingRun?

  /// What a question's run was and what it gave.
  struct DecidingRun {
    enum Result {
      case demo(DemoRun)
      case python(PythonProgramResult)
    }

    /// `LESSON/ID` of the question it decided.
    var question: String
    /// What ran: the demo's id and arguments, or the program's code.
    var what: [String]
    var result: Result
  }

  /// The lines the last question's run printed with its verdict (a Python program's output), so
  /// the lesson's copy of them right after the question is not printed again; nil when the run
  /// printed none (a demo, python3 missing, a lesson's Python not allowed).
  private(set) var shownOutput: [String]?

  init(
    catalog: LessonCatalog, screen: WalkthroughScreen, reader: any LineReader, keeper: ProgressKeeper,
    runs: WalkthroughRuns, trust: PythonTrust, python: (any PythonProgramRunning)?, now: @escaping () -> Date
  ) {
    self.catalog = catalog
    self.screen = screen
    self.reader = reader
    self.keeper = keeper
    self.runs = runs
    self.trust = trust
    self.python = python
    self.now = now
  }

  private var width: Int { screen.width }

  /// Asks `prediction` of `lesson`, runs what decides it, shows the verdict and records it.
  @discardableResult
  func ask(_ prediction: Prediction, in lesson: Lesson) async -> Asked {
    screen.emit(PredictionQuestion(prediction).lines(width: width - 1))
    let optionCount = prediction.options.count
    let hint = "Type your answer and Enter; an empty line skips it, '?' shows "
      + (prediction.kind == .choice ? "the options" : "an example") + ", Ctrl-C leaves the question."
    screen.emit(TextWrapper.wrap(StyledText(hint, style: .dim), width: width - 3).map { StyledText("  ") + $0 })

    var answer: PredictionValue?
    reading: while true {
      screen.shownSincePrompt = 0
      switch reader.readLine(prompt: Self.answerPrompt) {
      case .interrupted:
        screen.say("Question left; nothing ran.", style: .dim)
        return .left
      case .endOfInput:
        break reading
      case .line(let text):
        let typed = text.trimmingWhitespace()
        if typed.isEmpty { break reading }
        if typed == "?" {
          let optionLines = PredictionQuestion(prediction).optionLines(width: width - 1)
          let example = TextWrapper.wrap(StyledText(prediction.kind.example(optionCount: optionCount), style: .dim), width: width - 3)
          screen.emit(optionLines + example.map { StyledText("  ") + $0 })
          continue
        }
        do {
          answer = try prediction.parseAnswer(typed)
          break reading
        } catch {
          screen.say(error.description)
        }
      }
    }

    shownOutput = nil
    guard let verdict = await decide(prediction, in: lesson, answer: answer ?? prediction.expect) else { return .left }
    screen.emit([StyledText()])
    guard let answer else {
      screen.emit(skippedLines(verdict, why: prediction.why))
      return .skipped
    }
    let lines = verdict.lines(why: prediction.why)
    let style = verdict.correct ? Self.rightStyle : Self.wrongStyle
    let mark = verdict.correct ? "✓ " : "✗ "
    screen.emit(TextWrapper.wrap(mark + lines[0], width: width - 1, indent: 2).map { StyledText($0, style: style) })
    for line in lines.dropFirst() { screen.say(line) }
    keeper.progress.predictions[prediction.key(lesson: lesson)] = PredictionRecord(
      answer: answer.text, correct: verdict.correct, at: PredictionRecord.timestamp(now())
    )
    keeper.save()
    return .answered(correct: verdict.correct)
  }

  /// Runs what decides `prediction` — its demo, live, or the lesson's Python program — and judges
  /// `answer` by it. Nil when the run could not be made or was interrupted (said why).
  private func decide(_ prediction: Prediction, in lesson: Lesson, answer: PredictionValue) async -> PredictionVerdict? {
    let reused = reusableRun(for: prediction, in: lesson)
    if reused != nil {
      screen.emit([StyledText()])
      screen.say("The run above decides this question too; it is not run again.", style: .dim)
    }
    switch prediction.source {
    case .demo(let id, let arguments):
      let run: DemoRun
      if case .demo(let earlier) = reused {
        run = earlier
      } else {
        guard let played = await runs.runDemo(named: id, arguments: arguments, lesson: nil, speed: keeper.progress.speed) else {
          return nil
        }
        run = played
      }
      lastDecidingRun = DecidingRun(question: prediction.key(lesson: lesson), what: [id] + arguments, result: .demo(run))
      guard let observation = PredictionObservation(kind: prediction.kind, report: run.report, timeline: run.timeline) else {
        screen.say("The run was interrupted, so it decides nothing; the question stays open.", style: .dim)
        return nil
      }
      var verdict = PredictionVerdict(answer: answer, observation: observation, options: prediction.options)
      verdict.marks = shownFrame(of: run, highlight: verdict.highlight, reused: reused != nil)
      return verdict
    case .python:
      guard trust.allowsPython() else {
        return PredictionVerdict(answer: answer, prediction: prediction, reason: .notTrusted)
      }
      guard let python, let program = PredictionParser.pythonProgram(for: prediction, in: lesson) else {
        return PredictionVerdict(answer: answer, prediction: prediction, reason: .pythonUnavailable)
      }
      let result: PythonProgramResult
      if case .python(let earlier) = reused {
        result = earlier
      } else {
        result = await withStatus("Running lesson \(lesson.number)'s program under python3…") {
          await python.run(program: program.code)
        }
      }
      lastDecidingRun = DecidingRun(question: prediction.key(lesson: lesson), what: [program.code], result: .python(result))
      if case .ran(_, let output, let errors) = result {
        // The output is on screen once: printed with the first verdict, pointed at by a follow-up's.
        shownOutput = output + errors
      }
      if reused == nil, case .ran(_, let output, let errors) = result {
        let shown = (output + errors).joined(separator: "\n")
        let block = MarkdownBlock(.codeBlock(info: "output", code: shown, fenced: true), line: 1)
        screen.emit([StyledText()] + MarkdownRenderer(width: width, color: screen.capabilities.color).lines(for: MarkdownDocument(blocks: [block])))
      }
      return PredictionVerdict(answer: answer, prediction: prediction, python: result)
    }
  }

  /// Draws the frame the verdict points at and says what it shows: on a terminal, the final
  /// timeline again with the rows that decide marked `▶` (and for a reused run, whose frame is
  /// further up); else the run's own final frame, as the player drew it at the terminal's size.
  /// Piped, or with no timeline, the verdict has no frame to point at.
  private func shownFrame(of run: DemoRun, highlight: Set<String>, reused: Bool) -> TimelineMarks {
    guard screen.capabilities.isTTY, var timeline = run.timeline else { return .none }
    if !highlight.isEmpty || reused {
      timeline.highlight = highlight
      screen.emit([StyledText()] + TimelineRenderer.render(timeline, width: width))
      return TimelineRenderer.marks(timeline, width: width)
    }
    // The player's final frame: the console's width (not capped as text is) and its height.
    let size = screen.console.currentSize()
    return TimelineRenderer.marks(
      timeline, width: size?.columns ?? screen.capabilities.width, height: size?.rows ?? screen.capabilities.height)
  }

  /// The run of the question asked just before `prediction` in the same lesson, when it ran the
  /// same demo with the same arguments, or the same program: a follow-up question reuses it.
  private func reusableRun(for prediction: Prediction, in lesson: Lesson) -> DecidingRun.Result? {
    guard let last = lastDecidingRun else { return nil }
    let questions = PredictionParser.predictions(in: lesson).predictions
    guard let index = questions.firstIndex(where: { $0.id == prediction.id }), index > 0,
      questions[index - 1].key(lesson: lesson) == last.question
    else { return nil }
    let what: [String]
    switch prediction.source {
    case .demo(let id, let arguments): what = [id] + arguments
    case .python:
      guard let program = PredictionParser.pythonProgram(for: prediction, in: lesson) else { return nil }
      what = [program.code]
    }
    return what == last.what ? last.result : nil
  }

  /// Runs `body` with `status` on the line below, on a terminal that can clear it again (a
  /// program takes seconds to decide a question; a silent screen looks hung). Piped, nothing.
  private func withStatus<T>(_ status: String, _ body: () async -> T) async -> T {
    guard screen.capabilities.cursorMovement else { return await body() }
    let line = StyledText(status, style: .dim).truncated(to: width - 1)
    screen.console.write(line.rendered(color: screen.capabilities.color))
    let value = await body()
    screen.console.write("\r\u{1B}[2K")
    return value
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
    PredictionScore(of: lesson, answers: keeper.progress.predictions)
  }

  /// Every prediction the learner answered wrong, in course order.
  func missedPredictions() -> [(lesson: Lesson, prediction: Prediction)] {
    catalog.lessons.flatMap { lesson in
      PredictionParser.predictions(in: lesson).predictions
        .filter { keeper.progress.predictions[$0.key(lesson: lesson)]?.correct == false }
        .map { (lesson, $0) }
    }
  }

  /// `review`: asks the missed predictions again, each run again. `asking`: the learner is at a
  /// terminal with predictions on; otherwise the missed ones are only listed.
  func review(asking: Bool) async {
    let missed = missedPredictions()
    let total = catalog.lessons.reduce(PredictionScore.zero) { $0 + score(of: $1) }
    guard !missed.isEmpty else {
      screen.say(
        total.asked == 0
          ? "You have not answered a prediction yet: they are asked as you read the lessons."
          : "Nothing to review: you got every prediction you answered right (\(total.right)/\(total.asked))."
      )
      return
    }
    guard asking else {
      screen.say("You missed \(missed.count) \(missed.count == 1 ? "prediction" : "predictions"); at a terminal with 'predict on', 'review' asks them again:")
      for (lesson, prediction) in missed {
        screen.emit([StyledText("\(lesson.number)/\(catalog.count) \(lesson.id)", style: .dim)] + PredictionQuestion(prediction).printedLines(width: width - 1))
      }
      return
    }
    screen.say("\(missed.count) \(missed.count == 1 ? "prediction" : "predictions") to look at again. Ctrl-C at an answer stops the review.", style: .dim)
    for (number, item) in missed.enumerated() {
      screen.emit([
        StyledText(),
        StyledText("Review \(number + 1)/\(missed.count) · lesson \(item.lesson.number)/\(catalog.count) \(item.lesson.id)", style: LessonRenderer.metaStyle),
      ])
      if await ask(item.prediction, in: item.lesson) == .left {
        screen.say("Review stopped.", style: .dim)
        return
      }
    }
    let after = missedPredictions().count
    screen.emit([StyledText()])
    screen.say(after == 0 ? "Review done: every one right now." : "Review done: \(after) still to revisit; 'review' asks them again.")
  }

  /// The end of the course's word on predictions: right out of asked, and what to revisit.
  func summary() -> [StyledText] {
    let total = catalog.lessons.reduce(PredictionScore.zero) { $0 + score(of: $1) }
    guard total.total > 0 else { return [] }
    guard total.asked > 0 else {
      return TextWrapper.wrap("You answered none of the course's \(total.total) predictions; 'predict on' asks them as you read.", width: width - 1)
        .map { StyledText($0) }
    }
    var lines = TextWrapper.wrap("You predicted \(total.right) of the \(total.asked) you answered right (the course has \(total.total)).", width: width - 1)
      .map { StyledText($0, style: .bold) }
    let missed = missedPredictions()
    if !missed.isEmpty {
      lines.append(StyledText("To revisit ('review' asks them again):"))
      lines += missed.map { StyledText("  \($0.lesson.number)/\(catalog.count) \($0.lesson.id): " + $0.prediction.ask.trimmingWhitespace()).truncated(to: width - 1) }
    }
    return lines
  }
}
