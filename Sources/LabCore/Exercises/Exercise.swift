import Foundation

/// One exercise (DESIGN §12): `Exercises/NN-id/` with `exercise.md`, `starter.py` and `solution.py`.
public struct Exercise: Sendable, Equatable {
  /// The `NN` of its directory, from 1.
  public var number: Int
  public var id: String
  /// The id of the lesson it ends.
  public var lesson: String
  public var title: String
  public var checks: [ExerciseCheck]
  /// Every check must hold on each of this many perturbed schedules (§13); nil: one run.
  public var schedules: Int?
  /// In attempt order, or keyed to the check whose failure they answer (`hint(failed:attempt:)`).
  public var hints: [ExerciseHint]
  /// What to do, in a few lines of Markdown.
  public var body: String
  public var starter: String
  public var solution: String

  public init(
    number: Int, id: String, lesson: String, title: String, checks: [ExerciseCheck], schedules: Int? = nil,
    hints: [ExerciseHint], body: String, starter: String, solution: String
  ) {
    self.number = number
    self.id = id
    self.lesson = lesson
    self.title = title
    self.checks = checks
    self.schedules = schedules
    self.hints = hints
    self.body = body
    self.starter = starter
    self.solution = solution
  }

  /// The learner's file in the workspace: `05-checkout-receipt.py`.
  public var fileName: String {
    (number < 10 ? "0" : "") + "\(number)-\(id).py"
  }

  /// The task, from the starter's docstring (its first paragraph and the rest up to the closing quotes).
  public var task: String {
    guard let start = starter.range(of: "\"\"\"") else { return title }
    let rest = starter[start.upperBound...]
    guard let end = rest.range(of: "\"\"\"") else { return title }
    return String(rest[..<end.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
