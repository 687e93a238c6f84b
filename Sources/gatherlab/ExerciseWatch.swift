import Foundation
import LabCore
import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

/// `gatherlab exercise`'s loop, like `rustlings watch`: the file is checked on every save, and
/// single keys answer — `h` the next hint, `s` the solution (asks first until it passes), `r` the
/// starter again (asks), `n` the next exercise once this one passes, `q` (or Ctrl-C) quits with
/// the terminal as it was. The walkthrough runs it too, without `n`.
struct ExerciseWatch {
  let catalog: ExerciseCatalog
  let workspace: ExerciseWorkspace
  let interpreter: PythonInterpreter
  let console: any Console
  let keys: TerminalKeyReader
  /// `n` goes to the next exercise (the command); in the walkthrough, `q` goes back to the prompt.
  let offersNext: Bool
  /// The clock (and schedules) each check runs on: virtual time unless `--clock real`.
  var settings = CheckCommand.Settings()

  /// Keys and saves can be watched: stdin and stdout are a terminal that is not `TERM=dumb`
  /// (`NO_COLOR` removes color only).
  static func canWatch(_ console: any Console) -> Bool {
    isatty(STDIN_FILENO) == 1 && console.capabilities.isTTY && ProcessEnvironment.current()["TERM"] != "dumb"
  }

  enum Ending {
    case quit
    case next(Exercise)
  }

  /// Checks on every save and answers keys until `q` (nil) or `n` (the next exercise).
  /// `record` is given whether every check held and the names of those that failed, and returns
  /// the number of checks so far.
  func run(_ exercise: Exercise, record: (_ passed: Bool, _ failed: [String]) -> Int) async throws -> Ending {
    let path = workspace.path(for: exercise)
    guard keys.enterRawMode() else { return .quit }
    let handler = InterruptSignal.shared.push { keys.restore() }
    defer {
      keys.restore()
      InterruptSignal.shared.remove(handler)
    }
    let watcher = FileWatcher(path: path)
    // `h`: all the hints in order until a check fails, then the ones for what failed first.
    var hints = HintSteps(exercise)
    var passed = false
    var lastContents = FileWatcher.contents(path)
    func line(_ text: String, style: TextStyle = .plain) {
      let width = min(console.currentSize()?.columns ?? console.capabilities.width, 100)
      console.writeLines(TextWrapper.wrap(text, width: max(20, width - 1)).map { StyledText($0, style: style) })
    }
    // The first check follows the task; later ones start a clean screen, naming the file.
    var first = true
    func checkNow() async throws {
      if !first {
        // A clean screen for each check; without cursor movement, a rule between them.
        if console.capabilities.cursorMovement {
          console.write("\u{1B}[2J\u{1B}[H")
        } else {
          console.writeLines([StyledText(), StyledText(String(repeating: "─", count: 40))])
        }
        console.writeLines([StyledText("Your file: " + path, style: .dim)])
      }
      first = false
      console.writeLines([StyledText()])
      let ok = try await CheckCommand.check(exercise, path: path, catalog: catalog, interpreter: interpreter, console: console, json: false, settings: settings) { passed, failed in
        let attempt = record(passed, failed)
        hints = HintSteps(exercise, failed: failed, attempt: attempt)
        return attempt
      }
      passed = passed || ok
      // Wrapped like every line here: at 40 columns the terminal cut it mid-word ("solutio" / "n").
      console.writeLines([StyledText()])
      line("Save to check again · h hint · s solution · r reset · " + (passed && offersNext ? "n next · " : "") + "q quit", style: .dim)
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
          return .quit
        case .character("h"):
          guard let index = hints.next() else { line("This exercise has no hints."); continue }
          let width = min(console.currentSize()?.columns ?? console.capabilities.width, 100)
          console.writeLines(ExerciseReport.hint(index + 1, of: exercise.hints.count, exercise.hints[index], width: width, color: console.capabilities.color))
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
        case .character("n") where offersNext:
          guard passed else { line("Pass this exercise first (or start another: gatherlab exercise ID)."); continue }
          guard let next = catalog.exercises.first(where: { $0.number > exercise.number }) else {
            line("That was the last exercise: well done.")
            continue
          }
          keys.restore()
          if console.capabilities.cursorMovement { console.write("\u{1B}[2J\u{1B}[H") }
          return .next(next)
        default:
          continue
        }
      case .idle:
        continue
      }
    }
  }
}
