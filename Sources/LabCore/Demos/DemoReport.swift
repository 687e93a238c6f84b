/// How a demo run ended, measured: the summary, its sentences and the JSON `result` line are
/// drawn from it, and nothing else.
public struct DemoReport: Sendable, Equatable {
  /// How the caller's `await` ended.
  public enum Outcome: String, Sendable {
    case returned, threw, timedOut, interrupted
  }

  /// What one argument slot ended with: the task's fate.
  public enum SlotResult: Sendable, Equatable {
    /// A value; `lost` when the caller never received it (it got an exception or a timeout).
    case value(String, lost: Bool)
    case error(String)
    /// Cancelled; `caught` names the exception the caller's slot holds for it when it received
    /// one (a `TimeoutError` from the task's own deadline), nil when it holds none.
    case cancelled(caught: String? = nil)
    /// The task was never created (a sliding window stopped first, or the run was interrupted).
    case notCreated
    /// The task existed but never ended (the run was interrupted first).
    case unfinished

    /// Cancelled, whatever the caller's slot holds for it.
    public var isCancelled: Bool {
      if case .cancelled = self { true } else { false }
    }
  }

  /// One task of the (last) phase, in argument order: its fate and when things happened to it.
  public struct TaskResult: Sendable, Equatable {
    public var task: String
    /// Its argument index, counted from 0 as Python and Swift count it.
    public var index: Int
    public var result: SlotResult
    /// Its finish rank (1st = 1) when it finished or failed.
    public var rank: Int?
    public var waitingSince: Double?
    public var startedAt: Double?
    public var endedAt: Double?
    /// Still running or waiting when the caller received its error: nobody reads its result.
    public var isOrphan: Bool
    /// When it received its cancellation while it still ran (its cleanup began, or it swallowed it).
    public var cancellingAt: Double?

    public init(
      task: String, index: Int, result: SlotResult, rank: Int? = nil, waitingSince: Double? = nil,
      startedAt: Double? = nil, endedAt: Double? = nil, isOrphan: Bool = false, cancellingAt: Double? = nil
    ) {
      self.cancellingAt = cancellingAt
      self.task = task
      self.index = index
      self.result = result
      self.rank = rank
      self.waitingSince = waitingSince
      self.startedAt = startedAt
      self.endedAt = endedAt
      self.isOrphan = isOrphan
    }

    /// "[1] B".
    public var label: String { "[\(index)] \(task)" }
  }

  /// The time the caller waited in one phase of a demo that has several.
  public struct PhaseTime: Sendable, Equatable {
    public var phase: String
    public var elapsed: Double
  }

  public var demo: String
  public var parameters: DemoParameters
  public var speed: Double
  public var outcome: Outcome
  /// When the caller's `await` returned or threw, in nominal seconds from the (last) phase start.
  public var elapsed: Double
  /// What `elapsed` should be: the nominal expectation.
  public var ideal: Double
  /// How long awaiting the tasks one by one takes (measured when the demo runs it, else nominal).
  public var sequential: Double
  public var phaseTimes: [PhaseTime]
  /// The tasks of the last phase that ran, in argument order.
  public var results: [TaskResult]
  /// What the caller's `await` gave back when it returned: `["A", "B"]`, `done={B}, pending={A, C}`.
  public var received: String?
  /// The error the caller received, if it threw or timed out.
  public var error: String?
  /// Task names in the order they ended (last phase).
  public var finishOrder: [String]
  /// Tasks that were still running or waiting when the caller received its error.
  public var orphans: [String]
  /// When the last orphan ended.
  public var orphansSettledAt: Double?
  /// Most tasks running at once, and most tasks existing at once (running or waiting).
  public var maxRunning: Int
  public var maxExisting: Int
  /// The processor count the demo measured, when its timing depends on it.
  public var cores: Int?
  /// Who ran it, when not Swift: "CPython 3.11.7". Sentences about a run choose by it too.
  public var runtime: String?
  /// Rows beside the tasks, each in a phase of its own that the plan does not list as a phase:
  /// what a consumer did with each result (`as-completed`'s handling), the producer feeding a
  /// queue (`worker-pool`). Not part of the caller's results; sentences read their instants.
  public var sideTasks: [TaskResult] = []

  public init(
    demo: String, parameters: DemoParameters, speed: Double, outcome: Outcome, elapsed: Double, ideal: Double,
    sequential: Double, phaseTimes: [PhaseTime] = [], results: [TaskResult], received: String? = nil,
    error: String? = nil, finishOrder: [String], orphans: [String] = [], orphansSettledAt: Double? = nil,
    maxRunning: Int, maxExisting: Int, cores: Int? = nil
  ) {
    self.demo = demo
    self.parameters = parameters
    self.speed = speed
    self.outcome = outcome
    self.elapsed = elapsed
    self.ideal = ideal
    self.sequential = sequential
    self.phaseTimes = phaseTimes
    self.results = results
    self.received = received
    self.error = error
    self.finishOrder = finishOrder
    self.orphans = orphans
    self.orphansSettledAt = orphansSettledAt
    self.maxRunning = maxRunning
    self.maxExisting = maxExisting
    self.cores = cores
  }

  /// How many times faster than awaiting one by one.
  public var speedup: Double? { elapsed > 0 ? sequential / elapsed : nil }

  /// The speedup, when comparing with one-by-one makes sense: the caller got every task's
  /// outcome (nothing cancelled, lost or unfinished).
  public var meaningfulSpeedup: Double? {
    guard outcome == .returned else { return nil }
    let complete = results.allSatisfy { slot in
      switch slot.result {
      case .value(_, let lost): !lost
      case .error: true
      case .cancelled, .notCreated, .unfinished: false
      }
    }
    return complete ? speedup : nil
  }
}

// MARK: - Facts the sentences are chosen by

extension DemoReport {
  /// Two instants closer than this (nominal seconds) count as the same moment at `speed`: tasks
  /// that end together may report in either order on Swift's thread pool, a few milliseconds of
  /// real time apart. 20 ms nominal, or 5 ms of real time when that is more (the timing bar's
  /// 5 ms × speed): at speed 100, 20 ms nominal is 0.2 ms real, less than a loaded machine's
  /// jitter, and sentences that need two ends to coincide went missing.
  public static func sameMoment(atSpeed speed: Double) -> Double { max(0.02, 0.005 * speed) }

  /// The same moment at this run's speed.
  public var sameMoment: Double { Self.sameMoment(atSpeed: speed) }

  /// Whether two times are the same moment; false when either is missing.
  public func same(_ a: Double?, _ b: Double?) -> Bool {
    guard let a, let b else { return false }
    return abs(a - b) <= sameMoment
  }

  public func tasks(where predicate: (SlotResult) -> Bool) -> [TaskResult] {
    results.filter { predicate($0.result) }
  }

  /// Tasks that returned a value the caller received.
  public var finished: [TaskResult] { tasks { if case .value(_, false) = $0 { true } else { false } } }
  /// Tasks that returned a value the caller never received.
  public var lost: [TaskResult] { tasks { if case .value(_, true) = $0 { true } else { false } } }
  public var failed: [TaskResult] { tasks { if case .error = $0 { true } else { false } } }
  public var cancelled: [TaskResult] { tasks { $0.isCancelled } }
  public var notCreated: [TaskResult] { tasks { $0 == .notCreated } }
  public var unfinished: [TaskResult] { tasks { $0 == .unfinished } }
  /// Tasks that received their cancellation while running, ran their cleanup and then ended cancelled.
  public var cleanedUp: [TaskResult] { cancelled.filter { $0.cancellingAt != nil } }
  /// Tasks that received their cancellation and still ended with a value or an error: they swallowed it.
  public var swallowed: [TaskResult] {
    results.filter { task in
      guard task.cancellingAt != nil else { return false }
      switch task.result {
      case .value, .error: return true
      case .cancelled, .notCreated, .unfinished: return false
      }
    }
  }

  /// Tasks that waited for a slot before they started (the semaphore's queue).
  public var waited: [TaskResult] {
    results.filter { task in
      guard let waitingSince = task.waitingSince else { return false }
      return (task.startedAt ?? .infinity) > waitingSince + sameMoment
    }
  }

  /// How many distinct moments tasks started at: the waves of a bounded gather.
  public var waves: Int { distinctMoments(results.compactMap(\.startedAt)) }

  /// How many distinct moments tasks ended at: the waves of tasks that started together but
  /// shared fewer threads.
  public var endMoments: Int { distinctMoments(results.compactMap(\.endedAt)) }

  /// How many distinct moments `times` holds, times within `sameMoment` of the one before counting once.
  public func distinctMoments(_ times: [Double]) -> Int {
    var moments: [Double] = []
    for time in times.sorted() where moments.last.map({ time - $0 > sameMoment }) ?? true {
      moments.append(time)
    }
    return moments.count
  }

  /// How the order tasks ended in compares with the argument order.
  public enum EndOrder: Sendable, Equatable {
    /// Every task ended after the one before it in the argument list.
    case argumentOrder
    /// Some ended at the same moment, none out of argument order.
    case tied
    /// Some later argument ended clearly before an earlier one.
    case differs
  }

  /// The end order of the tasks that ended, against their argument order.
  public var endOrder: EndOrder {
    let ends = results.compactMap(\.endedAt)
    var tied = false
    for (i, earlier) in ends.enumerated() {
      for later in ends[(i + 1)...] {
        if later < earlier - sameMoment { return .differs }
        if abs(later - earlier) <= sameMoment { tied = true }
      }
    }
    return tied ? .tied : .argumentOrder
  }

  /// The tasks that ended, in the order they ended (ties in argument order).
  public var endedInOrder: [TaskResult] {
    results.filter { $0.endedAt != nil }.sorted { ($0.endedAt ?? 0, $0.index) < ($1.endedAt ?? 0, $1.index) }
  }

  /// The latest end among the tasks, and the longest any task ran.
  public var longestRun: Double? {
    results.compactMap { task in task.startedAt.flatMap { start in task.endedAt.map { $0 - start } } }.max()
  }
}
