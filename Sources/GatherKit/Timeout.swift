/// Thrown by ``withTimeout(_:clock:operation:)`` when the deadline passes first.
public struct TimeoutError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The time limit that ran out, as written (for example "5.0 seconds").
  public let limit: String

  public init(limit: String) {
    self.limit = limit
  }

  public var description: String { "timed out after \(limit)" }
}

/// Runs `operation` with a time limit measured on `clock`.
///
/// If the limit passes before `operation` ends, `operation` is cancelled and, once it has ended,
/// ``TimeoutError`` is thrown; whatever it had done is lost. This is what Python's
/// `asyncio.timeout()` and `asyncio.wait_for()` do. Cancellation is cooperative: an operation that
/// ignores it delays the throw until it ends.
///
/// ```swift
/// let results = try await withTimeout(.seconds(5)) {
///   try await gather(fetches)
/// }
/// ```
@inlinable
public func withTimeout<Value: Sendable, C: Clock>(
  _ limit: C.Duration,
  clock: C = ContinuousClock(),
  operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
  try await withThrowingTaskGroup(of: Value.self) { group in
    group.addTask { try await operation() }
    group.addTask {
      try await clock.sleep(for: limit)
      throw TimeoutError(limit: "\(limit)")
    }
    defer { group.cancelAll() }
    // The first child to end decides: the operation's value, its error, or the timer's error.
    guard let value = try await group.next() else { throw CancellationError() }
    return value
  }
}
