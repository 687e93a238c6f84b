/// Everything the timeline shows at one moment of a demo run: a pure value, drawn by
/// `TimelineRenderer`. Times are nominal seconds since the demo started.
public struct TimelineSnapshot: Sendable, Equatable {
  /// The demo and its parameters, for the header: "ordering · delays=3,1,2".
  public var title: String
  /// The time scale the demo runs at (shown when not 1).
  public var speed: Double
  /// The current time.
  public var now: Double
  /// How far the time axis should reach at least: the demo's nominal length.
  public var horizon: Double
  /// One row per task, in argument order, phase by phase.
  public var rows: [TimelineRow]
  /// Named phases, in order, when the demo has more than one (the rows carry the phase name).
  public var phases: [String]
  /// When the caller's `await` returned or threw, once it has.
  public var join: TimelineMarker?
  /// A timeout's deadline, if the demo has one.
  public var deadline: Double?
  /// The demo has ended: the frame is final.
  public var isFinal: Bool
  /// Task rows to point at (a prediction's verdict): drawn with `▶` and in bold.
  public var highlight: Set<String> = []
  /// The run was stopped (Ctrl-C) before it ended by itself: the header says so.
  public var isInterrupted: Bool

  public init(
    title: String,
    speed: Double = 1,
    now: Double,
    horizon: Double,
    rows: [TimelineRow],
    phases: [String] = [],
    join: TimelineMarker? = nil,
    deadline: Double? = nil,
    isFinal: Bool = false,
    isInterrupted: Bool = false
  ) {
    self.title = title
    self.speed = speed
    self.now = now
    self.horizon = horizon
    self.rows = rows
    self.phases = phases
    self.join = join
    self.deadline = deadline
    self.isFinal = isFinal
    self.isInterrupted = isInterrupted
  }
}

/// A moment marked on the time axis, with what happened then: "gather returned".
public struct TimelineMarker: Sendable, Equatable {
  public var time: Double
  public var label: String

  public init(time: Double, label: String) {
    self.time = time
    self.label = label
  }
}

/// One task on the timeline: its name, its argument index, its plan and what it has done so far.
public struct TimelineRow: Sendable, Equatable {
  /// Where a task is in its life.
  public enum State: Sendable, Equatable {
    /// Not created yet: its gather has not begun, or a sliding window has not reached it.
    case notCreated
    /// Created, waiting for a slot.
    case waiting
    /// Running its work.
    case running
    /// Returned `value`.
    case finished(value: String)
    /// Threw `error`.
    case failed(error: String)
    /// Was cancelled.
    case cancelled

    public var hasEnded: Bool {
      switch self {
      case .finished, .failed, .cancelled: true
      case .notCreated, .waiting, .running: false
      }
    }
  }

  /// The task's letter: A, B, C…
  public var name: String
  /// Its position in the argument list, counted as Python and Swift count it: `[0] A`, `[1] B`;
  /// the index of its result in the list the caller gets.
  public var index: Int
  /// The phase it belongs to, when the demo has several.
  public var phase: String?
  public var state: State
  /// How long its work should take once started, in nominal seconds, when the plan says: the
  /// timeline keeps the rest of it in view when the task ends early (cancelled, interrupted).
  public var plannedDuration: Double?
  /// When it began waiting for a slot.
  public var waitingSince: Double?
  /// When its work began.
  public var startedAt: Double?
  /// When it received its cancellation while still running: what it did from then on is its
  /// cleanup, or, if it ended other than cancelled, work past a cancellation it swallowed.
  public var cancellingSince: Double?
  /// When it finished, failed or was cancelled.
  public var endedAt: Double?
  /// Its place in the order tasks ended (1 = first), once it has ended.
  public var finishRank: Int?
  /// It kept running after the caller had already received an error: nobody will read its result.
  public var isOrphan: Bool

  public init(
    name: String,
    index: Int,
    phase: String? = nil,
    state: State = .notCreated,
    plannedDuration: Double? = nil,
    waitingSince: Double? = nil,
    startedAt: Double? = nil,
    endedAt: Double? = nil,
    finishRank: Int? = nil,
    isOrphan: Bool = false,
    cancellingSince: Double? = nil
  ) {
    self.name = name
    self.index = index
    self.phase = phase
    self.state = state
    self.plannedDuration = plannedDuration
    self.waitingSince = waitingSince
    self.startedAt = startedAt
    self.endedAt = endedAt
    self.finishRank = finishRank
    self.isOrphan = isOrphan
    self.cancellingSince = cancellingSince
  }
}

extension TimelineRow {
  /// It received a cancellation and still ended with a value or an error: it swallowed it.
  public var swallowedCancellation: Bool {
    guard cancellingSince != nil else { return false }
    switch state {
    case .finished, .failed: return true
    case .notCreated, .waiting, .running, .cancelled: return false
    }
  }

  /// When its plan says it would have ended: its start plus its planned duration.
  public var plannedEnd: Double? {
    guard let startedAt, let plannedDuration else { return nil }
    return startedAt + plannedDuration
  }
}
