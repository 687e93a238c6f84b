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
      tracer, and checks how it ran: how long main() took, how many tasks ran or existed at \
      once, what was cancelled, what was left pending, what it printed. One line per check; \
      for a failure, the run's timeline with the rows that break it marked ▶, and a hint. \
      Exits 0 when every check holds, 1 when one fails. The program gets no input, and is \
      stopped after 10 s.

      Examples:
        gatherlab check checkout-receipt
        gatherlab check 5 my_checkout.py
        gatherlab check fetch-together --json
      """
  )

  @Argument(help: ArgumentHelp("The exercise (id or number).", valueName: "exercise"), completion: .custom(exerciseCompletions))
  var exercise: String

  @Argument(help: ArgumentHelp("The Python file to check (default: the workspace's file for the exercise).", valueName: "file.py"), completion: .file(extensions: ["py"]))
  var file: String?

  @Option(help: ArgumentHelp("Run on N perturbed schedules (needs virtual time; on the real clock it runs once).", valueName: "N"))
  var schedules: Int?

  @Flag(help: "Print each check's name, verdict, measured value and bound as one JSON object.")
  var json = false

  @OptionGroup var exerciseOptions: ExerciseOptions
  @OptionGroup var pythonOptions: PythonOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if let schedules, !(1...1000).contains(schedules) { throw ValidationError("--schedules must be from 1 to 1000, got \(schedules).") }
  }

  func run() async throws {
    let catalog = try ExerciseOptions.catalog()
    let exercise = try ExerciseOptions.exercise(self.exercise, in: catalog)
    let path = file ?? exerciseOptions.resolvedWorkspace.path(for: exercise)
    let console = StandardConsole(capabilities: output.capabilities())
    let passed = try await Self.check(
      exercise, path: path, catalog: catalog, interpreter: try pythonOptions.interpreter(), console: console, json: json
    ) { ExerciseProgress.record(exercise.id, passed: $0).attempts }
    if !passed { throw ExitCode(1) }
  }

  /// Checks `path`, prints the report, records the attempt with `record` (which returns the
  /// number of checks so far: the hint shown); true when every check held.
  static func check(
    _ exercise: Exercise, path: String, catalog: ExerciseCatalog, interpreter: PythonInterpreter,
    console: any Console, json: Bool, record: (Bool) -> Int
  ) async throws -> Bool {
    guard FileManager.default.isReadableFile(atPath: path) else {
      let hint = FileManager.default.fileExists(atPath: path) ? "" : " Start the exercise with 'gatherlab exercise \(exercise.id)', which writes it."
      StandardError.error("Cannot read '\(path)'." + hint)
      throw ExitCode(66)
    }
    let checked: ExerciseChecking.Checked
    do {
      checked = try await ExerciseChecking(interpreter: interpreter).check(exercise, file: path)
    } catch {
      throw PythonOptions.exit(for: error)
    }
    let attempts = record(checked.passed)
    let file = path.split(separator: "/").last.map(String.init) ?? path
    if json {
      console.writeLine(ExerciseReport.json(exercise, file: path, results: checked.results, runtime: checked.traced.runtime, schedules: checked.schedules).text)
      return checked.passed
    }
    console.writeLines(report(exercise, file: file, checked: checked, hintNumber: attempts, catalog: catalog, width: min(console.capabilities.width, 100)))
    return checked.passed
  }

  /// The whole report: heading, verdicts, and for a failure the marked timeline, the program's
  /// traceback and the next hint.
  static func report(_ exercise: Exercise, file: String, checked: ExerciseChecking.Checked, hintNumber: Int, catalog: ExerciseCatalog, width: Int) -> [StyledText] {
    var lines = [ExerciseReport.heading(exercise, file: file)] + ExerciseReport.verdicts(checked.results, width: width)
    if !checked.passed {
      if !checked.traced.facts.tasks.isEmpty {
        lines += [StyledText()] + checked.traced.timeline(marking: checked.worst, title: "check · " + file, width: width)
      }
      let errorLines = checked.traced.facts.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if checked.traced.facts.uncaughtException != nil || checked.traced.facts.syntaxError != nil {
        lines += [StyledText()] + errorLines.suffix(12).filter { !$0.isEmpty }.map { StyledText($0, style: .dim) }
      }
    }
    let next = catalog.exercises.first { $0.number > exercise.number }
    return lines + [StyledText()] + ExerciseReport.closing(exercise, results: checked.results, hintNumber: hintNumber, next: next, width: width)
  }
}
