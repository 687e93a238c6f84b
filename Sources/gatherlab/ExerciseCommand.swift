import ArgumentParser
import Foundation
import LabCore
import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

struct ExerciseCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "exercise"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Work on an exercise: your file is checked again every time you save it.",
    discussion: """
      Writes the exercise's starter into the workspace (only if your file is not there yet), \
      prints its path and the task, checks it, and watches it: every save checks it again. \
      Keys: h the next hint, s the solution, r reset the file to the starter (asks first), \
      n the next exercise once this one passes, q quit. Not on a terminal it checks once and \
      exits as 'gatherlab check' does. Without ID, the first exercise not yet passed. Checks \
      run on virtual time, with the exercise's schedules, as 'gatherlab check' runs them; \
      --clock real runs each check once on the wall clock.

      Examples:
        gatherlab exercise
        gatherlab exercise checkout-receipt
        gatherlab exercise 5 --workspace ~/asyncio-practice
      """
  )

  @Argument(help: ArgumentHelp("The exercise (id or number; default: the first not yet passed).", valueName: "exercise"), completion: .custom(exerciseCompletions))
  var exercise: String?

  @Option(help: ArgumentHelp("virtual (default) or real: the clock each check runs your program on.", valueName: "clock"))
  var clock: ClockOptions.Kind?

  @OptionGroup var exerciseOptions: ExerciseOptions
  @OptionGroup var pythonOptions: PythonOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    let catalog = try ExerciseOptions.catalog()
    var current: Exercise
    if let exercise {
      current = try ExerciseOptions.exercise(exercise, in: catalog)
    } else {
      let records = ExerciseProgress.records()
      guard let first = catalog.exercises.first(where: { records[$0.id]?.passed != true }) ?? catalog.exercises.first else {
        throw UsageError("There are no exercises in this build.")
      }
      current = first
    }
    let interpreter = try pythonOptions.interpreter()
    let console = StandardConsole(capabilities: output.capabilities())
    let workspace = exerciseOptions.resolvedWorkspace
    let keys = TerminalKeyReader()
    let interactive = ExerciseWatch.canWatch(console)
    let settings = CheckCommand.Settings(clock: clock == .real ? .real : .virtual(seed: 0))
    while true {
      let path = workspace.path(for: current)
      do {
        let wrote = try workspace.writeStarterIfAbsent(current)
        console.writeLines(Self.introduction(current, path: path, wrote: wrote, interactive: interactive, width: min(console.capabilities.width, 100)))
      } catch {
        StandardError.error("Cannot write '\(path)' (\(error.localizedDescription)).")
        throw ExitCode(73)
      }
      let id = current.id
      guard interactive else {
        console.writeLine("")
        let passed = try await CheckCommand.check(current, path: path, catalog: catalog, interpreter: interpreter, console: console, json: false, settings: settings) {
          passed, _ in ExerciseProgress.record(id, passed: passed).attempts
        }
        if !passed { throw ExitCode(1) }
        return
      }
      let watch = ExerciseWatch(
        catalog: catalog, workspace: workspace, interpreter: interpreter, console: console, keys: keys, offersNext: true, settings: settings
      )
      let ended = try await watch.run(current) { passed, _ in ExerciseProgress.record(id, passed: passed).attempts }
      guard case .next(let next) = ended else { return }
      current = next
    }
  }

  static func introduction(_ exercise: Exercise, path: String, wrote: Bool, interactive: Bool, width: Int) -> [StyledText] {
    var lines = TextWrapper.wrap(StyledText("Exercise \(exercise.fileName.prefix(2)): \(exercise.title)", style: .bold), width: width)
    lines += [StyledText((wrote ? "Wrote the starter to " : "Your file: ") + path)]
    lines += [StyledText()] + ExerciseReport.task(exercise, width: width)
    if interactive {
      lines += [StyledText(), StyledText("Edit the file in your editor: each save is checked.", style: .dim)]
    }
    return lines
  }
}
