/// Runs `operations` concurrently and returns their results in argument order.
///
/// The first operation to throw cancels all the others, and its error is rethrown once they have
/// ended — the semantics of Swift's task groups and of Python's `asyncio.TaskGroup`, not of
/// Python's `asyncio.gather` (which leaves the others running; see ``UnstructuredTasks/gather()``).
/// Cancelling the calling task cancels every operation.
///
/// ```swift
/// let results = try await gather([
///   { try await fetch("A", after: .seconds(3)) },
///   { try await fetch("B", after: .seconds(1)) },
/// ])
/// // results == ["A", "B"], though B finished first
/// ```
///
/// Writing a gather of your own on a task group: each child returns `(index, value)`, and the
/// value must be bound before the tuple is built (`let value = try await op(); return (index,
/// value)`). Swift 6.3.1 with optimisation on can return the wrong index from `do { return
/// (index, try await op()) } catch { … }`; run such code's tests in release mode too.
///
/// - Parameters:
///   - operations: the work to run, one child task each.
///   - clock: the clock the observer's instants are read from.
///   - observer: told when each operation starts and ends.
@inlinable
public func gather<Value: Sendable, C: Clock>(
  _ operations: [@Sendable () async throws -> Value],
  clock: C = ContinuousClock(),
  observer: TaskObserver<Value, C.Instant>? = nil
) async throws -> [Value] {
  try await withThrowingTaskGroup(of: (Int, Value).self) { group in
    for (index, operation) in operations.enumerated() {
      group.addTask {
        // Bind the value before building the tuple: Swift 6.3.1 -O can return the wrong index
        // for `return (index, try await operation())`.
        let value = try await observing(index, clock: clock, observer: observer, operation)
        return (index, value)
      }
    }
    return try await collectInArgumentOrder(&group, count: operations.count)
  }
}

/// Drains `group`, which yields `(index, value)` in completion order, into argument order.
@inlinable
func collectInArgumentOrder<Value: Sendable>(
  _ group: inout ThrowingTaskGroup<(Int, Value), any Error>,
  count: Int
) async throws -> [Value] {
  var slots = [Value?](repeating: nil, count: count)
  for try await (index, value) in group {
    slots[index] = value
  }
  // Every child has returned its value by now, so no slot is empty; `map` sizes the result once
  // where `compactMap` would grow it by doubling.
  return slots.map { $0! }
}
