/// What the `pending-at-exit: none` check found, each case a predicate over the run's facts, in
/// the order they are asked: a main() that never returned (stopped at the hang limit, or stuck)
/// left nothing to look at; then tasks still pending when it returned; then Python's own warning
/// that a task was destroyed while pending (a task nothing held, collected before the end).
enum PendingAtExit: Equatable {
  case neverReturned
  case tasksPending
  case destroyedWarning
  case nothing

  init(_ facts: RunFacts) {
    if facts.main?.ended == nil {
      self = .neverReturned
    } else if !facts.pendingAtExit.isEmpty {
      self = .tasksPending
    } else if facts.standardError.contains("Task was destroyed but it is pending") {
      self = .destroyedWarning
    } else {
      self = .nothing
    }
  }

  /// The sentence for this finding; `pending` names the tasks of `.tasksPending`.
  func sentence(_ pending: [RunFacts.TaskFact]) -> String {
    switch self {
    case .neverReturned:
      return "main() never returned, so what it leaves pending could not be seen"
    case .tasksPending:
      let one = pending.count == 1
      return "\(ExerciseChecker.list(pending)) \(one ? "was" : "were") still pending when main() returned; asyncio.run cancelled \(one ? "it" : "them") on its way out"
    case .destroyedWarning:
      return "Python warned that a task was destroyed while still pending"
    case .nothing:
      return "nothing was left pending when main() returned"
    }
  }
}
