import ArgumentParser
import Foundation
import LabCore
import LabTerminal

/// `--workspace DIR`, and the course's exercises.
struct ExerciseOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Where your exercise files are (default: GATHERLAB_WORKSPACE, else ~/gatherlab-exercises).", valueName: "DIR"))
  var workspace: String?

  var resolvedWorkspace: ExerciseWorkspace {
    ExerciseWorkspace.resolve(option: workspace, environment: ProcessEnvironment.current())
  }

  /// The bundled exercises; a broken one ends the program with its problems and exit 65.
  static func catalog() throws -> ExerciseCatalog {
    switch ExerciseCatalog.load(ExerciseCatalog.bundledFiles(executablePath: executablePath())) {
    case .success(let catalog): return catalog
    case .failure(let problems):
      for problem in problems.problems { StandardError.write(problem.description) }
      throw ExitCode(65)
    }
  }

  /// The exercise named `idOrNumber`, or a usage error saying which exist.
  static func exercise(_ idOrNumber: String, in catalog: ExerciseCatalog) throws -> Exercise {
    if let exercise = catalog.exercise(idOrNumber) { return exercise }
    let ids = catalog.exercises.map(\.id)
    let suggestion = Suggestions.didYouMean(idOrNumber, in: ids)
    let numbers = catalog.exercises.map(\.number)
    let which = " Name one by its number (\(numbers.min() ?? 1) to \(numbers.max() ?? 1)) or its id; 'gatherlab exercises' lists them."
    throw UsageError("Unknown exercise '\(idOrNumber)'." + (suggestion.isEmpty ? which : suggestion))
  }
}

/// Completion for exercise ids.
func exerciseCompletions(_ arguments: [String], _ index: Int, _ prefix: String) -> [String] {
  let ids = ExerciseCatalog.load(ExerciseCatalog.embeddedFiles()).map { $0.exercises.map(\.id) }
  return ((try? ids.get()) ?? []).filter { $0.hasPrefix(prefix) }
}
