import Foundation
import LabTerminal

/// The guided walkthrough: one lesson at a time at a prompt, with commands to move around, run
/// the lesson's demo, see its code, and come back later to the same place.
///
/// A thin dispatcher: it reads a line, parses it into a `WalkthroughCommand`, and hands it to the
/// job that does it — the reading position (`ReadingPosition`), the predictions
/// (`PredictionSession`), the runs and the last run (`WalkthroughRuns`), the screen
/// (`WalkthroughScreen`), the progress (`ProgressKeeper`). Everything with a side effect goes
/// through a protocol — the console, the line reader, the keys, the progress store, the demo
/// player, python3 and the tools — so a test can drive a whole session without a terminal.
///
/// It lives on the main actor: the prompt must be read on the main thread, the one thread that
/// receives Ctrl-C (the concurrency pool's threads block signals), or libedit could not notice it.
@MainActor
public final class Walkthrough {
  /// How the walkthrough was started.
  public struct Options: Sendable {
    /// `--speed`: the time scale for this session's runs (also saved).
    public var speed: DemoSpeed?
    /// `--from`: the lesson to start at instead of where the learner left off.
    public var startLesson: String?
    /// `--lessons DIR`: lessons from outside the course, whose Python runs only when the
    /// learner allows it; nil for the bundled course.
    public var lessonsDirectory: String?

    /// `--no-swift` (false): read the lessons without their Swift side (also saved). nil: the
    /// learner's saved choice.
    public var swift: Bool?
    /// Whether a first start at a terminal asks "Show the Swift side of the lessons too? [y/N]" (the installed
    /// tutorial does; sessions built by tests do not, unless they say so).
    public var asksAboutSwift: Bool

    public init(
      speed: DemoSpeed? = nil, startLesson: String? = nil, lessonsDirectory: String? = nil, swift: Bool? = nil,
      asksAboutSwift: Bool = false
    ) {
      self.speed = speed
      self.startLesson = startLesson
      self.lessonsDirectory = lessonsDirectory
      self.swift = swift
      self.asksAboutSwift = asksAboutSwift
    }
  }

  /// The course with its Swift side, and as a Python-only reading shows it (`swift off`).
  let fullCatalog: LessonCatalog
  let pythonOnlyCatalog: LessonCatalog
  /// Whether the lessons show their Swift sections and snippets (`swift on|off`).
  private(set) var showsSwift = true
  var catalog: LessonCatalog { showsSwift ? fullCatalog : pythonOnlyCatalog }
  let registry: DemoRegistry
  let reader: any LineReader
  let options: Options
  let screen: WalkthroughScreen
  let keeper: ProgressKeeper
  let runs: WalkthroughRuns
  let predictions: PredictionSession
  let exercises: WalkthroughExercises
  /// Called whenever the current lesson changes, so completion can offer its demo's parameters.
  public var onLessonChange: (Lesson) -> Void = { _ in }

  private(set) var position = ReadingPosition(lesson: 0)
  /// Ctrl-C left a question of the current part: reading on asks it again.
  private var questionLeft = false

  public init(
    catalog: LessonCatalog,
    registry: DemoRegistry = .standard,
    store: any ProgressStore,
    console: any Console,
    reader: any LineReader,
    player: any DemoPlaying,
    keys: any KeyReading,
    python: (any PythonProgramRunning)? = nil,
    tools: (any WalkthroughTools)? = nil,
    exercises: ExerciseCatalog? = nil,
    exerciseLoader: ExerciseCatalogLoader? = nil,
    exerciseTools: (any ExerciseTools)? = nil,
    now: @escaping () -> Date = Date.init,
    options: Options = Options()
  ) {
    fullCatalog = catalog
    pythonOnlyCatalog = catalog.hidingSwift()
    self.registry = registry
    self.reader = reader
    self.options = options
    let screen = WalkthroughScreen(console: console, keys: keys)
    self.screen = screen
    keeper = ProgressKeeper(store: store, firstLesson: catalog.lessons.first?.id ?? "") { console.writeError($0) }
    let trust = PythonTrust(lessonsDirectory: options.lessonsDirectory, screen: screen, reader: reader)
    runs = WalkthroughRuns(registry: registry, player: player, tools: tools, screen: screen, trust: trust)
    predictions = PredictionSession(
      catalog: catalog, screen: screen, reader: reader, keeper: keeper, runs: runs, trust: trust, python: python, now: now
    )
    // `exercises` parsed already (tests), or `exerciseLoader`, which parses on first use.
    let loader = exercises.map { ExerciseCatalogLoader($0) } ?? exerciseLoader
    self.exercises = WalkthroughExercises(loader: loader, tools: exerciseTools, screen: screen, reader: reader, keeper: keeper, now: now)
  }

  var lesson: Lesson { catalog.lessons[position.lesson] }

  var progress: Progress { keeper.progress }

  /// The parts of the lesson at `index` (`LessonParts`); piped, a lesson is one part.
  func parts(ofLesson index: Int) -> [[MarkdownBlock]] {
    let parts = LessonParts.split(catalog.lessons[index].document.blocks)
    // A lesson's exercises are its last parts, one each (drawn by `WalkthroughExercises`, not
    // from blocks), counted from their summaries: the full parse waits for an exercise part.
    let exerciseParts = Array(repeating: [MarkdownBlock](), count: exercises.exerciseCount(for: catalog.lessons[index]))
    return (parts.isEmpty ? [[]] : parts) + exerciseParts
  }

  /// The exercise whose part is being read, if the part is one of the lesson's exercises.
  var exerciseAtPart: Exercise? {
    guard readsInParts else { return nil }
    let count = exercises.exerciseCount(for: lesson)
    let index = position.part - (parts.count - count)
    guard (0..<count).contains(index) else { return nil }
    let all = exercises.exercises(for: lesson)
    return all.indices.contains(index) ? all[index] : nil
  }

  var parts: [[MarkdownBlock]] { parts(ofLesson: position.lesson) }

  /// How many parts reading goes through in the lesson at `index`: one when piped.
  func partCount(ofLesson index: Int) -> Int { readsInParts ? parts(ofLesson: index).count : 1 }

  /// A person at a terminal reads in parts; a piped script (either end not a terminal) gets each
  /// lesson whole, with nothing asked.
  var readsInParts: Bool { reader.isInteractive && screen.capabilities.isTTY }

  /// The prompt: `gatherlab 5/13 results-order 2/4 › `, shorter on a terminal too narrow for it
  /// and a command (`gatherlab 5/13 2/4 › `, then `gatherlab 5/13 › `).
  public var prompt: String {
    let place = "gatherlab \(lesson.number)/\(catalog.count)"
    let partText = readsInParts ? " \(position.part + 1)/\(parts.count)" : ""
    let forms = [place + " " + lesson.id + partText + " › ", place + partText + " › ", place + " › "]
    return forms.first { $0.count + 8 <= screen.width } ?? forms[forms.count - 1]
  }

  /// Runs the session until `quit`, Ctrl-D or the end of piped input.
  public func run() async {
    guard !catalog.lessons.isEmpty else {
      screen.console.writeError("There are no lessons to show.")
      return
    }
    await start()
    var interrupted = false
    while true {
      screen.shownSincePrompt = 0
      let input = reader.readLine(prompt: prompt)
      // An empty line right after Ctrl-C cleared one is the learner checking the prompt is
      // clean, not asking to read on.
      let afterInterrupt = interrupted
      interrupted = false
      switch input {
      case .endOfInput:
        finish()
        return
      case .interrupted:
        interrupted = true
        continue
      case .line(let text):
        reader.remember(text)
        if afterInterrupt, !text.contains(where: { !$0.isWhitespace }) { continue }
        let parsed = WalkthroughCommand.parse(text)
        if case .success(.quit) = parsed {
          finish()
          return
        }
        // Piped commands print one after another with no prompt between them: a blank line
        // keeps their outputs apart.
        if !reader.isInteractive { screen.console.writeLine() }
        switch parsed {
        case .failure(let error): screen.say(error.description)
        case .success(let command): await handle(command)
        }
      }
    }
  }

  // MARK: - Starting and finishing

  func start() async {
    let saved = keeper.load()
    if let saved {
      keeper.progress.completed = saved.completed.filter { catalog.lesson(id: $0) != nil }
    }
    if let speed = options.speed { keeper.progress.speed = speed.value }
    if let swift = options.swift { keeper.progress.swift = swift }
    if keeper.progress.swift == nil, saved == nil, options.asksAboutSwift, readsInParts {
      keeper.progress.swift = askAboutSwift()
    }
    showsSwift = keeper.progress.swift ?? true
    if let startLesson = options.startLesson, let lesson = try? catalog.lesson(matching: startLesson) {
      position = ReadingPosition(lesson: catalog.index(of: lesson) ?? 0)
    } else if let saved, let lesson = catalog.lesson(id: saved.current) {
      let index = catalog.index(of: lesson) ?? 0
      let part = readsInParts ? min(max(saved.part - 1, 0), parts(ofLesson: index).count - 1) : 0
      position = ReadingPosition(lesson: index, part: part)
      if index > 0 || part > 0 || !saved.completed.isEmpty {
        let partText = readsInParts && part > 0 ? ", part \(part + 1)/\(parts.count)" : ""
        screen.say("Resuming at \(lesson.number)/\(catalog.count) \(lesson.id)\(partText); 'restart' starts over.", style: .dim)
      }
    } else if let saved {
      screen.say("Your saved lesson '\(saved.current)' is not in this course any more; starting at lesson 1.", style: .dim)
    } else {
      screen.say("Welcome to gatherlab: \(catalog.count) short lessons on asyncio.gather() and structured concurrency.", style: .bold)
      screen.say(
        readsInParts
          ? "Type 'help' for the commands; an empty line reads on."
          : "Type 'help' for the commands; an empty line goes to the next lesson.",
        style: .dim
      )
    }
    screen.emit([StyledText()])
    await arrived(at: position, newLesson: true)
  }

  func finish() {
    save()
    if reader.isInteractive, keeper.canSave {
      screen.console.writeLine()
      screen.say("Progress saved. Run gatherlab again to continue at \(lesson.number)/\(catalog.count) \(lesson.id).", style: .dim)
    }
  }

  // MARK: - Commands

  func handle(_ command: WalkthroughCommand) async {
    switch command {
    case .readOn where questionLeft:
      await showPart(asking: true)
    case .readOn:
      await go(position.readingOn(partCount: partCount(ofLesson: position.lesson), lessonCount: catalog.count))
    case .next:
      markDone()
      await go(position.nextLesson(lessonCount: catalog.count))
    case .back:
      switch position.back(partCount: partCount(ofLesson:)) {
      case .part(let previous):
        position = previous
        await showPart(asking: false)
        save()
      case .lesson(let previous):
        await arrived(at: previous, newLesson: true, asking: false)
      case .none:
        screen.say(readsInParts ? "This is the start of the course." : "This is the first lesson.")
      }
    case .list:
      screen.emit(listLines())
    case .goto(let query):
      do {
        let target = try catalog.lesson(matching: query)
        // A lesson read to its end is done, however the learner leaves it.
        if position.hasRead(partCount: partCount(ofLesson: position.lesson)) { markDone() }
        await arrived(at: ReadingPosition(lesson: catalog.index(of: target) ?? position.lesson), newLesson: true)
      } catch {
        screen.say(error.description)
      }
    case .show(let all):
      if all || !readsInParts { showWholeLesson() } else { await showPart(asking: false) }
    case .run(let demo, let arguments):
      await runs.runDemo(named: demo, arguments: arguments, lesson: lesson, speed: progress.speed)
    case .compare(let demo, let arguments):
      await runs.compare(named: demo, arguments: arguments, lesson: lesson, speed: progress.speed)
    case .trace(let number):
      await runs.trace(number, in: lesson)
    case .save(let path):
      runs.saveLastRun(to: path)
    case .replay:
      await runs.replayLastRun(stepping: false)
    case .step:
      await runs.replayLastRun(stepping: true)
    case .demos:
      screen.emit([StyledText("Demos", style: .bold)] + DemoListing.lines(registry, width: screen.width))
    case .code(let name, let all):
      showCode(named: name, all: all)
    case .speed(let text):
      setSpeed(text)
    case .review:
      await predictions.review(asking: readsInParts && progress.predict)
    case .predict(let on):
      setPredict(on)
    case .swift(let on):
      setSwift(on)
    case .exercise(let id):
      await exercises.work(id, lesson: lesson, at: exerciseAtPart)
    case .check:
      await exercises.check(lesson: lesson, at: exerciseAtPart)
    case .hint:
      exercises.hint(lesson: lesson, at: exerciseAtPart)
    case .solution:
      exercises.solution(lesson: lesson, at: exerciseAtPart)
    case .restart:
      await restart()
    case .help:
      show(WalkthroughHelp.lines(width: screen.width))
    case .quit:
      finish()
    }
  }

  /// Goes where a move of reading on went: a part, a lesson, or past the end of the course.
  private func go(_ move: ReadingPosition.Move) async {
    switch move {
    case .part(let next):
      position = next
      await arrived(at: next, newLesson: false)
    case .lesson(let next):
      markDone()
      await arrived(at: next, newLesson: true)
    case .none:
      markDone()
      save()
      screen.emit(endOfCourseLines())
    }
  }

  /// Shows what reading has reached — the part (on a terminal) or the whole lesson (piped) — and
  /// saves where the learner is; at a new lesson, completion learns its demo.
  private func arrived(at newPosition: ReadingPosition, newLesson: Bool, asking: Bool = true) async {
    position = newPosition
    if newLesson { onLessonChange(lesson) }
    keeper.progress.current = lesson.id
    save()
    if readsInParts { await showPart(asking: asking) } else { showWholeLesson() }
  }

  private func markDone() {
    if !progress.completed.contains(lesson.id) { keeper.progress.completed.append(lesson.id) }
  }

  /// The whole lesson and what to do next, as piped sessions and `show all` print it.
  private func showWholeLesson() {
    show(screen.renderer.lines(for: lesson, total: catalog.count) + [StyledText()] + hintLines())
  }

  /// Long text a screen at a time on a terminal; piped, all at once.
  private func show(_ lines: [StyledText]) {
    if readsInParts { screen.page(lines) } else { screen.emit(lines) }
  }

  /// The current part, a screen at a time; the last part ends with what to do next. When
  /// `asking`, a prediction in it is asked where it stands (unless predictions are off).
  private func showPart(asking: Bool) async {
    questionLeft = false
    let blocks = parts[position.part]
    let renderer = screen.renderer
    if let exercise = exerciseAtPart {
      if screen.shownSincePrompt == 0 { screen.emit([StyledText()]) }
      // Where Enter goes is said after the lesson's last part only, as for parts of reading: from
      // a first exercise of two it goes to the second, not to the next lesson.
      let last = position.part + 1 == parts.count
      screen.page(exercises.partLines(for: exercise, of: lesson, width: screen.width) + (last ? [StyledText()] + hintLines() : []))
      return
    }
    // A part read on starts below the prompt that asked for it, a line apart.
    if screen.shownSincePrompt == 0 { screen.emit([StyledText()]) }
    let questions = asking && progress.predict ? PredictionParser.predictions(in: lesson).predictions : []
    var pending: [MarkdownBlock] = []
    var opening = position.part == 0
    var lines: [StyledText] = []
    // The lesson's copy of an output the question's run has just printed (`RepeatedOutput`).
    var repeated: Set<Int> = []
    for (index, block) in blocks.enumerated() where !repeated.contains(index) {
      // A question answered before (in an earlier session, or before going back) prints as
      // printed questions do, with the answer given; 'review' is the way to be asked again.
      guard LessonParts.isPrediction(block), let prediction = questions.first(where: { $0.line == block.line }),
        progress.predictions[prediction.key(lesson: lesson)] == nil
      else {
        pending.append(block)
        continue
      }
      if !pending.isEmpty || opening {
        screen.page(
          renderer.lines(for: lesson, blocks: pending, total: catalog.count, opening: opening, answers: progress.predictions) + [StyledText()]
        )
      }
      pending = []
      opening = false
      if await predictions.ask(prediction, in: lesson) == .left {
        // Ctrl-C left the question: the part stops there, unanswered, and stays the current
        // one; Enter asks it again.
        questionLeft = true
        return
      }
      if let shown = predictions.shownOutput {
        repeated.formUnion(RepeatedOutput.indices(in: blocks, after: index, shown: shown))
      }
      screen.emit([StyledText()])
    }
    if !pending.isEmpty || opening {
      lines = renderer.lines(for: lesson, blocks: pending, total: catalog.count, opening: opening, answers: progress.predictions)
    }
    if position.part + 1 == parts.count { lines += (lines.isEmpty ? [] : [StyledText()]) + hintLines() }
    screen.page(lines)
  }

  private func hintLines() -> [StyledText] {
    CourseSignposts.hints(
      for: lesson, nextLesson: position.lesson + 1 < catalog.count ? position.lesson + 2 : nil, width: screen.width
    )
  }

  private func endOfCourseLines() -> [StyledText] {
    let summary = predictions.summary()
    return CourseSignposts.endOfCourse(catalog, done: Set(progress.completed), width: screen.width)
      + (summary.isEmpty ? [] : [StyledText()] + summary)
      + { let passed = exercises.summary(); return passed.isEmpty ? [] : [StyledText()] + passed }()
  }

  /// The demo's Python twin first (the course teaches Python), then the Swift code that gathers;
  /// `all` shows the whole Swift file instead.
  private func showCode(named name: String?, all: Bool = false) {
    guard let demoID = name ?? lesson.demo else {
      screen.say("This lesson has no demo of its own. Name one: code \(registry.ids.joined(separator: " | ")).")
      return
    }
    do {
      let demo = try registry.demo(named: demoID)
      screen.emit(CodeListing.lines(for: demo, all: all, width: screen.width, color: screen.capabilities.color))
    } catch {
      screen.say(error.description)
    }
  }

  private func setSpeed(_ text: String?) {
    guard let text else {
      screen.say("Demos run at speed \(DemoParameter.format(progress.speed))×. 'speed 10' runs them ten times faster; reported times stay in nominal seconds.")
      return
    }
    let speed: DemoSpeed
    do {
      speed = try DemoSpeed(parsing: text)
    } catch {
      screen.say(error.description)
      return
    }
    keeper.progress.speed = speed.value
    save()
    screen.say("Demos will run at speed \(speed)×.")
  }

  private func setPredict(_ on: Bool?) {
    guard let on else {
      screen.say(progress.predict
        ? "Predictions are on: reading a question asks it. 'predict off' only prints them."
        : "Predictions are off: questions are printed, not asked. 'predict on' asks them.")
      return
    }
    keeper.progress.predict = on
    save()
    screen.say(on ? "Predictions are on: reading a question asks it before its run." : "Predictions are off: they are printed with the lesson, not asked.")
  }

  /// The first start's one question: a Python learner may not want the Swift side at all. One
  /// key answers it, as the pager's marker takes one (Enter: the default, no), echoed after the
  /// question; with no keyboard to read keys from, a line.
  private func askAboutSwift() -> Bool {
    screen.console.write("Show the Swift side of the lessons too? [y/N] ")
    let yes: Bool
    if let key = screen.keys.readYesNoKey() {
      yes = key == .yes
      screen.console.write(yes ? "y\n" : "n\n")
    } else {
      guard case .line(let answer) = reader.readLine(prompt: "") else { return false }
      yes = ["y", "yes"].contains(answer.lowercased().trimmingWhitespace())
    }
    screen.say(
      yes ? "Showing the Swift side; 'swift off' hides it." : "Python only; 'swift on' shows the Swift side.", style: .dim)
    return yes
  }

  /// `swift on|off`: the lessons with or without their Swift side, from the current part on.
  private func setSwift(_ on: Bool?) {
    guard let on else {
      screen.say(showsSwift
        ? "The Swift side is shown. 'swift off' reads the lessons Python-only."
        : "Python only: Swift sections and snippets are hidden. 'swift on' shows them.")
      return
    }
    showsSwift = on
    keeper.progress.swift = on
    // The same lesson has fewer parts without its Swift section: stay inside it.
    position = ReadingPosition(lesson: position.lesson, part: min(position.part, parts.count - 1))
    save()
    screen.say(on ? "The Swift side is shown from here on." : "Python only from here on: Swift sections and snippets are hidden.")
  }

  private func restart() async {
    screen.console.write("Clear your progress and start over at lesson 1? [y/N] ")
    guard case .line(let answer) = reader.readLine(prompt: ""),
      ["y", "yes"].contains(answer.lowercased().trimmingWhitespace())
    else {
      screen.say("Kept your progress.")
      return
    }
    keeper.progress = Progress(
      current: catalog.lessons[0].id, speed: progress.speed, predict: progress.predict, swift: progress.swift)
    screen.say("Progress cleared.")
    await arrived(at: ReadingPosition(lesson: 0), newLesson: true)
  }

  func listLines() -> [StyledText] {
    let scores = Dictionary(uniqueKeysWithValues: catalog.lessons.compactMap { lesson in predictions.score(of: lesson).text.map { (lesson.id, $0) } })
    return LessonListing.lines(catalog, done: Set(progress.completed), current: lesson.id, scores: scores, width: screen.width)
  }

  /// Saves the progress with the part being read.
  func save() {
    keeper.progress.part = position.part + 1
    keeper.save()
  }
}
