/// Stand-ins for I/O in the demos: operations that sleep on the demo's clock, then return a
/// value or throw — like `await asyncio.sleep(delay)` in the guide's examples.
public enum SimulatedWork {
  /// An operation that takes `seconds`, then returns `value`.
  public static func returning<C: Clock>(
    _ value: String,
    after seconds: Double,
    on clock: C
  ) -> @Sendable () async throws -> String where C.Duration == Duration {
    {
      try await clock.sleep(for: .seconds(seconds))
      return value
    }
  }

  /// An operation that takes `seconds`, then throws `TaskFailure` for `task`.
  public static func failing<C: Clock>(
    _ task: String,
    after seconds: Double,
    on clock: C
  ) -> @Sendable () async throws -> String where C.Duration == Duration {
    {
      try await clock.sleep(for: .seconds(seconds))
      throw TaskFailure(task: task)
    }
  }
}

/// The error a demo's failing task throws, like the guide's `ValueError("This task failed!")`.
public struct TaskFailure: Error, Equatable, CustomStringConvertible {
  public let task: String
  public var description: String { "\(task) failed" }
}
