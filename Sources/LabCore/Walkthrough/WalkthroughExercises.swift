import Foundation
import LabTerminal

/// The walkthrough's exercises (DESIGN §12): each of a lesson's exercises is one of its last parts
/// (a lesson with two ends with two), and `exercise`, `check`, `hint` and `solution` work at the
/// prompt on the exercise of the part being read. Results go into the progress
/// the keeper saves (version 3's `exercises`).
@MainActor
final class WalkthroughExercises {
  /// The exercises' summaries now, their full parse when a command or an exercise part needs it.
  let loader: ExerciseCatalogLoader?
  var catalog: ExerciseCatalog? { loader?.catalog }
  let tools: (any ExerciseTools)?
  let screen: WalkthroughScreen
  let reader: any LineReader
  let keeper: ProgressKeeper
  let now: () -> Date
  /// The hints `hint` shows next, by exercise id: all in order until a check, then the ones for
  /// what the latest check found.
  private var hintSteps: [String: HintSteps] = [:]

  init(loader: ExerciseCatalogLoader?, tools: (any ExerciseTools)?, screen: WalkthroughScreen, reader: any LineReader, keeper: ProgressKeeper, now: @escaping () -> Date) {
    self.loader = loader
    self.tools = tools
    self.screen = screen
    self.reader = reader
    self.keeper = keeper
    self.now = now
  }

  /// How many exercises end the lesson (from the summaries: no full parse).
  func exerciseCount(for lesson: Lesson) -> Int {
    loader?.summaries.filter { $0.lesson == lesson.id }.count ?? 0
  }

  /// The lesson's exercises, in the catalog's order (none for most lessons, two for some); parses
  /// the catalog on first use.
  func exercises(for lesson: Lesson) -> [Exercise] {
    catalog?.exercises(forLesson: lesson.id) ?? []
  }

  /// One of the lesson's last parts: an exercise, its file, and how to start it. With more than
  /// one, the title says which (`Exercise 2 of 2: …`).
  func partLines(for exercise: Exercise, of lesson: Lesson, width: Int) -> [StyledText] {
    let record = keeper.progress.exercises[exercise.id]
    let state = record.map { $0.passed ? " (passed)" : " (tried \($0.attempts)×)" } ?? ""
    let all = exercises(for: lesson)
    let which = all.count > 1 ? (all.firstIndex { $0.id == exercise.id }).map { " \($0 + 1) of \(all.count)" } ?? "" : ""
    var lines = [StyledText("Exercise\(which): \(exercise.title)\(state)", style: .bold), StyledText()]
    lines += ExerciseReport.paragraphs(exercise.body, width: width)
    if let path = tools?.path(for: exercise) {
      // A path is copied and pasted whole: beside its label when both fit, else on a line of its
      // own, never cut (the terminal folds one longer than the screen, and a copy keeps it whole).
      let label = "Your file: " + path
      lines += [StyledText()] + (DisplayWidth.of(label) <= max(20, width - 1) ? [StyledText(label)] : [StyledText("Your file:"), StyledText(path)])
    }
    lines += [StyledText()] + TextWrapper.wrap(
      "'exercise' starts it (each save is checked; q comes back here), 'check' checks it, 'hint' and 'solution' help; Enter goes on.",
      width: max(20, width - 1)
    ).map { StyledText($0, style: .dim) }
    return lines
  }

  /// `exercise [ID]`.
  func work(_ id: String?, lesson: Lesson, at current: Exercise?) async {
    guard let exercise = resolve(id, lesson: lesson, at: current) else { return }
    guard let tools else {
      screen.say("Exercises cannot run here; 'gatherlab exercise \(exercise.id)' at the shell starts it.")
      return
    }
    record(await tools.work(on: exercise, attempts: attempts(exercise)), exercise)
  }

  /// `check`.
  func check(lesson: Lesson, at current: Exercise?) async {
    guard let exercise = resolve(nil, lesson: lesson, at: current) else { return }
    guard let tools else {
      screen.say("Exercises cannot run here; 'gatherlab check \(exercise.id)' at the shell checks it.")
      return
    }
    record(await tools.check(exercise, attempts: attempts(exercise)), exercise)
  }

  /// `hint`: the hints one at a time, narrowing in; after a failed check, the ones keyed to what
  /// failed first, as the check's own hint (`HintSteps`).
  func hint(lesson: Lesson, at current: Exercise?) {
    guard let exercise = resolve(nil, lesson: lesson, at: current) else { return }
    var steps = hintSteps[exercise.id] ?? HintSteps(exercise)
    guard let index = steps.next() else {
      screen.say("This exercise has no hints.")
      return
    }
    hintSteps[exercise.id] = steps
    screen.emit(ExerciseReport.hint(index + 1, of: exercise.hints.count, exercise.hints[index], width: screen.width, color: screen.capabilities.color))
  }

  /// `solution`: asks first until the exercise has passed.
  func solution(lesson: Lesson, at current: Exercise?) {
    guard let exercise = resolve(nil, lesson: lesson, at: current) else { return }
    if keeper.progress.exercises[exercise.id]?.passed != true {
      guard reader.isInteractive else {
        screen.say("The solution is shown once the exercise passes, or at a terminal after you say yes.")
        return
      }
      guard case .line(let reply) = reader.readLine(prompt: "Show the solution before it passes? Trying first teaches more. [y/N] "),
        reply.lowercased().hasPrefix("y")
      else {
        screen.say("Not shown.")
        return
      }
    }
    screen.emit([StyledText("solution.py", style: .bold)] + exercise.solution.split(separator: "\n", omittingEmptySubsequences: false).map { StyledText(String($0)) })
  }

  /// `Exercises passed: 3 of 16`, for the end of the course.
  func summary() -> [StyledText] {
    guard let summaries = loader?.summaries, !summaries.isEmpty else { return [] }
    let passed = summaries.filter { keeper.progress.exercises[$0.id]?.passed == true }.count
    return [StyledText("Exercises passed: \(passed) of \(summaries.count) ('gatherlab exercises' lists them).")]
  }

  private func attempts(_ exercise: Exercise) -> Int {
    keeper.progress.exercises[exercise.id]?.attempts ?? 0
  }

  /// The exercise a command acts on: the one named; else the one of the part being read; else
  /// the lesson's first not yet passed (its first when all have passed).
  private func resolve(_ id: String?, lesson: Lesson, at current: Exercise?) -> Exercise? {
    guard let catalog else {
      screen.say("This course has no exercises.")
      return nil
    }
    if let id {
      guard let exercise = catalog.exercise(id) else {
        screen.say("Unknown exercise '\(id)'." + Suggestions.didYouMean(id, in: catalog.exercises.map(\.id)))
        return nil
      }
      return exercise
    }
    if let current { return current }
    let all = exercises(for: lesson)
    guard let exercise = all.first(where: { keeper.progress.exercises[$0.id]?.passed != true }) ?? all.first else {
      let next = catalog.exercises.first { keeper.progress.exercises[$0.id]?.passed != true }
      screen.say("This lesson has no exercise." + (next.map { " 'exercise \($0.id)' starts the next one not yet passed." } ?? ""))
      return nil
    }
    return exercise
  }

  private func record(_ outcome: ExerciseToolOutcome, _ exercise: Exercise) {
    switch outcome {
    case .failed(let why):
      screen.say(why)
    case .checked(let verdicts, let lastFailed):
      guard !verdicts.isEmpty else { return }
      let at = PredictionRecord.timestamp(now())
      var record = keeper.progress.exercises[exercise.id] ?? ExerciseRecord(passed: false, attempts: 0, at: at)
      for passed in verdicts { record = record.checked(passed: passed, at: at) }
      keeper.progress.exercises[exercise.id] = record
      keeper.save()
      hintSteps[exercise.id] = HintSteps(exercise, failed: lastFailed, attempt: record.attempts)
    }
  }
}
