/// A problem in an exercise's files, reported as `file:line: message` (lint exits 65).
public struct ExerciseProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String

  public init(file: String, line: Int, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String { "\(file):\(line): \(message)" }
}

/// Every problem found in a set of exercise files.
public struct ExerciseProblems: Error, Sendable, Equatable {
  public var problems: [ExerciseProblem]

  public init(_ problems: [ExerciseProblem]) {
    self.problems = problems
  }
}

/// Why one entry of `checks` cannot be read.
struct CheckReadError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
