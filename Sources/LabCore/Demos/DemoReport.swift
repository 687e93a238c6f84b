/// How a demo run ended, measured: the summary and the JSON `result` line are drawn from it.
public struct DemoReport: Sendable, Equatable {
  /// How the caller's `await` ended.
  public enum Outcome: String, Sendable {
    case returned, threw, timedOut, interrupted
  }

  /// What one argument slot ended with.
  public enum SlotResult: Sendable, Equatable {
    /// A value; `lost` when the caller never received it (it had already thrown).
    case value(String, lost: Bool)
    case error(String)
    case cancelled
    /// The task never ended (the run was interrupted first).
    case unfinished
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
  /// Task names and results of the last phase, in argument order.
  public var results: [(task: String, result: SlotResult)]
  /// The error the caller received, if it threw or timed out.
  public var error: String?
  /// Task names in the order they ended (last phase).
  public var finishOrder: [String]
  /// Tasks that were still running when the caller received its error.
  public var orphans: [String]
  /// When the last orphan ended.
  public var orphansSettledAt: Double?
  /// Most tasks running at once, and most tasks existing at once (running or waiting).
  public var maxRunning: Int
  public var maxExisting: Int

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
      case .cancelled, .unfinished: false
      }
    }
    return complete ? speedup : nil
  }

  public static func == (lhs: DemoReport, rhs: DemoReport) -> Bool {
    lhs.demo == rhs.demo && lhs.parameters == rhs.parameters && lhs.speed == rhs.speed
      && lhs.outcome == rhs.outcome && lhs.elapsed == rhs.elapsed && lhs.ideal == rhs.ideal
      && lhs.sequential == rhs.sequential && lhs.phaseTimes == rhs.phaseTimes
      && lhs.results.map(\.task) == rhs.results.map(\.task) && lhs.results.map(\.result) == rhs.results.map(\.result)
      && lhs.error == rhs.error && lhs.finishOrder == rhs.finishOrder && lhs.orphans == rhs.orphans
      && lhs.orphansSettledAt == rhs.orphansSettledAt && lhs.maxRunning == rhs.maxRunning
      && lhs.maxExisting == rhs.maxExisting
  }
}
