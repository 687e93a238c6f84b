import Foundation

/// Where the learner's exercise files live: `--workspace DIR`, else `GATHERLAB_WORKSPACE`, else
/// `~/gatherlab-exercises`. A learner's file is never overwritten without a yes.
public struct ExerciseWorkspace: Sendable, Equatable {
  public let directory: String

  public init(directory: String) {
    self.directory = directory
  }

  public static func resolve(option: String?, environment: [String: String]) -> ExerciseWorkspace {
    if let option, !option.isEmpty { return ExerciseWorkspace(directory: option) }
    if let variable = environment["GATHERLAB_WORKSPACE"], !variable.isEmpty { return ExerciseWorkspace(directory: variable) }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return ExerciseWorkspace(directory: home + "/gatherlab-exercises")
  }

  public func path(for exercise: Exercise) -> String { directory + "/" + exercise.fileName }

  /// Writes the starter if the learner's file is absent; true if it wrote it.
  public func writeStarterIfAbsent(_ exercise: Exercise) throws -> Bool {
    let path = path(for: exercise)
    if FileManager.default.fileExists(atPath: path) { return false }
    try write(exercise.starter, to: path)
    return true
  }

  /// Writes `text` to the exercise's file (a reset or the solution, after a yes).
  public func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }
}
