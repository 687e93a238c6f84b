import ArgumentParser
import Foundation
import LabCore
import LabTerminal

struct LintCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "lint"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Check lesson files.",
    discussion: """
      Checks the front matter (id, title, section, demo, params), that ids are unique and match \
      the file names, that lessons are numbered 01, 02, … without gaps, one lesson per guide \
      section, that demos and their parameters exist, and that every fenced code block names its \
      language (python, swift, output, text or sh). Prints one 'file:line: message' line per \
      problem and exits with 65, or prints "N lessons OK".

      Examples:
        gatherlab lint
        gatherlab lint Lessons
        gatherlab lint --run-exercises
      """
  )

  @Argument(
    help: ArgumentHelp("A directory of NN-id.md lesson files (default: the bundled lessons).", valueName: "DIR"))
  var directory: String?

  @Flag(help: "Also run every exercise's starter (it must fail a check) and solution (it must pass them all) on each CPython 3.11+ found (python3 and pyenv's).")
  var runExercises = false

  @OptionGroup var pythonOptions: PythonOptions

  func run() async throws {
    if directory == nil {
      try await lintExercises()
    }
    let source = LessonOptions.source(directory: directory)
    let files: [LessonFile]
    do {
      files = try source.files()
    } catch {
      StandardError.write(error.description)
      throw ExitCode(65)
    }
    let problems = LessonLinter().lint(files)
    let lessons = files.count == 1 ? "1 lesson" : "\(files.count) lessons"
    guard !problems.isEmpty else {
      print("\(lessons) OK")
      return
    }
    for problem in problems { print(problem) }
    StandardError.write(problems.count == 1 ? "1 problem in \(lessons)." : "\(problems.count) problems in \(lessons).")
    throw ExitCode(65)
  }

  /// The exercises' front matter and check names; with `--run-exercises`, their starters and
  /// solutions under each CPython. Problems exit 65.
  private func lintExercises() async throws {
    let catalog: ExerciseCatalog
    switch ExerciseCatalog.load(ExerciseCatalog.bundledFiles(executablePath: executablePath())) {
    case .success(let loaded): catalog = loaded
    case .failure(let problems):
      for problem in problems.problems { print(problem) }
      StandardError.write("\(problems.problems.count) problems in the exercises.")
      throw ExitCode(65)
    }
    guard runExercises else { return }
    let primary = try pythonOptions.interpreter()
    let interpreters = ExerciseLinter.interpreters(primary: primary, environment: ProcessEnvironment.current())
    let linter = ExerciseLinter(interpreters: interpreters)
    let directory = NSTemporaryDirectory() + "/gatherlab-lint-\(getpid())"
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var problems: [ExerciseProblem] = []
    for interpreter in interpreters {
      let label = interpreter.path
      for exercise in catalog.exercises {
        problems += await linter.lint(exercise, directory: directory, interpreter: interpreter, label: label)
      }
    }
    for problem in problems { print(problem) }
    let runs = "\(catalog.exercises.count) exercises on \(interpreters.count) Python\(interpreters.count == 1 ? "" : "s")"
    guard problems.isEmpty else {
      StandardError.write("\(problems.count) problems in \(runs).")
      throw ExitCode(65)
    }
    print("\(runs) OK: every starter fails a check, every solution passes them all")
  }
}
