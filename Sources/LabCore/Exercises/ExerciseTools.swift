/// What the walkthrough needs from the command line's exercise loop (DESIGN §12): the learner's
/// file, the watch loop, a single check. Each run reports every check's verdict so the walkthrough
/// records them in the progress it keeps (a tool never writes progress itself).
public protocol ExerciseTools: Sendable {
  /// The learner's file for `exercise` in the workspace.
  func path(for exercise: Exercise) -> String
  /// Writes the starter if the file is absent, then, on a terminal, checks it on every save until
  /// `q`; piped, checks it once. `attempts` is how many checks ran before (for the hint shown).
  func work(on exercise: Exercise, attempts: Int) async -> ExerciseToolOutcome
  /// One check of the learner's file.
  func check(_ exercise: Exercise, attempts: Int) async -> ExerciseToolOutcome
}

/// How an exercise tool's run ended.
public enum ExerciseToolOutcome: Sendable, Equatable {
  /// The verdict of each check that ran, in order (true: every check held), and the names of the
  /// checks that failed in the last one (for the hints `hint` shows next).
  case checked([Bool], lastFailed: [String] = [])
  /// It could not run (no python3, an unreadable file): one sentence to show.
  case failed(String)
}
