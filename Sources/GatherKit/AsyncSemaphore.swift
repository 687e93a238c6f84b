import Synchronization

/// A counting semaphore for tasks: `acquire()` suspends while no permit is free.
///
/// Waiters are served first come, first served. A waiting task that is cancelled stops waiting
/// and `acquire()` throws `CancellationError`, so cancellation never leaks a permit.
///
/// ```swift
/// let semaphore = AsyncSemaphore(permits: 10)
/// try await semaphore.withPermit { try await download(url) }
/// ```
public final class AsyncSemaphore: Sendable {
  private typealias Continuation = CheckedContinuation<Void, any Error>

  private struct State {
    var permits: Int
    /// The waiting tasks by ticket. A cancelled waiter leaves at once; its ticket stays in `queue`.
    var waiters: [UInt64: Continuation] = [:]
    /// Tickets in arrival order from `head` on, so that serving the longest waiter is O(1) however
    /// many wait (the guide's pattern makes every task but `limit` wait here).
    var queue: [UInt64] = []
    var head = 0
    var nextTicket: UInt64 = 0

    mutating func enqueue(_ ticket: UInt64, _ continuation: Continuation) {
      waiters[ticket] = continuation
      queue.append(ticket)
    }

    /// Takes the longest waiter still waiting, skipping the tickets of cancelled ones.
    mutating func dequeue() -> Continuation? {
      while head < queue.count {
        let ticket = queue[head]
        head += 1
        if let continuation = waiters.removeValue(forKey: ticket) {
          // Drop the served tickets once they are half the queue: amortized O(1) per waiter.
          if head >= 64, head * 2 >= queue.count {
            queue.removeFirst(head)
            head = 0
          }
          return continuation
        }
      }
      queue.removeAll(keepingCapacity: true)
      head = 0
      return nil
    }
  }

  private enum Decision {
    case cancelled, acquired, waiting
  }

  private let state: Mutex<State>

  /// - Precondition: `permits` is at least 1.
  public init(permits: Int) {
    precondition(permits >= 1, "AsyncSemaphore needs at least one permit, got \(permits)")
    state = Mutex(State(permits: permits))
  }

  /// Takes a permit, waiting for one if none is free.
  public func acquire() async throws {
    let ticket: UInt64? = state.withLock { state in
      if state.permits > 0 {
        state.permits -= 1
        return nil
      }
      state.nextTicket += 1
      return state.nextTicket
    }
    guard let ticket else { return }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: Continuation) in
        // Decide again, under the same lock as `release()`: a permit given back since the check
        // above found no waiter to hand it to, so this task must take it now or wait forever.
        let decision = state.withLock { state -> Decision in
          if Task.isCancelled { return .cancelled }
          if state.permits > 0 {
            state.permits -= 1
            return .acquired
          }
          state.enqueue(ticket, continuation)
          return .waiting
        }
        switch decision {
        case .cancelled: continuation.resume(throwing: CancellationError())
        case .acquired: continuation.resume()
        case .waiting: break
        }
      }
    } onCancel: {
      let continuation = state.withLock { $0.waiters.removeValue(forKey: ticket) }
      continuation?.resume(throwing: CancellationError())
    }
  }

  /// Gives a permit back, handing it straight to the longest waiter if there is one.
  public func release() {
    let waiter = state.withLock { state -> Continuation? in
      if let waiter = state.dequeue() { return waiter }
      state.permits += 1
      return nil
    }
    waiter?.resume()
  }

  /// Runs `body` holding a permit, and releases it however `body` ends.
  public func withPermit<Value>(_ body: () async throws -> Value) async throws -> Value {
    try await acquire()
    defer { release() }
    return try await body()
  }
}
