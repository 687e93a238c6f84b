/// A span in which a task waited for its turn: on a Lock, a Semaphore, a Queue's `get` or `put`,
/// an Event, a Condition or a Barrier (the tracer's `await` lines, DESIGN §10). A task in one is
/// alive but not running: the `running` check does not count it.
public struct TurnWait: Sendable, Equatable {
  public var id: Int
  /// What it waited on, as the tracer said: `Lock`, `Semaphore`, `Queue.get`, ….
  public var on: String
  public var from: Double
  /// nil: still waiting when the trace ended.
  public var to: Double?

  public init(id: Int, on: String, from: Double, to: Double? = nil) {
    self.id = id
    self.on = on
    self.from = from
    self.to = to
  }

  /// Whether waiting on `on` (an `await` line's label) is waiting for a turn, not for work
  /// (a sleep, I/O, a thread, another task).
  public static func waitsForATurn(_ on: String) -> Bool {
    on.hasPrefix("Queue.") || ["Lock", "Semaphore", "BoundedSemaphore", "Condition", "Event", "Barrier"].contains(on)
  }
}
