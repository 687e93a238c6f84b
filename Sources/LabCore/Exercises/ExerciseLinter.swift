import Foundation

/// The authoring check (DESIGN §12, rustlings' `dev check`): every starter fails at least one
/// check, every solution passes all of them, on each CPython 3.11+ the machine has.
public struct ExerciseLinter: Sendable {
  public let interpreters: [PythonInterpreter]

  public init(interpreters: [PythonInterpreter]) {
    self.interpreters = interpreters
  }

  /// `python3` (as found) and each pyenv CPython 3.11 or newer, one per version.
  public static func interpreters(primary: PythonInterpreter?, environment: [String: String]) -> [PythonInterpreter] {
    var found: [PythonInterpreter] = primary.map { [$0] } ?? []
    let root = environment["PYENV_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.pyenv")
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root + "/versions")) ?? []
    let primaryReal = primary.map { URL(fileURLWithPath: $0.executable).resolvingSymlinksInPath().path }
    for version in versions.sorted() {
      let parts = version.split(separator: ".").compactMap { Int($0) }
      guard parts.count >= 2, parts[0] == 3, parts[1] >= 11 else { continue }
      let path = root + "/versions/" + version + "/bin/python3"
      guard FileManager.default.isExecutableFile(atPath: path) else { continue }
      if URL(fileURLWithPath: path).resolvingSymlinksInPath().path == primaryReal { continue }
      found.append(PythonInterpreter(path: path))
    }
    return found
  }

  /// The problems of one exercise under one CPython: `Exercises/05-checkout-receipt/starter.py:1: …`.
  /// The starter must fail a check and the solution pass them all, on every schedule the
  /// exercise asks for; so must each of `variants` as it says.
  public func lint(
    _ exercise: Exercise, variants: [ExerciseVariant] = [], directory: String, interpreter: PythonInterpreter, label: String
  ) async -> [ExerciseProblem] {
    var problems: [ExerciseProblem] = []
    let folder = "Exercises/" + String(exercise.fileName.dropLast(3))
    let programs = [
      ExerciseVariant(name: "starter.py", text: exercise.starter, mustPass: false),
      ExerciseVariant(name: "solution.py", text: exercise.solution, mustPass: true),
    ] + variants
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for program in programs {
      let name = program.name
      let path = directory + "/" + String(exercise.fileName.dropLast(3)) + "-" + name.replacingOccurrences(of: "/", with: "-")
      do {
        try program.text.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        problems.append(ExerciseProblem(file: folder + "/" + name, line: 1, "could not be written to \(directory) to run"))
        continue
      }
      defer { try? FileManager.default.removeItem(atPath: path) }
      let checked: ExerciseChecking.Checked
      do {
        checked = try await ExerciseChecking(interpreter: interpreter).check(exercise, file: path)
      } catch {
        problems.append(ExerciseProblem(file: folder + "/" + name, line: 1, "could not run under \(label): \(error.description)"))
        continue
      }
      let what = name == "starter.py" ? "the starter" : name == "solution.py" ? "the solution" : "this " + (program.mustPass ? "alternative" : "wrong version")
      if program.mustPass, !checked.passed {
        let failed = checked.results.filter { !$0.passed }.map { "\($0.name) (\($0.sentence))" }.joined(separator: "; ")
        problems.append(ExerciseProblem(file: folder + "/" + name, line: 1, "\(what) fails under \(label): \(failed)"))
      }
      if !program.mustPass, checked.passed {
        problems.append(ExerciseProblem(file: folder + "/" + name, line: 1, "\(what) passes every check under \(label): \(name == "starter.py" ? "it teaches nothing" : "the checks miss it")"))
      }
    }
    return problems
  }
}
