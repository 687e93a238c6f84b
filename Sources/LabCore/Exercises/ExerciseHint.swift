/// One of an exercise's hints: a sentence, and the check it helps with when it is keyed to one.
///
/// In `exercise.md` a hint is a string, shown in attempt order (the first check's failure shows
/// the first hint, the second the second, …), or a one-entry mapping from a check's name to the
/// sentence, shown when that check fails:
///
/// ```yaml
/// hints:
///   - "A TaskGroup raises an `ExceptionGroup` holding every error."
///   - run: "`except CorruptImage` does not catch an ExceptionGroup: `except* CorruptImage` does."
///   - output: "Read `task.result()` only for the tasks that are done and not cancelled."
/// ```
///
/// A key is any check of the exercise's `checks`, `run` (the program itself failed: an exception,
/// a SyntaxError, a hang) or `schedules` (a perturbed schedule broke a check).
public struct ExerciseHint: Sendable, Equatable, ExpressibleByStringLiteral {
  public var text: String
  /// The check whose failure it answers; nil: shown in attempt order.
  public var check: String?

  public init(_ text: String, check: String? = nil) {
    self.text = text
    self.check = check
  }

  public init(stringLiteral text: String) {
    self.init(text)
  }

  /// The keys a hint may name besides the exercise's checks.
  static let otherKeys = ["run", "schedules"]
}

extension Exercise {
  /// The hint a failing check shows, numbered from 1 among all the hints: the first hint keyed to
  /// a check that failed (in the order of the verdicts), the later ones for the same check as
  /// `attempt` grows; when no failed check has a hint of its own, the hints keyed to none in
  /// attempt order (all of them when every hint is keyed). nil when the exercise has no hints.
  ///
  /// When the program itself failed (`run`: it raised, never finished, or was not Python), the
  /// other checks failed because of that — a main() that never returned has no finish order and
  /// left nothing to look at — so only a hint keyed to `run` answers it.
  public func hint(failed: [String], attempt: Int) -> (number: Int, hint: ExerciseHint)? {
    guard !hints.isEmpty else { return nil }
    let answered = failed.contains("run") ? ["run"] : failed
    let keyed = answered.lazy.compactMap { name -> [Int]? in
      let indices = hints.indices.filter { hints[$0].check == name }
      return indices.isEmpty ? nil : indices
    }.first
    if let keyed {
      let index = keyed[min(max(0, attempt - 1), keyed.count - 1)]
      return (index + 1, hints[index])
    }
    let general = hints.indices.filter { hints[$0].check == nil }
    let inOrder = general.isEmpty ? Array(hints.indices) : general
    let index = inOrder[min(max(1, attempt), inOrder.count) - 1]
    return (index + 1, hints[index])
  }
}

extension Exercise {
  /// The order `hint` at the walkthrough's prompt and `h` in `exercise` show the hints in, by
  /// index. Before any check, or after one that passed (`failed` nil or empty): all of them in
  /// order. After a failed check, the same rule as the check's own hint
  /// (`hint(failed:attempt:)`): the hints keyed to the checks that failed (only `run` when the
  /// program itself failed), in the order of the verdicts, then the ones keyed to none (all of
  /// them when neither exists); the one the check already showed (for `attempt`) goes last, so
  /// the first request shows something new.
  public func hintOrder(failed: [String]?, attempt: Int) -> [Int] {
    guard let failed, !failed.isEmpty else { return Array(hints.indices) }
    let answered = failed.contains("run") ? ["run"] : failed
    var order: [Int] = []
    for name in answered {
      for index in hints.indices where hints[index].check == name && !order.contains(index) { order.append(index) }
    }
    let general = hints.indices.filter { hints[$0].check == nil }
    order += order.isEmpty && general.isEmpty ? Array(hints.indices) : general
    guard let shown = hint(failed: failed, attempt: attempt).map({ $0.number - 1 }), order.contains(shown), order.count > 1 else { return order }
    return order.filter { $0 != shown } + [shown]
  }
}

/// The hints one request at a time (`hint` at the prompt, `h` in `exercise`), in the order of
/// `Exercise.hintOrder(failed:attempt:)` for the latest check; each check starts it over. Past the
/// last, the last again.
public struct HintSteps: Sendable, Equatable {
  public private(set) var order: [Int]
  private var taken = 0

  /// All the hints in order: no check yet.
  public init(_ exercise: Exercise) {
    order = Array(exercise.hints.indices)
  }

  /// After a check: `failed` the names of the checks that failed (empty: it passed), `attempt` the
  /// number of checks so far (the hint the check showed).
  public init(_ exercise: Exercise, failed: [String], attempt: Int) {
    order = exercise.hintOrder(failed: failed, attempt: attempt)
  }

  /// The next hint's index, nil when the exercise has none.
  public mutating func next() -> Int? {
    guard !order.isEmpty else { return nil }
    defer { taken += 1 }
    return order[min(taken, order.count - 1)]
  }
}
