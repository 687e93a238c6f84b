import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The course's exercises, in order: the ones built into the binary, the installed ones next to
/// it (`<prefix>/share/gatherlab/Exercises`), or a directory of `NN-id/` exercises.
public struct ExerciseCatalog: Sendable {
  public let exercises: [Exercise]

  public init(exercises: [Exercise]) {
    self.exercises = exercises.sorted { $0.number < $1.number }
  }

  /// Where an installed binary's exercises live, relative to the binary's directory.
  public static let installedRelativePath = "../share/gatherlab/Exercises"

  /// One exercise's files, as read.
  public struct Files: Sendable {
    public var directory: String
    public var markdown: String?
    public var starter: String?
    public var solution: String?
    /// Other programs the authoring check runs (a directory's `alternatives/*.py` must pass,
    /// its `wrong/*.py` must fail; the built-in exercises carry none).
    public var variants: [ExerciseVariant] = []
  }

  /// The built-in exercises' files.
  public static func embeddedFiles() -> [Files] {
    var byDirectory: [String: Files] = [:]
    for (name, text) in EmbeddedFiles.exercises {
      let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      var files = byDirectory[parts[0]] ?? Files(directory: parts[0])
      switch parts[1] {
      case "exercise.md": files.markdown = text
      case "starter.py": files.starter = text
      case "solution.py": files.solution = text
      default: break
      }
      byDirectory[parts[0]] = files
    }
    return byDirectory.values.sorted { $0.directory < $1.directory }
  }

  /// The files of each `NN-id/` directory in `path`; nil if `path` is not a readable directory.
  public static func files(in path: String) -> [Files]? {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
    return names.filter { $0.first?.isNumber == true }.sorted().compactMap { name in
      let directory = path + "/" + name
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
      func read(_ file: String) -> String? { try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) }
      var variants: [ExerciseVariant] = []
      for (folder, mustPass) in [("alternatives", true), ("wrong", false)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + folder)) ?? []).filter { $0.hasSuffix(".py") }.sorted()
        for file in names {
          if let text = read(folder + "/" + file) { variants.append(ExerciseVariant(name: folder + "/" + file, text: text, mustPass: mustPass)) }
        }
      }
      return Files(directory: name, markdown: read("exercise.md"), starter: read("starter.py"), solution: read("solution.py"), variants: variants)
    }
  }

  /// The installed exercises next to `executablePath` if there are any, else the built-in ones.
  public static func bundledFiles(executablePath: String?) -> [Files] {
    if let executablePath {
      let binDirectory = executablePath.lastIndex(of: "/").map { String(executablePath[..<$0]) } ?? "."
      let installed = LessonSource.standardized(binDirectory + "/" + installedRelativePath)
      if let files = files(in: installed), !files.isEmpty { return files }
    }
    return embeddedFiles()
  }

  /// Parses every exercise; the problems of all of them, if any has one.
  public static func load(_ files: [Files], prefix: String = "Exercises/") -> Result<ExerciseCatalog, ExerciseProblems> {
    var exercises: [Exercise] = []
    var problems: [ExerciseProblem] = []
    for file in files {
      let name = prefix + file.directory + "/exercise.md"
      guard let markdown = file.markdown else {
        problems.append(ExerciseProblem(file: name, line: 1, "exercise.md is missing"))
        continue
      }
      switch ExerciseParser.parse(directory: file.directory, markdown: markdown, starter: file.starter, solution: file.solution, file: name) {
      case .success(let exercise): exercises.append(exercise)
      case .failure(let found): problems += found.problems
      }
    }
    var seen: [Int: String] = [:]
    for exercise in exercises {
      if let other = seen[exercise.number] {
        problems.append(ExerciseProblem(file: prefix + exercise.fileName, line: 1, "number \(exercise.number) is used by '\(other)' too"))
      }
      seen[exercise.number] = exercise.id
    }
    return problems.isEmpty ? .success(ExerciseCatalog(exercises: exercises)) : .failure(ExerciseProblems(problems))
  }

  /// The exercise with this id or number.
  public func exercise(_ idOrNumber: String) -> Exercise? {
    if let number = Int(idOrNumber) { return exercises.first { $0.number == number } }
    return exercises.first { $0.id == idOrNumber }
  }

  /// The exercises that end this lesson.
  public func exercises(forLesson lesson: String) -> [Exercise] {
    exercises.filter { $0.lesson == lesson }
  }
}

/// A program beside an exercise that the authoring check runs: another correct solution (it must
/// pass every check, so the checks do not demand one spelling) or a plausible wrong one (it must
/// fail one, however right its printed lines).
public struct ExerciseVariant: Sendable, Equatable {
  /// `alternatives/taskgroup.py`, `wrong/print_as_done.py`.
  public var name: String
  public var text: String
  public var mustPass: Bool

  public init(name: String, text: String, mustPass: Bool) {
    self.name = name
    self.text = text
    self.mustPass = mustPass
  }
}
