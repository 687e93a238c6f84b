/// Something that happened during a demo, as the transcript, the JSON Lines and recordings report
/// it. A Swift run, a Python twin and a replayed recording all produce the same entries, and
/// `RunTimeline` turns any stream of them into the timeline and the report.
public enum DemoLogEntry: Sendable, Equatable {
  /// A phase began (demos that run the same work two ways).
  case phase(name: String, number: Int, time: Double)
  /// A task changed state.
  case event(DemoEvent)
  /// The caller's `await` returned or threw.
  case join(DemoJoin)
  /// A timeout's deadline is set: it passes at `time`.
  case deadline(time: Double)

  /// When it happened, in nominal seconds since the run started.
  public var time: Double {
    switch self {
    case .phase(_, _, let time): time
    case .event(let event): event.time
    case .join(let join): join.time
    case .deadline(let time): time
    }
  }
}

/// The moment the caller's `await` resumed, and how: what the timeline marks with `▲`.
public struct DemoJoin: Sendable, Equatable {
  public var time: Double
  /// What resumed: "gather returned", "error reached the caller".
  public var label: String
  /// What the caller received, as shown in the plain transcript: `["A", "B"]`, `A failed`.
  public var detail: String
  public var outcome: DemoReport.Outcome
  /// The error the caller received, when it threw or timed out.
  public var error: String?
  /// What each argument slot of the list the caller received holds, as the runtime writes it
  /// (`"A"`, `TimeoutError()`), when it returned one.
  public var slots: [String]?

  public init(
    time: Double, label: String, detail: String, outcome: DemoReport.Outcome, error: String? = nil, slots: [String]? = nil
  ) {
    self.time = time
    self.label = label
    self.detail = detail
    self.outcome = outcome
    self.error = error
    self.slots = slots
  }
}

/// One state change of one task. `time` is nominal seconds since the demo started, measured.
public struct DemoEvent: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    case started, waiting, finished, failed, cancelled
    /// The task received its cancellation and is still running: its cleanup (or, if it swallowed
    /// the cancellation, more work). Python calls a task in this state `cancelling()`.
    case cancelling
  }

  public var time: Double
  public var task: String
  public var kind: Kind
  public var value: String?
  public var error: String?
  public var phase: String?
  /// The task was still running when the caller received an error: its result is lost.
  public var isOrphan: Bool
  /// The task's argument index in its phase (`[1] B`), filled in by `RunTimeline`.
  public var index: Int?
  /// Its finish rank (1st, 2nd…) when it finished or failed, filled in by `RunTimeline`.
  public var rank: Int?

  public init(
    time: Double,
    task: String,
    kind: Kind,
    value: String? = nil,
    error: String? = nil,
    phase: String? = nil,
    isOrphan: Bool = false,
    index: Int? = nil,
    rank: Int? = nil
  ) {
    self.time = time
    self.task = task
    self.kind = kind
    self.value = value
    self.error = error
    self.phase = phase
    self.isOrphan = isOrphan
    self.index = index
    self.rank = rank
  }
}
