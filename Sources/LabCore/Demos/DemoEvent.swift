/// Something that happened during a demo, as the transcript and the JSON Lines report it.
public enum DemoLogEntry: Sendable, Equatable {
  /// A phase began (demos that run the same work two ways).
  case phase(name: String, number: Int, time: Double)
  /// A task changed state.
  case event(DemoEvent)
  /// The caller's `await` returned or threw.
  case join(time: Double, label: String, detail: String)
}

/// One state change of one task. `time` is nominal seconds since the demo started, measured.
public struct DemoEvent: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case started, waiting, finished, failed, cancelled
  }

  public var time: Double
  public var task: String
  public var kind: Kind
  public var value: String?
  public var error: String?
  public var phase: String?
  /// The task was still running when the caller received an error: its result is lost.
  public var isOrphan: Bool

  public init(
    time: Double,
    task: String,
    kind: Kind,
    value: String? = nil,
    error: String? = nil,
    phase: String? = nil,
    isOrphan: Bool = false
  ) {
    self.time = time
    self.task = task
    self.kind = kind
    self.value = value
    self.error = error
    self.phase = phase
    self.isOrphan = isOrphan
  }
}
