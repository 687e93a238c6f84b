/// One check of an exercise (DESIGN §12), each a property of the run's trace.
public enum ExerciseCheck: Sendable, Equatable {
  /// The main coroutine returned by this many seconds.
  case elapsed(atMost: Double)
  /// The most tasks (besides main) running at one instant.
  case running(Bound)
  /// The most tasks (besides main) alive at one instant.
  case existing(atMost: Int)
  /// Tasks the program created (besides main).
  case tasks(atLeast: Int)
  /// The program's stdout lines, exactly.
  case output([String])
  /// Each of these appears in one of the program's stdout lines.
  case outputContains([String])
  /// The program's exit status.
  case exit(Int32)
  /// Tasks of these coroutines (or labels) were cancelled, within `within` seconds of the first
  /// failure; a task of the program's own coroutine counts for the ones it was running inside it
  /// when cancelled (`create_task(fetch_one(url))` for `download`).
  case cancelled([String], within: Double?)
  /// No task ran on after the caller of its gather got an error.
  case noOrphans
  /// Nothing left for asyncio.run's shutdown to cancel.
  case noPendingAtExit
  /// No single callback held the loop longer than this (real seconds).
  case blocked(atMost: Double)
  /// No "never awaited" / "never retrieved" / "destroyed but pending" warning.
  case noWarnings
  /// The trace saw these APIs.
  case uses([String])

  /// At most or at least a count.
  public enum Bound: Sendable, Equatable {
    case atMost(Int)
    case atLeast(Int)

    public func holds(_ value: Int) -> Bool {
      switch self {
      case .atMost(let limit): value <= limit
      case .atLeast(let limit): value >= limit
      }
    }

    public var text: String {
      switch self {
      case .atMost(let limit): "<= \(limit)"
      case .atLeast(let limit): ">= \(limit)"
      }
    }
  }

  /// The key in `exercise.md`'s `checks`.
  public var name: String {
    switch self {
    case .elapsed: "elapsed"
    case .running: "running"
    case .existing: "existing"
    case .tasks: "tasks"
    case .output: "output"
    case .outputContains: "output-contains"
    case .exit: "exit"
    case .cancelled: "cancelled"
    case .noOrphans: "orphans"
    case .noPendingAtExit: "pending-at-exit"
    case .blocked: "blocked"
    case .noWarnings: "warnings"
    case .uses: "uses"
    }
  }

  /// Every key `checks` may hold (`within` goes with `cancelled`, `schedules` with the whole list).
  public static let names = [
    "elapsed", "running", "existing", "tasks", "output", "output-contains", "exit", "cancelled", "within",
    "orphans", "pending-at-exit", "blocked", "warnings", "uses", "schedules",
  ]
}
