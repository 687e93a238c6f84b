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

      Without DIR it checks the exercises too: their front matter and checks, then, on virtual \
      time, that every starter fails a check and every solution passes them all \
      on every schedule it asks for, on each CPython 3.11+ found (python3 and pyenv's). \
      --exercises DIR checks a directory of NN-id exercises instead of the bundled ones, and \
      runs each one's alternatives/*.py (they must pass) and wrong/*.py (they must fail) too. \
      --no-run-exercises checks their files without running them.

      Examples:
        gatherlab lint
        gatherlab lint Lessons
        gatherlab lint --exercises Exercises
        gatherlab lint --no-run-exercises
      """
  )

  @Argument(
    help: ArgumentHelp("A directory of NN-id.md lesson files (default: the bundled lessons).", valueName: "DIR"))
  var directory: String?

  @Flag(
    inversion: .prefixedNo,
    help: "Run every exercise's starter (it must fail a check) and solution (it must pass them all) on each CPython 3.11+ found (python3 and pyenv's), on virtual time.")
  var runExercises = true

  @Option(help: ArgumentHelp("A directory of NN-id exercises to check instead of the bundled ones, with their alternatives/ and wrong/ programs.", valueName: "DIR"))
  var exercises: String?

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

  /// The exercises' front matter and check names; unless `--no-run-exercises`, their starters,
  /// solutions (and a directory's alternatives and wrong versions) under each CPython, a few at
  /// once. Problems exit 65.
  private func lintExercises() async throws {
    let files: [ExerciseCatalog.Files]
    if let exercises {
      guard let found = ExerciseCatalog.files(in: exercises), !found.isEmpty else {
        StandardError.error("'\(exercises)' is not a directory of NN-id exercises.")
        throw ExitCode(66)
      }
      files = found
    } else {
      files = ExerciseCatalog.bundledFiles(executablePath: executablePath())
    }
    let catalog: ExerciseCatalog
    switch ExerciseCatalog.load(files) {
    case .success(let loaded): catalog = loaded
    case .failure(let problems):
      for problem in problems.problems { print(problem) }
      StandardError.write("\(problems.problems.count) problems in the exercises.")
      throw ExitCode(65)
    }
    guard runExercises else { return }
    let primary: PythonInterpreter
    switch Result(catching: { try PythonInterpreter.find(explicit: pythonOptions.pythonBin, environment: ProcessEnvironment.current()) }) {
    case .success(let found): primary = found
    case .failure(let error):
      // Without Python the files are still checked; asking for the runs by name makes it an error.
      guard exercises == nil, !CommandLine.arguments.contains("--run-exercises") else {
        StandardError.error("\(error)")
        throw ExitCode(69)
      }
      StandardError.write("The exercises were not run: \(error)")
      return
    }
    let interpreters = ExerciseLinter.interpreters(primary: primary, environment: ProcessEnvironment.current())
    let linter = ExerciseLinter(interpreters: interpreters)
    let directory = NSTemporaryDirectory() + "/gatherlab-lint-\(getpid())"
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let variants = Dictionary(files.map { ($0.directory, $0.variants) }, uniquingKeysWith: { first, _ in first })
    let jobs = interpreters.flatMap { interpreter in catalog.exercises.map { (interpreter, $0) } }
    let width = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8)
    // A few exercises at once (each runs its schedules a few at once too); problems in job order.
    let found = await withTaskGroup(of: (Int, [ExerciseProblem]).self) { group in
      var next = 0
      var results: [(Int, [ExerciseProblem])] = []
      func add() {
        let index = next
        next += 1
        let (interpreter, exercise) = jobs[index]
        let own = variants[String(exercise.fileName.dropLast(3))] ?? []
        // A directory per job: two jobs of one exercise (under two CPythons) write the same
        // file names, and each removes its files when done.
        group.addTask {
          let problems = await linter.lint(
            exercise, variants: own, directory: directory + "/\(index)", interpreter: interpreter, label: interpreter.path)
          return (index, problems)
        }
      }
      while next < min(jobs.count, width) { add() }
      while let result = await group.next() {
        results.append(result)
        if next < jobs.count { add() }
      }
      return results.sorted { $0.0 < $1.0 }.flatMap(\.1)
    }
    let problems = found
    for problem in problems { print(problem) }
    let programs = catalog.exercises.count * 2 + files.reduce(0) { $0 + $1.variants.count }
    let runs = "\(catalog.exercises.count) exercises (\(programs) programs) on \(interpreters.count) Python\(interpreters.count == 1 ? "" : "s")"
    guard problems.isEmpty else {
      StandardError.write("\(problems.count) problems in \(runs).")
      throw ExitCode(65)
    }
    print("\(runs) OK: every starter fails a check, every solution passes them all" + (programs > catalog.exercises.count * 2 ? ", every alternative passes and every wrong version fails" : ""))
  }
}
