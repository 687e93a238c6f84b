/// Runs `operations` concurrently and returns every outcome, value or error, in argument order.
///
/// Nothing is cancelled when an operation fails: this is Python's
/// `asyncio.gather(..., return_exceptions=True)`. It returns when the last operation has ended.
/// Cancelling the calling task cancels every operation, whose slots then hold `CancellationError`.
///
/// ```swift
/// let outcomes = await gatherSettled([
///   { throw LookupError.notFound },
///   { try await fetch("B", after: .seconds(2)) },
/// ])
/// // outcomes[0] is .failure(LookupError.notFound), outcomes[1] is .success("B")
/// ```
@inlinable
public func gatherSettled<Value: Sendable, C: Clock>(
  _ operations: [@Sendable () async throws -> Value],
  clock: C = ContinuousClock(),
  observer: TaskObserver<Value, C.Instant>? = nil
) async -> [Result<Value, any Error>] {
  await withTaskGroup(of: (Int, Result<Value, any Error>).self) { group in
    for (index, operation) in operations.enumerated() {
      group.addTask {
        do {
          let value = try await observing(index, clock: clock, observer: observer, operation)
          return (index, .success(value))
        } catch {
          return (index, .failure(error))
        }
      }
    }
    var slots = [Result<Value, any Error>?](repeating: nil, count: operations.count)
    for await (index, outcome) in group {
      slots[index] = outcome
    }
    return slots.compactMap { $0 }
  }
}
