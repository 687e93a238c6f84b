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
      exits as 'gatherlab check' does. Without ID, the first exercise not yet passed.

      Examples:
        gatherlab exercise
        gatherlab exercise checkout-receipt
        gatherlab exercise 5 --workspace ~/asyncio-practice
      """
  )

  @Argument(help: ArgumentHelp("The exercise (id or number; default: the first not yet passed).", valueName: "exercise"), completion: .custom(exerciseCompletions))
  var exercise: String?

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
    let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && console.capabilities.cursorMovement
    while true {
      let path = workspace.path(for: current)
      do {
        let wrote = try workspace.writeStarterIfAbsent(current)
        console.writeLines(Self.introduction(current, path: path, wrote: wrote, interactive: interactive, width: min(console.capabilities.width, 100)))
      } catch {
        StandardError.error("Cannot write '\(path)' (\(error.localizedDescription)).")
        throw ExitCode(73)
      }
      guard interactive else {
        console.writeLine("")
        let passed = try await CheckCommand.check(current, path: path, catalog: catalog, interpreter: interpreter, console: console, json: false)
        if !passed { throw ExitCode(1) }
        return
      }
      guard let next = try await watch(current, path: path, catalog: catalog, workspace: workspace, interpreter: interpreter, console: console, keys: keys) else {
        return
      }
      current = next
    }
  }

  static func introduction(_ exercise: Exercise, path: String, wrote: Bool, interactive: Bool, width: Int) -> [StyledText] {
    var lines = [StyledText("Exercise \(exercise.fileName.prefix(2)): \(exercise.title)", style: .bold)]
    lines += [StyledText((wrote ? "Wrote the starter to " : "Your file: ") + path)]
    lines += [StyledText()] + exercise.task.split(separator: "\n", omittingEmptySubsequences: false).map { StyledText(String($0)) }
    if interactive {
      lines += [StyledText(), StyledText("Edit the file and save: each save is checked. Keys: h hint · s solution · r reset · n next · q quit", style: .dim)]
    }
    return lines
  }

  /// Checks on every save and answers keys until `q` (nil) or `n` (the next exercise).
  private func watch(
    _ exercise: Exercise, path: String, catalog: ExerciseCatalog, workspace: ExerciseWorkspace, interpreter: PythonInterpreter,
    console: StandardConsole, keys: TerminalKeyReader
  ) async throws -> Exercise? {
    guard keys.enterRawMode() else { return nil }
    let handler = InterruptSignal.shared.push { keys.restore() }
    defer {
      keys.restore()
      InterruptSignal.shared.remove(handler)
    }
    let watcher = FileWatcher(path: path)
    var hintsShown = 0
    var passed = false
    var lastContents = FileWatcher.contents(path)
    func line(_ text: String, style: TextStyle = .plain) { console.writeLines([StyledText(text, style: style)].map { $0 }) }
    func checkNow() async throws {
      console.write("\u{1B}[2J\u{1B}[H")
      let ok = try await CheckCommand.check(exercise, path: path, catalog: catalog, interpreter: interpreter, console: console, json: false)
      passed = passed || ok
      console.writeLines([StyledText(), StyledText(
        "Watching \(exercise.fileName): save to check again. h hint · s solution · r reset · " + (passed ? "n next · " : "") + "q quit",
        style: .dim
      )])
    }
    try await checkNow()
    while true {
      switch watcher.wait(milliseconds: 250) {
      case .changed:
        let contents = FileWatcher.contents(path)
        if contents != lastContents, contents != nil {
          lastContents = contents
          try await checkNow()
        }
      case .key:
        let key = keys.readKey()
        switch key {
        case .character("q"), .character("Q"), .interrupt, .endOfInput:
          line("")
          return nil
        case .character("h"):
          guard !exercise.hints.isEmpty else { line("This exercise has no hints."); continue }
          let number = min(hintsShown, exercise.hints.count - 1)
          hintsShown += 1
          line("Hint \(number + 1)/\(exercise.hints.count): " + exercise.hints[number])
        case .character("s"):
          if !passed {
            line("Show the solution? Trying first teaches more. (y/N)")
            guard keys.readKey() == .character("y") else { line("Not shown."); continue }
          }
          console.writeLines([StyledText("solution.py", style: .bold)] + exercise.solution.split(separator: "\n", omittingEmptySubsequences: false).map { StyledText(String($0)) })
        case .character("r"):
          line("Reset \(exercise.fileName) to the starter, losing your changes? (y/N)")
          guard keys.readKey() == .character("y") else { line("Kept your file."); continue }
          try workspace.write(exercise.starter, to: path)
          lastContents = FileWatcher.contents(path)
          try await checkNow()
        case .character("n"):
          guard passed else { line("Pass this exercise first (or start another: gatherlab exercise ID)."); continue }
          guard let next = catalog.exercises.first(where: { $0.number > exercise.number }) else {
            line("That was the last exercise: well done.")
            continue
          }
          keys.restore()
          console.write("\u{1B}[2J\u{1B}[H")
          return next
        default:
          continue
        }
      case .idle:
        continue
      }
    }
  }
}
