/// Runs `operation` over `inputs` behind a semaphore of `limit` permits: the guide's pattern.
///
/// Every input gets its task at once, and all but `limit` of them wait for a permit (reported as
/// ``TaskEvent/waiting``). Concurrency is bounded, memory is not: it grows with the number of
/// inputs. It exists to teach the difference from ``boundedGather(_:limit:clock:observer:operation:)``.
/// The first error cancels every task, running or waiting, and is rethrown.
///
/// - Precondition: `limit` is at least 1.
@inlinable
public func semaphoreGather<Input: Sendable, Value: Sendable, C: Clock>(
  _ inputs: some Sequence<Input>,
  limit: Int,
  clock: C = ContinuousClock(),
  observer: TaskObserver<Value, C.Instant>? = nil,
  operation: @escaping @Sendable (Input) async throws -> Value
) async throws -> [Value] {
  let semaphore = AsyncSemaphore(permits: limit)
  return try await withThrowingTaskGroup(of: (Int, Value).self) { group in
    var count = 0
    for (index, input) in inputs.enumerated() {
      count += 1
      observer?.record(index, .waiting, clock.now)
      // Take the task's place in line now, so permits go out in argument order (as asyncio runs
      // the coroutines in the order gather created them), whichever child task runs first.
      let turn = semaphore.reserve()
      group.addTask {
        do {
          try await semaphore.acquire(turn)
        } catch {
          observer?.record(index, .cancelled, clock.now)
          throw error
        }
        // A failed task keeps its permit: its error ends the whole gather, and handing the permit
        // to a waiting task would only start work that is about to be cancelled.
        let value = try await observing(index, clock: clock, observer: observer) { try await operation(input) }
        semaphore.release()
        return (index, value)
      }
    }
    return try await collectInArgumentOrder(&group, count: count)
  }
}

extension UnstructuredTasks {
  /// The guide's pattern as Python runs it: `asyncio.gather` over coroutines that each take one of
  /// `limit` permits (`async with semaphore:`).
  ///
  /// Every input gets its task now, and all but `limit` wait (reported as ``TaskEvent/waiting``);
  /// permits go out in argument order, and a task gives its permit back however it ends. Like
  /// Python's `gather`, ``gather()`` throws the first error at once while the other tasks go on,
  /// wave after wave, with nobody reading their results; ``semaphoreGather(_:limit:clock:observer:operation:)``
  /// is the structured version, which cancels them.
  ///
  /// ```swift
  /// let tasks = UnstructuredTasks.behindSemaphore(urls, limit: 5) { try await fetch($0) }
  /// let pages = try await tasks.gather()
  /// ```
  ///
  /// - Parameter executor: where the tasks run, as in ``init(_:clock:observer:executor:)``.
  /// - Precondition: `limit` is at least 1.
  public static func behindSemaphore<Input: Sendable, C: Clock>(
    _ inputs: some Sequence<Input>,
    limit: Int,
    clock: C = ContinuousClock(),
    observer: TaskObserver<Value, C.Instant>? = nil,
    executor: (any TaskExecutor)? = TaskPlacement.executor,
    operation: @escaping @Sendable (Input) async throws -> Value
  ) -> UnstructuredTasks<Value> {
    let semaphore = AsyncSemaphore(permits: limit)
    var operations: [@Sendable () async throws -> Value] = []
    for (index, input) in inputs.enumerated() {
      observer?.record(index, .waiting, clock.now)
      // Each task's place in line is taken now, in argument order, as asyncio serves them.
      let turn = semaphore.reserve()
      operations.append {
        do {
          try await semaphore.acquire(turn)
        } catch {
          observer?.record(index, .cancelled, clock.now)
          throw error
        }
        defer { semaphore.release() }
        return try await observing(index, clock: clock, observer: observer) { try await operation(input) }
      }
    }
    return UnstructuredTasks(operations, clock: clock, observer: nil, executor: executor)
  }
}
