import ArgumentParser
import Foundation
import LabCore
import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

/// The walkthrough's `exercise` and `check` on the real terminal: the same loop and report as
/// `gatherlab exercise` and `gatherlab check`, with the verdicts handed back for the walkthrough
/// to record (it keeps the progress file).
struct ExercisePromptTools: ExerciseTools {
  /// Parsed when the first `exercise` or `check` runs, not at start-up.
  let loader: ExerciseCatalogLoader
  var catalog: ExerciseCatalog { loader.catalog ?? ExerciseCatalog(exercises: []) }
  let workspace: ExerciseWorkspace
  let console: any Console
  let python: PythonLookupRunner

  func path(for exercise: Exercise) -> String { workspace.path(for: exercise) }

  func work(on exercise: Exercise, attempts: Int) async -> ExerciseToolOutcome {
    let path = workspace.path(for: exercise)
    do {
      let wrote = try workspace.writeStarterIfAbsent(exercise)
      let interactive = ExerciseWatch.canWatch(console)
      console.writeLines(ExerciseCommand.introduction(exercise, path: path, wrote: wrote, interactive: interactive, width: min(console.capabilities.width, 100)))
      guard interactive else { return await check(exercise, attempts: attempts) }
      let interpreter: PythonInterpreter
      switch python.interpreter() {
      case .success(let found): interpreter = found
      case .failure(let error): return .failed(error.description)
      }
      let verdicts = Verdicts(attempts: attempts)
      let watch = ExerciseWatch(catalog: catalog, workspace: workspace, interpreter: interpreter, console: console, keys: TerminalKeyReader(), offersNext: false)
      _ = try await watch.run(exercise) { verdicts.add($0, failed: $1) }
      console.writeLine("Back at the walkthrough: 'check' checks your file again, Enter goes on.")
      return .checked(verdicts.all, lastFailed: verdicts.lastFailed)
    } catch let error as ExitCode {
      _ = error
      return .checked([])
    } catch {
      return .failed("Cannot write '\(path)' (\(error.localizedDescription)).")
    }
  }

  func check(_ exercise: Exercise, attempts: Int) async -> ExerciseToolOutcome {
    let interpreter: PythonInterpreter
    switch python.interpreter() {
    case .success(let found): interpreter = found
    case .failure(let error): return .failed(error.description)
    }
    let path = workspace.path(for: exercise)
    guard FileManager.default.fileExists(atPath: path) else {
      // At the shell, check says to run `gatherlab exercise ID`; here the prompt's word does it.
      return .failed("Its file is not written yet: type 'exercise' to write the starter, then check it.")
    }
    let verdicts = Verdicts(attempts: attempts)
    do {
      _ = try await CheckCommand.check(
        exercise, path: path, catalog: catalog, interpreter: interpreter, console: console, json: false
      ) { verdicts.add($0, failed: $1) }
    } catch {
      // Its sentence (an unreadable file, no python3) is already on stderr.
    }
    return .checked(verdicts.all, lastFailed: verdicts.lastFailed)
  }

  /// The verdicts of one tool run, counted on from the attempts before it (for the hint shown).
  final class Verdicts: @unchecked Sendable {
    private(set) var all: [Bool] = []
    /// The checks that failed in the latest run (for the walkthrough's `hint`).
    private(set) var lastFailed: [String] = []
    let attempts: Int

    init(attempts: Int) { self.attempts = attempts }

    func add(_ passed: Bool, failed: [String]) -> Int {
      all.append(passed)
      lastFailed = failed
      return attempts + all.count
    }
  }
}
