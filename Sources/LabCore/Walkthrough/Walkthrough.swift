import Foundation
import LabTerminal

/// The guided walkthrough: one lesson at a time at a prompt, with commands to move around, run
/// the lesson's demo, see its code, and come back later to the same place.
///
/// Everything it touches goes through a protocol — the console, the line reader, the progress
/// store, the demo player — so a test can drive a whole session without a terminal.
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

    public init(speed: DemoSpeed? = nil, startLesson: String? = nil, lessonsDirectory: String? = nil) {
      self.speed = speed
      self.startLesson = startLesson
      self.lessonsDirectory = lessonsDirectory
    }
  }

  let catalog: LessonCatalog
  let registry: DemoRegistry
  let store: any ProgressStore
  let console: any Console
  let reader: any LineReader
  let player: any DemoPlaying
  /// Single keys at a long part's "more" marker.
  let keys: any KeyReading
  /// Runs the lessons' Python programs for `choice` predictions; nil when python3 is missing.
  let python: (any PythonProgramRunning)?
  /// `compare`, `trace`, `replay` and `step`; nil where they cannot run (they say so).
  let tools: (any WalkthroughTools)?
  /// The time answers are recorded at.
  let now: () -> Date
  let options: Options
  /// Called whenever the current lesson changes, so completion can offer its demo's parameters.
  public var onLessonChange: (Lesson) -> Void = { _ in }

  var progress: Progress
  private(set) var index = 0
  /// The part of the current lesson being read, from 0.
  private(set) var part = 0
  private var warnedAboutSaving = false
  /// False when the progress file belongs to a newer gatherlab: the session leaves it alone.
  private var canSave = true
  /// Lines written since the last prompt, so a part's first page fits below them.
  var shownSincePrompt = 0
  /// Whether the learner allowed `--lessons DIR`'s Python to run this session (asked once).
  var pythonAllowed: Bool?
  /// The last run's JSON Lines (a demo, a prediction's run, a compare), for `save`, `replay`, `step`.
  var lastRun: LastRun?

  public init(
    catalog: LessonCatalog,
    registry: DemoRegistry = .standard,
    store: any ProgressStore,
    console: any Console,
    reader: any LineReader,
    player: any DemoPlaying,
    keys: any KeyReading = ScriptedKeyReader(),
    python: (any PythonProgramRunning)? = nil,
    tools: (any WalkthroughTools)? = nil,
    now: @escaping () -> Date = Date.init,
    options: Options = Options()
  ) {
    self.catalog = catalog
    self.registry = registry
    self.store = store
    self.console = console
    self.reader = reader
    self.player = player
    self.keys = keys
    self.python = python
    self.tools = tools
    self.now = now
    self.options = options
    progress = Progress(current: catalog.lessons.first?.id ?? "")
  }

  var lesson: Lesson { catalog.lessons[index] }

  /// The current lesson's parts (`LessonParts`).
  var parts: [[MarkdownBlock]] {
    let parts = LessonParts.split(lesson.document.blocks)
    return parts.isEmpty ? [[]] : parts
  }

  /// A person at a terminal reads in parts; a piped script (either end not a terminal) gets each
  /// lesson whole, with nothing asked.
  var readsInParts: Bool { reader.isInteractive && console.capabilities.isTTY }

  /// The prompt: `gatherlab 5/13 results-order 2/4 › `, shorter on a terminal too narrow for it
  /// and a command (`gatherlab 5/13 2/4 › `, then `gatherlab 5/13 › `).
  public var prompt: String {
    let place = "gatherlab \(lesson.number)/\(catalog.count)"
    let partText = readsInParts ? " \(part + 1)/\(parts.count)" : ""
    let forms = [place + " " + lesson.id + partText + " › ", place + partText + " › ", place + " › "]
    return forms.first { $0.count + 8 <= width } ?? forms[forms.count - 1]
  }

  /// Runs the session until `quit`, Ctrl-D or the end of piped input.
  public func run() async {
    guard !catalog.lessons.isEmpty else {
      console.writeError("There are no lessons to show.")
      return
    }
    await start()
    var interrupted = false
    while true {
      shownSincePrompt = 0
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
        if !reader.isInteractive { console.writeLine() }
        switch parsed {
        case .failure(let error): say(error.description)
        case .success(let command): await handle(command)
        }
      }
    }
  }

  // MARK: - Starting and finishing

  func start() async {
    let loaded = store.load()
    let saved = loaded.progress
    canSave = loaded.canSave
    if let warning = loaded.warning { console.writeError("Warning: " + warning) }
    if let saved {
      progress = saved
      progress.completed = saved.completed.filter { catalog.lesson(id: $0) != nil }
    }
    if let speed = options.speed { progress.speed = speed.value }
    if let startLesson = options.startLesson, let lesson = try? catalog.lesson(matching: startLesson) {
      index = catalog.index(of: lesson) ?? 0
    } else if let saved, let lesson = catalog.lesson(id: saved.current) {
      index = catalog.index(of: lesson) ?? 0
      if readsInParts { part = min(max(saved.part - 1, 0), parts.count - 1) }
      if index > 0 || part > 0 || !saved.completed.isEmpty {
        let partText = readsInParts && part > 0 ? ", part \(part + 1)/\(parts.count)" : ""
        say("Resuming at \(lesson.number)/\(catalog.count) \(lesson.id)\(partText); 'restart' starts over.", style: .dim)
      }
    } else if let saved {
      say("Your saved lesson '\(saved.current)' is not in this course any more; starting at lesson 1.", style: .dim)
    } else {
      say("Welcome to gatherlab: \(catalog.count) short lessons on asyncio.gather() and structured concurrency.", style: .bold)
      say(
        readsInParts
          ? "Type 'help' for the commands; an empty line reads on."
          : "Type 'help' for the commands; an empty line goes to the next lesson.",
        style: .dim
      )
    }
    emit([StyledText()])
    await moved(toPart: part)
  }

  func finish() {
    save()
    if reader.isInteractive, canSave {
      console.writeLine()
      say("Progress saved. Run gatherlab again to continue at \(lesson.number)/\(catalog.count) \(lesson.id).", style: .dim)
    }
  }

  // MARK: - Commands

  func handle(_ command: WalkthroughCommand) async {
    switch command {
    case .readOn:
      if readsInParts, part + 1 < parts.count {
        part += 1
        await arrived(atPart: part)
      } else {
        await goToNextLesson()
      }
    case .next:
      await goToNextLesson()
    case .back:
      if readsInParts, part > 0 {
        part -= 1
        await showPart(asking: false)
        save()
      } else if index > 0 {
        index -= 1
        await moved(toPart: readsInParts ? parts.count - 1 : 0, asking: false)
      } else {
        say(readsInParts ? "This is the start of the course." : "This is the first lesson.")
      }
    case .list:
      emit(listLines())
    case .goto(let query):
      do {
        let target = try catalog.lesson(matching: query)
        index = catalog.index(of: target) ?? index
        await moved(toPart: 0)
      } catch {
        say(error.description)
      }
    case .show(let all):
      if all || !readsInParts { showWholeLesson() } else { await showPart(asking: false) }
    case .run(let demo, let arguments):
      await runDemo(named: demo, arguments: arguments)
    case .compare(let demo, let arguments):
      await compare(named: demo, arguments: arguments)
    case .trace(let number):
      await trace(number)
    case .save(let path):
      saveLastRun(to: path)
    case .replay:
      await replayLastRun(stepping: false)
    case .step:
      await replayLastRun(stepping: true)
    case .demos:
      emit([StyledText("Demos", style: .bold)] + DemoListing.lines(registry, width: width))
    case .code(let name, let all):
      showCode(named: name, all: all)
    case .speed(let text):
      setSpeed(text)
    case .review:
      await review()
    case .predict(let on):
      setPredict(on)
    case .restart:
      await restart()
    case .help:
      emit(helpLines())
    case .quit:
      finish()
    }
  }

  private func goToNextLesson() async {
    markDone()
    guard index + 1 < catalog.count else {
      save()
      endOfCourse()
      return
    }
    index += 1
    await moved(toPart: 0)
  }

  /// The learner is at a new lesson: remember it, tell completion, and show where they are.
  private func moved(toPart newPart: Int, asking: Bool = true) async {
    part = newPart
    onLessonChange(lesson)
    await arrived(atPart: part, asking: asking)
  }

  /// Shows what reading has reached: the part (on a terminal) or the whole lesson (piped).
  private func arrived(atPart newPart: Int, asking: Bool = true) async {
    part = newPart
    progress.current = lesson.id
    save()
    if readsInParts { await showPart(asking: asking) } else { showWholeLesson() }
  }

  private func markDone() {
    if !progress.completed.contains(lesson.id) { progress.completed.append(lesson.id) }
  }

  var renderer: LessonRenderer { LessonRenderer(width: width, color: console.capabilities.color) }

  /// The whole lesson and what to do next, as piped sessions and `show all` print it.
  private func showWholeLesson() {
    emit(renderer.lines(for: lesson, total: catalog.count) + [StyledText()] + hintLines())
  }

  /// The current part, a screen at a time; the last part ends with what to do next. When
  /// `asking`, a prediction in it is asked where it stands (unless predictions are off).
  private func showPart(asking: Bool) async {
    let blocks = parts[part]
    // A part read on starts below the prompt that asked for it, a line apart.
    if shownSincePrompt == 0 { emit([StyledText()]) }
    let predictions = asking && progress.predict ? PredictionParser.predictions(in: lesson).predictions : []
    var pending: [MarkdownBlock] = []
    var opening = part == 0
    var lines: [StyledText] = []
    for block in blocks {
      // A question answered before (in an earlier session, or before going back) prints as
      // printed questions do, with the answer given; 'review' is the way to be asked again.
      guard LessonParts.isPrediction(block), let prediction = predictions.first(where: { $0.line == block.line }),
        progress.predictions[prediction.key(lesson: lesson)] == nil
      else {
        pending.append(block)
        continue
      }
      if !pending.isEmpty || opening {
        page(renderer.lines(for: lesson, blocks: pending, total: catalog.count, opening: opening, answers: progress.predictions) + [StyledText()])
      }
      pending = []
      opening = false
      await ask(prediction, in: lesson)
      emit([StyledText()])
    }
    if !pending.isEmpty || opening {
      lines = renderer.lines(for: lesson, blocks: pending, total: catalog.count, opening: opening, answers: progress.predictions)
    }
    if part + 1 == parts.count { lines += (lines.isEmpty ? [] : [StyledText()]) + hintLines() }
    page(lines)
  }

  /// Writes `lines`, stopping at a "more" marker whenever the screen is full.
  func page(_ lines: [StyledText]) {
    let pages = Pager(rows: rows).pages(of: lines, alreadyShown: shownSincePrompt)
    for (number, page) in pages.enumerated() {
      emit(page)
      guard number + 1 < pages.count else { break }
      let marker = ["── more: Enter or space reads on, q stops ──", "── more: Enter, q stops ──", "── more ──"]
        .first { DisplayWidth.of($0) < width } ?? "more"
      console.write(StyledText(marker, style: .dim).rendered(color: console.capabilities.color))
      let key = keys.readPagerKey()
      // The marker gives its row to what follows.
      console.write(console.capabilities.cursorMovement ? "\r\u{1B}[2K" : "\n")
      shownSincePrompt = 0
      if key == .stop { break }
    }
  }

  private func hintLines() -> [StyledText] {
    var hints: [String] = []
    if let demo = lesson.demo {
      hints.append("'run' runs \(demo)" + (lesson.params.isEmpty ? "" : " " + lesson.params.map { "\($0.name)=\($0.value)" }.joined(separator: " ")))
      hints.append("'code' shows its source")
    }
    hints.append(index + 1 < catalog.count ? "Enter goes on to lesson \(index + 2)" : "this is the last lesson")
    return TextWrapper.wrap("▸ " + hints.joined(separator: " · "), width: width - 1, indent: 2).map { StyledText($0, style: .dim) }
  }

  private func endOfCourse() {
    let done = catalog.lessons.filter { progress.completed.contains($0.id) }.count
    emit([
      StyledText("You have reached the end of the course (\(done)/\(catalog.count) lessons done).", style: .bold),
      StyledText("Things to try next:"),
      StyledText("  run error-cancel mode=gather delays=1,4   orphans that outlive the error by seconds"),
      StyledText("  run semaphore tasks=40 limit=8 mode=window   a sliding window at work"),
      StyledText("  run timeout delays=2,4,6 timeout=3   which results a deadline throws away"),
      StyledText("  goto 1 to read it again, or 'restart' to clear your progress.", style: .dim),
    ] + (predictionSummary().isEmpty ? [] : [StyledText()] + predictionSummary()))
  }

  /// Runs a demo through the player — the one place the walkthrough plays one — and returns its
  /// run, or nil (with the reason said) when the name or the arguments are wrong. The lesson's
  /// own `params` apply to its own demo unless `lessonParameters` is false (a prediction's `run`
  /// says everything its run needs).
  @discardableResult
  func runDemo(named name: String?, arguments: [String], lessonParameters: Bool = true) async -> DemoRun? {
    do {
      let launch = try DemoLaunch(
        demo: name ?? lesson.demo, arguments: arguments, lesson: lessonParameters ? lesson : nil,
        speed: progress.speed, registry: registry
      )
      let lines = RunLineBuffer()
      let run = await player.playRun(launch.demo, parameters: launch.parameters, speed: launch.speed, recorder: lines)
      remember(["run", launch.demo.id] + arguments, lines)
      return run
    } catch {
      say(error.description)
      return nil
    }
  }

  /// The demo's Python twin first (the course teaches Python), then the Swift code that gathers;
  /// `all` shows the whole Swift file instead.
  private func showCode(named name: String?, all: Bool = false) {
    guard let demoID = name ?? lesson.demo else {
      say("This lesson has no demo of its own. Name one: code \(registry.ids.joined(separator: " | ")).")
      return
    }
    do {
      let demo = try registry.demo(named: demoID)
      var lines: [StyledText] = []
      let color = console.capabilities.color
      if let python = demo.pythonSource {
        lines.append(StyledText("Python · \(demo.pythonFile) (the same program with asyncio)", style: .bold))
        lines.append(StyledText())
        lines += codeLines(python, language: "python", color: color)
      }
      if let swift = all ? demo.swiftSource : demo.swiftConcurrencyCode {
        if !lines.isEmpty { lines.append(StyledText()) }
        let part = all ? "the whole file" : "the concurrency code; 'code \(demo.id) --all' shows the whole file"
        lines.append(StyledText("Swift · Sources/LabCore/Demos/\(demo.sourceFile) (\(part))", style: .bold))
        lines.append(StyledText())
        lines += codeLines(swift, language: "swift", color: color)
      }
      emit(lines)
    } catch {
      say(error.description)
    }
  }

  /// The code in the lessons' code box, long lines continued on `↪` lines rather than cut.
  private func codeLines(_ code: String, language: String, color: Bool) -> [StyledText] {
    let text = code.hasSuffix("\n") ? String(code.dropLast()) : code
    let block = MarkdownBlock(.codeBlock(info: language, code: text, fenced: true), line: 1)
    return MarkdownRenderer(width: width, color: color).lines(for: MarkdownDocument(blocks: [block]))
  }

  private func setSpeed(_ text: String?) {
    guard let text else {
      say("Demos run at speed \(DemoParameter.format(progress.speed))×. 'speed 10' runs them ten times faster; reported times stay in nominal seconds.")
      return
    }
    let speed: DemoSpeed
    do {
      speed = try DemoSpeed(parsing: text)
    } catch {
      say(error.description)
      return
    }
    progress.speed = speed.value
    save()
    say("Demos will run at speed \(speed)×.")
  }

  private func setPredict(_ on: Bool?) {
    guard let on else {
      say(progress.predict
        ? "Predictions are on: reading a question asks it. 'predict off' only prints them."
        : "Predictions are off: questions are printed, not asked. 'predict on' asks them.")
      return
    }
    progress.predict = on
    save()
    say(on ? "Predictions are on: reading a question asks it before its run." : "Predictions are off: they are printed with the lesson, not asked.")
  }

  private func restart() async {
    console.write("Clear your progress and start over at lesson 1? [y/N] ")
    guard case .line(let answer) = reader.readLine(prompt: ""),
      ["y", "yes"].contains(answer.lowercased().trimmingWhitespace())
    else {
      say("Kept your progress.")
      return
    }
    progress = Progress(current: catalog.lessons[0].id, speed: progress.speed, predict: progress.predict)
    index = 0
    say("Progress cleared.")
    await moved(toPart: 0)
  }

  // MARK: - Output

  var width: Int { min(max(console.currentSize()?.columns ?? console.capabilities.width, 20), 100) }

  var rows: Int { console.currentSize()?.rows ?? console.capabilities.height ?? 24 }

  func say(_ text: String, style: TextStyle = .plain) {
    emit(TextWrapper.wrap(text, width: width - 1).map { StyledText($0, style: style) })
  }

  /// Writes lines, counting them against the screen the next part must fit on.
  func emit(_ lines: [StyledText]) {
    console.writeLines(lines)
    shownSincePrompt += lines.count
  }

  func listLines() -> [StyledText] {
    let scores = Dictionary(uniqueKeysWithValues: catalog.lessons.compactMap { lesson in score(of: lesson).text.map { (lesson.id, $0) } })
    return LessonListing.lines(catalog, done: Set(progress.completed), current: lesson.id, scores: scores, width: width)
  }

  func helpLines() -> [StyledText] {
    let names = WalkthroughCommand.Name.allCases
    let forms = names.map { name in
      name.words.joined(separator: ", ") + (name.entry.arguments.form.isEmpty ? "" : " " + name.entry.arguments.form)
    }
    let formWidth = min((forms.map(\.count).max() ?? 0) + 2, 30)
    var lines = [StyledText("Commands", style: .bold)]
    for (entry, form) in zip(names.map(\.entry), forms) {
      let padded = form.count < formWidth ? form + String(repeating: " ", count: formWidth - form.count) : form + "  "
      for (offset, part) in TextWrapper.wrap(entry.help, width: max(20, width - 3 - formWidth)).enumerated() {
        lines.append(
          offset == 0 ? StyledText("  ") + StyledText(padded, style: .color(.cyan)) + StyledText(part)
            : StyledText(String(repeating: " ", count: 2 + formWidth) + part)
        )
      }
    }
    let tip = "An empty line reads on. Tab completes commands, lesson ids, demos and parameters. Ctrl-C stops a run."
    lines += TextWrapper.wrap(tip, width: width - 1).map { StyledText($0, style: .dim) }
    return lines
  }

  // MARK: - Progress

  func save() {
    progress.part = part + 1
    guard canSave, let warning = store.save(progress) else { return }
    if !warnedAboutSaving {
      console.writeError("Warning: " + warning)
      warnedAboutSaving = true
    }
  }
}
