import ArgumentParser
import Foundation
import LabCore
import LabTerminal

struct CheckCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "check"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Check your solution to an exercise by how it ran.",
    discussion: """
      Runs FILE (default: your file for the exercise in the workspace) under python3 with the \
      tracer, on virtual time, and checks how it ran: how long main() took, how many tasks ran \
      or existed at once, what was cancelled, what was left pending, what it printed. One line \
      per check; for a failure, the run's timeline with the rows that break it marked ▶, and a \
      hint. Exits 0 when every check holds, 1 when one fails. The program gets no input.

      On virtual time (the default) sleeps take no time and instants are exact; a program is \
      stopped when its clock passes 60 s, or after 10 s of real time. An exercise with \
      'schedules: N' (or --schedules N) is run again on seeds 1 to N, each firing timers in a \
      perturbed order, once the unperturbed run passes: every check must hold on each, and a \
      failure names the seed that breaks it (--seed K replays it). --clock real runs the \
      program once on the wall clock, stopped after 10 s.

      Examples:
        gatherlab check checkout-receipt
        gatherlab check 5 my_checkout.py
        gatherlab check report-order --schedules 50
        gatherlab check report-order --seed 7
        gatherlab check fetch-together --json
      """
  )

  @Argument(help: ArgumentHelp("The exercise (id or number).", valueName: "exercise"), completion: .custom(exerciseCompletions))
  var exercise: String

  @Argument(help: ArgumentHelp("The Python file to check (default: the workspace's file for the exercise).", valueName: "file.py"), completion: .file(extensions: ["py"]))
  var file: String?

  @Option(help: ArgumentHelp("virtual (default) or real: on virtual time the event loop jumps to its next timer whenever it would wait with nothing real pending.", valueName: "clock"))
  var clock: ClockOptions.Kind?

  @Option(parsing: .unconditional, help: ArgumentHelp("Run only seed N's schedule (timers perturbed by seed N), to replay a failure.", valueName: "N"))
  var seed: Int?

  @Option(parsing: .unconditional, help: ArgumentHelp("Also run seeds 1 to N (default: the exercise's 'schedules:'); every check must hold on each.", valueName: "N"))
  var schedules: Int?

  @Flag(help: "Print each check's name, verdict, measured value and bound, the schedules run and the first failing seed as one JSON object.")
  var json = false

  @OptionGroup var exerciseOptions: ExerciseOptions
  @OptionGroup var pythonOptions: PythonOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if let schedules, !(1...1000).contains(schedules) { throw ValidationError("--schedules must be from 1 to 1000, got \(schedules).") }
    if let seed, seed < 0 { throw ValidationError("--seed takes a whole number 0 or more, not \(seed).") }
    if seed != nil, clock == .real { throw ValidationError("--seed perturbs virtual time: leave out --clock real.") }
    if seed != nil, schedules != nil { throw ValidationError("--seed replays one schedule: leave out --schedules.") }
  }

  /// How a check runs: its clock, the schedules asked for instead of the exercise's, and how to
  /// name the command that replays a seed.
  struct Settings {
    var clock: PythonClock = .virtual(seed: 0)
    var schedules: Int?
    /// The FILE the command was given (nil: the workspace's), for the replay commands.
    var fileArgument: String?
  }

  func run() async throws {
    let catalog = try ExerciseOptions.catalog()
    let exercise = try ExerciseOptions.exercise(self.exercise, in: catalog)
    let path = file ?? exerciseOptions.resolvedWorkspace.path(for: exercise)
    let console = StandardConsole(capabilities: output.capabilities())
    let settings = Settings(
      clock: clock == .real ? .real : .virtual(seed: seed ?? 0), schedules: schedules, fileArgument: file
    )
    let passed = try await Self.check(
      exercise, path: path, catalog: catalog, interpreter: try pythonOptions.interpreter(), console: console, json: json, settings: settings
    ) { passed, _ in ExerciseProgress.record(exercise.id, passed: passed).attempts }
    if !passed { throw ExitCode(1) }
  }

  /// Checks `path`, prints the report, records the attempt with `record` (given whether every
  /// check held and the names of those that failed; it returns the number of checks so far: the
  /// hint shown); true when every check held.
  static func check(
    _ exercise: Exercise, path: String, catalog: ExerciseCatalog, interpreter: PythonInterpreter,
    console: any Console, json: Bool, settings: Settings = Settings(), record: (_ passed: Bool, _ failed: [String]) -> Int
  ) async throws -> Bool {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      StandardError.error("'\(path)' is a directory: name the exercise's Python file.")
      throw ExitCode(66)
    }
    guard FileManager.default.isReadableFile(atPath: path) else {
      let hint = FileManager.default.fileExists(atPath: path) ? "" : " Start the exercise with 'gatherlab exercise \(exercise.id)', which writes it."
      StandardError.error("Cannot read '\(path)'." + hint)
      throw ExitCode(66)
    }
    let checked: ExerciseChecking.Checked
    do {
      checked = try await ExerciseChecking(interpreter: interpreter, clock: settings.clock, schedules: settings.schedules).check(exercise, file: path)
    } catch {
      throw PythonOptions.exit(for: error)
    }
    let attempts = record(checked.passed, checked.results.filter { !$0.passed }.map(\.name))
    let file = path.split(separator: "/").last.map(String.init) ?? path
    let replay = checked.passed || checked.traced.clock.seed == 0 ? nil : replayCommands(exercise, path: path, settings: settings, seed: checked.traced.clock.seed)
    if json {
      console.writeLine(ExerciseReport.json(exercise, file: path, checked: checked, replay: replay?.check).text)
      return checked.passed
    }
    console.writeLines(report(
      exercise, file: file, checked: checked, hintNumber: attempts, catalog: catalog, replay: replay, width: min(console.capabilities.width, 100),
      color: console.capabilities.color
    ))
    return checked.passed
  }

  /// The whole report: heading, verdicts, and for a failure the marked timeline, the program's
  /// traceback and the next hint.
  static func report(
    _ exercise: Exercise, file: String, checked: ExerciseChecking.Checked, hintNumber: Int, catalog: ExerciseCatalog,
    replay: (check: String, trace: String)? = nil, width: Int, color: Bool = false
  ) -> [StyledText] {
    var lines = TextWrapper.wrap(ExerciseReport.heading(exercise, file: file), width: width) + ExerciseReport.verdicts(checked.results, width: width)
    lines += ExerciseReport.scheduleNote(checked.schedules, seed: checked.traced.clock.seed, width: width)
    if !checked.passed {
      if !checked.traced.facts.tasks.isEmpty {
        lines += [StyledText()] + checked.traced.timeline(marking: checked.worst, title: "check · " + file, width: width)
        let picture = checked.traced.awaitPicture(width: width)
        if !picture.isEmpty { lines += [StyledText()] + picture }
      }
      if let replay, checked.traced.clock.seed > 0 {
        lines += [StyledText()] + ExerciseReport.replay(seed: checked.traced.clock.seed, check: replay.check, trace: replay.trace, width: width)
      }
      let errorLines = checked.traced.facts.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if checked.traced.facts.uncaughtException != nil || checked.traced.facts.syntaxError != nil {
        lines += [StyledText()] + errorLines.suffix(12).filter { !$0.isEmpty }.map { StyledText($0, style: .dim) }
      }
    }
    let next = catalog.exercises.first { $0.number > exercise.number }
    return lines + [StyledText()] + ExerciseReport.closing(exercise, results: checked.results, hintNumber: hintNumber, next: next, width: width, color: color)
  }

  /// The commands that replay the failing run's seed: `gatherlab check ID [FILE] --seed K` and
  /// `gatherlab trace FILE --clock virtual --seed K`.
  static func replayCommands(_ exercise: Exercise, path: String, settings: Settings, seed: Int) -> (check: String, trace: String) {
    let words = ["gatherlab", "check", exercise.id] + (settings.fileArgument.map { [$0] } ?? []) + ["--seed", String(seed)]
    return (words.map(ScheduleExploration.shellWord).joined(separator: " "), ScheduleExploration.replayCommand(file: path, arguments: [], seed: seed))
  }
}
