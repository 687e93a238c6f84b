/// Runs `operation` over `inputs` with at most `limit` in flight, results in input order.
///
/// A sliding window: `limit` child tasks are started, and each time one ends the next input gets
/// a task. Only `limit` tasks ever exist at once, so memory stays O(limit) however long `inputs`
/// is (the results array aside). The first error cancels the tasks in flight, starts no more, and
/// is rethrown.
///
/// Compare ``semaphoreGather(_:limit:clock:observer:operation:)``, the pattern from the guide,
/// which creates every task up front and makes all but `limit` of them wait.
///
/// ```swift
/// let pages = try await boundedGather(urls, limit: 10) { url in
///   try await download(url)
/// }
/// ```
///
/// - Precondition: `limit` is at least 1.
@inlinable
public func boundedGather<Input: Sendable, Value: Sendable, C: Clock>(
  _ inputs: some Sequence<Input>,
  limit: Int,
  clock: C = ContinuousClock(),
  observer: TaskObserver<Value, C.Instant>? = nil,
  operation: @escaping @Sendable (Input) async throws -> Value
) async throws -> [Value] {
  precondition(limit >= 1, "boundedGather needs a limit of at least 1, got \(limit)")
  return try await withThrowingTaskGroup(of: (Int, Value).self) { group in
    var slots: [Value?] = []
    // Sized once where the count is known (arrays, ranges): growing by doubling would copy the
    // slots and hold the old and the new buffer at once, the one cost here that grows with N.
    slots.reserveCapacity(inputs.underestimatedCount)
    var pending = inputs.makeIterator()
    func startNext() -> Bool {
      guard let input = pending.next() else { return false }
      let index = slots.count
      slots.append(nil)
      group.addTask {
        let value = try await observing(index, clock: clock, observer: observer) { try await operation(input) }
        return (index, value)
      }
      return true
    }
    var inFlight = 0
    while inFlight < limit, startNext() {
      inFlight += 1
    }
    while let (index, value) = try await group.next() {
      slots[index] = value
      if !startNext() {
        inFlight -= 1
      }
    }
    // Every task has returned its value by now, so no slot is empty; `map` sizes the result once.
    return slots.map { $0! }
  }
}
