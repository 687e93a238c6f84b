import LabTerminal

/// The verdict in words: what you said, what the run showed, where the timeline shows it.
///
/// ```
/// You said B C A; the run finished B, C, A (each row's finish rank) — right.
/// You said none; the run cancelled B and C at 1.00s (the ⊘ rows).
/// You said 3; the caller resumed after 1.00s (the ▲ marker) — right.
/// ```
extension PredictionVerdict {
  /// One sentence: the answer, what decided it, and — when right — "right".
  public var sentence: String {
    let said = "You said \(said)"
    switch decidedBy {
    case .run:
      return said + "; " + shown + (correct ? " — right." : ".") + note
    case .expectOnly(let reason):
      return said + "; the lesson says \(observedText) — " + (correct ? "right" : "not the same")
        + ". " + Self.reasonText(reason)
    }
  }

  /// A word on an answer that mistook one thing for a near one: a failed task named as
  /// cancelled, or "threw" for a timeout (right, in other words).
  private var note: String {
    switch (kind, answer, observed) {
    case (.cancelled, .tasks(let named), _) where !named.isDisjoint(with: failed):
      let mistaken = named.intersection(failed)
      return " \(Self.list(mistaken)) failed on \(mistaken.count == 1 ? "its" : "their") own: a failed task is not a cancelled one."
    case (.outcome, .outcome(.threw), .outcome(.timedOut)):
      return " The demo calls it \"timed out\": the deadline made the caller's await raise TimeoutError, so \"threw\" says the same."
    default:
      return ""
    }
  }

  /// The verdict's lines: the sentence, then the lesson's `why` (when it has one).
  public func lines(why: String) -> [String] {
    let why = why.trimmingWhitespace()
    return [sentence] + (why.isEmpty ? [] : [why])
  }

  /// The answer as the sentence quotes it.
  private var said: String {
    switch (kind, answer) {
    case (.choice, .choice(let index)): optionText(index)
    case (.elapsed, .seconds(let seconds)): DemoParameter.format(seconds) + " s"
    default: answer.text
    }
  }

  /// What the lesson claims, when `expect` decides.
  private var observedText: String {
    switch (kind, observed) {
    case (.choice, .choice(let index)): optionText(index)
    case (.elapsed, .seconds(let seconds)): DemoParameter.format(seconds) + " s"
    default: observed.text
    }
  }

  /// "b (a coroutine object)".
  private func optionText(_ index: Int) -> String {
    let letter = PredictionOption.letter(index)
    guard options.indices.contains(index) else { return letter }
    return "\(letter) (\(options[index].text))"
  }

  /// What the run showed, and where to look.
  private var shown: String {
    let at = time.map { " at " + SecondsFormat.seconds($0) } ?? ""
    switch observed {
    case .order(let tasks):
      guard !tasks.isEmpty else { return "no task finished" }
      return "the run finished \(tasks.joined(separator: ", "))" + (draws(\.ranked, tasks) ? " (each row's finish rank)" : "")
    case .results(.none):
      return "the caller got an exception instead of a list\(at)\(pointer(at: time))"
    case .results(.slots(let slots)):
      let shown = slots.map { slot in
        switch slot {
        case .value(let value): value
        case .error: "error"
        }
      }
      return "the caller received [\(shown.joined(separator: ", "))]\(at)\(pointer(at: time))"
    case .seconds(let seconds):
      return "the caller resumed after \(SecondsFormat.seconds(seconds))\(pointer(at: seconds))"
    case .tasks(let tasks) where kind == .orphans:
      guard !tasks.isEmpty else { return "no task was still running when the caller got its error" }
      let where_: String
      if marker == .join, draws(\.orphaned, tasks), joinDrawn {
        where_ = " (the ▒ past the ▲ marker)"
      } else if marks != nil, draws(\.orphaned, tasks) {
        where_ = " (the ▒ bars)"
      } else {
        where_ = ""
      }
      return "\(Self.list(tasks)) kept running after the caller got its error" + where_
    case .tasks(let tasks):
      return tasks.isEmpty
        ? "the run cancelled nothing" : "the run cancelled \(Self.list(tasks))\(at)" + (draws(\.cancelled, tasks) ? " (the ⊘ rows)" : "")
    case .outcome(let outcome):
      return "the caller's await \(outcome.text)\(at)\(pointer(at: time))"
    case .count(let count) where kind == .existing:
      let bars =
        switch marks {
        case nil: " (running █ or waiting ░)"
        case let marks? where marks.hiddenRows > 0 || marks.running.isEmpty: ""
        case let marks? where marks.waiting.isEmpty: " (the █ bars in one column)"
        case .some: " (running █ or waiting ░)"
        }
      return "at most \(count) \(count == 1 ? "task" : "tasks") existed at once" + bars
    case .count(let count):
      let bars = marks.map { $0.hiddenRows == 0 && !$0.running.isEmpty } ?? true ? " (the █ bars in one column)" : ""
      return "at most \(count) \(count == 1 ? "task" : "tasks") ran at once" + bars
    case .choice(let index):
      let line = evidence.map { "\"\($0.trimmingWhitespace())\"" } ?? "its output"
      return "the program printed \(line): \(optionText(index))"
    }
  }

  /// Whether the frame draws `mark` on every one of `tasks` (with no frame known: yes).
  private func draws(_ mark: KeyPath<TimelineMarks, Set<String>>, _ tasks: some Collection<String>) -> Bool {
    guard let marks else { return true }
    return tasks.allSatisfy(marks[keyPath: mark].contains)
  }

  /// The frame draws the `▲`.
  private var joinDrawn: Bool { marks.map { $0.join != nil } ?? true }

  /// Where the timeline shows the caller's end, said at `instant`: the `▲` or the deadline's `┆`,
  /// only where the frame draws it in the column of `instant`. A `▲` drawn at another instant
  /// (a phase that began after 0 s: an elapsed time counts from the phase's start) is named with
  /// its own time and where that phase began.
  private func pointer(at instant: Double?) -> String {
    guard let marker else { return "" }
    guard let marks else { return marker == .join ? " (the ▲ marker)" : " (the ┆ deadline)" }
    guard let instant else { return "" }
    switch marker {
    case .deadline:
      if let deadline = marks.deadline, marks.sameInstant(deadline, instant) { return " (the ┆ deadline)" }
      if let join = marks.join, marks.sameInstant(join, instant) { return " (the ▲ marker)" }
      return ""
    case .join:
      guard let join = marks.join else { return "" }
      if marks.sameInstant(join, instant) { return " (the ▲ marker)" }
      guard kind == .elapsed, join > instant else { return "" }
      let began = phase.map { "the \($0) phase" } ?? "this phase"
      return " (the ▲ marker at \(SecondsFormat.seconds(join)): \(began) began at \(SecondsFormat.seconds(join - instant)))"
    }
  }

  /// "B", "B and C", "A, B and C", in argument order.
  static func list(_ tasks: Set<String>) -> String {
    let sorted = tasks.sorted(by: PredictionValue.taskOrder)
    guard sorted.count > 1, let last = sorted.last else { return sorted.first ?? "" }
    return sorted.dropLast().joined(separator: ", ") + " and " + last
  }

  /// Why `expect` decided.
  static func reasonText(_ reason: ExpectOnlyReason) -> String {
    switch reason {
    case .pythonUnavailable:
      "(python3 3.11 or newer was not found, so the lesson's answer decides, not a run.)"
    case .notTrusted:
      "(The lesson's Python was not run, so the lesson's answer decides, not a run.)"
    case .runFailed(let how):
      "(The program \(how), so the lesson's answer decides, not a run.)"
    case .undecided(let undecided):
      "(\(undecided.description) The lesson's answer decides.)"
    }
  }
}
