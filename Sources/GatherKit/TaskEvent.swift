/// What happened to one operation of a gather, as an observer sees it.
///
/// The life of an operation is `waiting` (only when it must wait for a slot, as in the semaphore
/// pattern), then `started`, then exactly one of `finished`, `failed` or `cancelled`.
public enum TaskEvent<Value: Sendable>: Sendable {
  /// The task exists but waits for a free slot before it may start its work.
  case waiting
  /// The operation began running.
  case started
  /// The operation returned a value.
  case finished(Value)
  /// The operation threw an error other than `CancellationError`.
  case failed(any Error)
  /// The operation ended with `CancellationError`: it was cancelled.
  case cancelled

  /// The event's name without its payload, as the timelines and JSON print it.
  public var name: String {
    switch self {
    case .waiting: "waiting"
    case .started: "started"
    case .finished: "finished"
    case .failed: "failed"
    case .cancelled: "cancelled"
    }
  }
}

/// Receives `(index, event, instant)` for every operation a GatherKit function runs.
///
/// `index` is the operation's position in the argument list, `instant` is read from the clock the
/// function was given. The observer is called from the tasks themselves, concurrently, so it must
/// be cheap and thread-safe.
///
/// ```swift
/// let log = Mutex<[(Int, String)]>([])
/// let observer = TaskObserver<String, ContinuousClock.Instant> { index, event, _ in
///   log.withLock { $0.append((index, event.name)) }
/// }
/// let results = try await gather(operations, observer: observer)
/// ```
public struct TaskObserver<Value: Sendable, Instant: Sendable>: Sendable {
  public let record: @Sendable (_ index: Int, _ event: TaskEvent<Value>, _ instant: Instant) -> Void

  public init(_ record: @escaping @Sendable (_ index: Int, _ event: TaskEvent<Value>, _ instant: Instant) -> Void) {
    self.record = record
  }
}

/// Runs `operation` as the operation at `index`, reporting its start and its end to `observer`.
///
/// Every GatherKit function reports through this; call it yourself to show work that is not
/// gathered, such as awaiting operations one after another:
///
/// ```swift
/// for (index, url) in urls.enumerated() {
///   pages.append(try await observing(index, clock: clock, observer: observer) { try await fetch(url) })
/// }
/// ```
@inlinable
public func observing<Value: Sendable, C: Clock>(
  _ index: Int,
  clock: C,
  observer: TaskObserver<Value, C.Instant>?,
  _ operation: () async throws -> Value
) async throws -> Value {
  guard let observer else { return try await operation() }
  observer.record(index, .started, clock.now)
  do {
    let value = try await operation()
    observer.record(index, .finished(value), clock.now)
    return value
  } catch {
    observer.record(index, error is CancellationError ? .cancelled : .failed(error), clock.now)
    throw error
  }
}
