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
    public var speed: Double?
    /// `--from`: the lesson to start at instead of where the learner left off.
    public var startLesson: String?

    public init(speed: Double? = nil, startLesson: String? = nil) {
      self.speed = speed
      self.startLesson = startLesson
    }
  }

  let catalog: LessonCatalog
  let registry: DemoRegistry
  let store: any ProgressStore
  let console: any Console
  let reader: any LineReader
  let player: any DemoPlaying
  let options: Options
  /// Called whenever the current lesson changes, so completion can offer its demo's parameters.
  public var onLessonChange: (Lesson) -> Void = { _ in }

  private(set) var progress: Progress
  private(set) var index = 0
  private var warnedAboutSaving = false

  public init(
    catalog: LessonCatalog,
    registry: DemoRegistry = .standard,
    store: any ProgressStore,
    console: any Console,
    reader: any LineReader,
    player: any DemoPlaying,
    options: Options = Options()
  ) {
    self.catalog = catalog
    self.registry = registry
    self.store = store
    self.console = console
    self.reader = reader
    self.player = player
    self.options = options
    progress = Progress(current: catalog.lessons.first?.id ?? "")
  }

  var lesson: Lesson { catalog.lessons[index] }

  /// The prompt: `gatherlab 5/13 results-order › `, or `gatherlab 5/13 › ` on a terminal too
  /// narrow for the id and a command.
  public var prompt: String {
    let full = "gatherlab \(lesson.number)/\(catalog.count) \(lesson.id) › "
    return full.count + 8 <= width ? full : "gatherlab \(lesson.number)/\(catalog.count) › "
  }

  /// Runs the session until `quit`, Ctrl-D or the end of piped input.
  public func run() async {
    guard !catalog.lessons.isEmpty else {
      console.writeError("There are no lessons to show.")
      return
    }
    start()
    while true {
      switch reader.readLine(prompt: prompt) {
      case .endOfInput:
        finish()
        return
      case .interrupted:
        continue
      case .line(let text):
        reader.remember(text)
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

  func start() {
    let (saved, warning) = store.load()
    if let warning { console.writeError("Warning: " + warning) }
    if let saved {
      progress = saved
      progress.completed = saved.completed.filter { catalog.lesson(id: $0) != nil }
    }
    if let speed = options.speed { progress.speed = speed }
    if let startLesson = options.startLesson, let lesson = try? catalog.lesson(matching: startLesson) {
      index = catalog.index(of: lesson) ?? 0
    } else if let saved, let lesson = catalog.lesson(id: saved.current) {
      index = catalog.index(of: lesson) ?? 0
      if index > 0 || !saved.completed.isEmpty {
        say("Resuming at \(lesson.number)/\(catalog.count) \(lesson.id); 'restart' starts over.", style: .dim)
      }
    } else if saved != nil {
      say("Your saved lesson '\(saved!.current)' is not in this course any more; starting at lesson 1.", style: .dim)
    } else {
      say("Welcome to gatherlab: \(catalog.count) short lessons on asyncio.gather() and structured concurrency.", style: .bold)
      say("Type 'help' for the commands; an empty line goes to the next lesson.", style: .dim)
    }
    console.writeLine()
    moved()
  }

  func finish() {
    save()
    if reader.isInteractive {
      console.writeLine()
      say("Progress saved. Run gatherlab again to continue at \(lesson.number)/\(catalog.count) \(lesson.id).", style: .dim)
    }
  }

  // MARK: - Commands

  func handle(_ command: WalkthroughCommand) async {
    switch command {
    case .next:
      markDone()
      guard index + 1 < catalog.count else {
        save()
        endOfCourse()
        return
      }
      index += 1
      moved()
    case .back:
      guard index > 0 else {
        say("This is the first lesson.")
        return
      }
      index -= 1
      moved()
    case .list:
      console.writeLines(listLines())
    case .goto(let query):
      do {
        let target = try catalog.lesson(matching: query)
        index = catalog.index(of: target) ?? index
        moved()
      } catch {
        say(error.description)
      }
    case .show:
      showLesson()
    case .run(let demo, let arguments):
      await runDemo(named: demo, arguments: arguments)
    case .demos:
      console.writeLines([StyledText("Demos", style: .bold)] + DemoListing.lines(registry, width: width))
    case .code(let name, let all):
      showCode(named: name, all: all)
    case .speed(let text):
      setSpeed(text)
    case .restart:
      restart()
    case .help:
      console.writeLines(helpLines())
    case .quit:
      finish()
    }
  }

  private func moved() {
    progress.current = lesson.id
    save()
    onLessonChange(lesson)
    showLesson()
  }

  private func markDone() {
    if !progress.completed.contains(lesson.id) { progress.completed.append(lesson.id) }
  }

  private func showLesson() {
    let renderer = LessonRenderer(width: width, color: console.capabilities.color)
    var lines = renderer.lines(for: lesson, total: catalog.count)
    lines.append(StyledText())
    var hints: [String] = []
    if let demo = lesson.demo {
      hints.append("'run' runs \(demo)" + (lesson.params.isEmpty ? "" : " " + lesson.params.map { "\($0.name)=\($0.value)" }.joined(separator: " ")))
      hints.append("'code' shows its source")
    }
    hints.append(index + 1 < catalog.count ? "Enter goes on to lesson \(index + 2)" : "this is the last lesson")
    lines += TextWrapper.wrap("▸ " + hints.joined(separator: " · "), width: width - 1, indent: 2).map { StyledText($0, style: .dim) }
    console.writeLines(lines)
  }

  private func endOfCourse() {
    let done = catalog.lessons.filter { progress.completed.contains($0.id) }.count
    console.writeLines([
      StyledText("You have reached the end of the course (\(done)/\(catalog.count) lessons done).", style: .bold),
      StyledText("Things to try next:"),
      StyledText("  run error-cancel mode=gather delays=1,4   orphans that outlive the error by seconds"),
      StyledText("  run semaphore tasks=40 limit=8 mode=window   a sliding window at work"),
      StyledText("  run timeout delays=2,4,6 timeout=3   which results a deadline throws away"),
      StyledText("  goto 1 to read it again, or 'restart' to clear your progress.", style: .dim),
    ])
  }

  private func runDemo(named name: String?, arguments: [String]) async {
    let demoID = name ?? lesson.demo
    guard let demoID else {
      say("This lesson has no demo of its own. Name one: run \(registry.ids.joined(separator: " | ")) ('demos' lists them).")
      return
    }
    do {
      let demo = try registry.demo(named: demoID)
      let pairs = try DemoParameters.pairs(from: arguments, demo: demo.id, valid: demo.parameterNames)
      let lessonLayer = demo.id == lesson.demo ? lesson.params : []
      let parameters = try demo.resolve([lessonLayer, pairs])
      _ = await player.play(demo, parameters: parameters, speed: progress.speed)
    } catch {
      say(String(describing: error))
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
      console.writeLines(lines)
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
    guard let speed = Double(text.hasSuffix("x") || text.hasSuffix("×") ? String(text.dropLast()) : text),
      speed.isFinite, (0.1...100).contains(speed)
    else {
      say("Speed must be a number from 0.1 to 100, got '\(text)'.")
      return
    }
    progress.speed = speed
    save()
    say("Demos will run at speed \(DemoParameter.format(speed))×.")
  }

  private func restart() {
    console.write("Clear your progress and start over at lesson 1? [y/N] ")
    guard case .line(let answer) = reader.readLine(prompt: ""),
      ["y", "yes"].contains(answer.lowercased().trimmingWhitespace())
    else {
      say("Kept your progress.")
      return
    }
    progress = Progress(current: catalog.lessons[0].id, speed: progress.speed)
    index = 0
    say("Progress cleared.")
    moved()
  }

  // MARK: - Output

  var width: Int { min(max(console.currentSize()?.columns ?? console.capabilities.width, 20), 100) }

  private func say(_ text: String, style: TextStyle = .plain) {
    console.writeLines(TextWrapper.wrap(text, width: width - 1).map { StyledText($0, style: style) })
  }

  func listLines() -> [StyledText] {
    LessonListing.lines(catalog, done: Set(progress.completed), current: lesson.id, width: width)
  }

  func helpLines() -> [StyledText] {
    let forms = WalkthroughCommand.table.map { entry in
      ([entry.name] + entry.aliases).joined(separator: ", ") + (entry.arguments.isEmpty ? "" : " " + entry.arguments)
    }
    let formWidth = min((forms.map(\.count).max() ?? 0) + 2, 30)
    var lines = [StyledText("Commands", style: .bold)]
    for (entry, form) in zip(WalkthroughCommand.table, forms) {
      let padded = form.count < formWidth ? form + String(repeating: " ", count: formWidth - form.count) : form + "  "
      for (offset, part) in TextWrapper.wrap(entry.help, width: max(20, width - 3 - formWidth)).enumerated() {
        lines.append(
          offset == 0 ? StyledText("  ") + StyledText(padded, style: .color(.cyan)) + StyledText(part)
            : StyledText(String(repeating: " ", count: 2 + formWidth) + part)
        )
      }
    }
    let tip = "Tab completes commands, lesson ids, demos and parameters. Ctrl-C stops a demo."
    lines += TextWrapper.wrap(tip, width: width - 1).map { StyledText($0, style: .dim) }
    return lines
  }

  // MARK: - Progress

  private func save() {
    guard let warning = store.save(progress) else { return }
    if !warnedAboutSaving {
      console.writeError("Warning: " + warning)
      warnedAboutSaving = true
    }
  }
}
