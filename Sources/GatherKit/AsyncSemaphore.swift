import Synchronization

/// A counting semaphore for tasks: `acquire()` suspends while no permit is free.
///
/// Permits are handed out strictly in the order places in line were taken. `acquire()` takes its
/// place when called; `reserve()` takes one ahead of time, so that tasks started one after another
/// are served in that order whichever of them happens to run first — as asyncio serves coroutines
/// in the order they were created. A task cancelled while waiting stops waiting and `acquire`
/// throws `CancellationError`; cancellation never leaks a permit.
///
/// ```swift
/// let semaphore = AsyncSemaphore(permits: 10)
/// try await semaphore.withPermit { try await download(url) }
/// ```
public final class AsyncSemaphore: Sendable {
  /// A place in line, taken by `reserve()` and redeemed by `acquire(_:)`.
  public struct Turn: Sendable, Hashable {
    let ticket: UInt64
  }

  private typealias Continuation = CheckedContinuation<Void, any Error>

  private enum Place {
    /// In line; its task has not asked for the permit yet.
    case reserved
    /// In line, its task suspended in `acquire`.
    case waiting(Continuation)
    /// Served: the permit is held for it until its task comes to take it.
    case granted
  }

  private struct State {
    var permits: Int
    var places: [UInt64: Place] = [:]
    /// Tickets in line, from `head` on; served and cancelled ones are skipped. Serving the next
    /// one is O(1) however many wait (the guide's pattern makes every task but `limit` wait here).
    var line: [UInt64] = []
    var head = 0
    var nextTicket: UInt64 = 0

    mutating func reserve() -> UInt64 {
      nextTicket += 1
      places[nextTicket] = .reserved
      line.append(nextTicket)
      return nextTicket
    }

    /// Hands free permits to the front of the line; returns the waiting tasks to resume.
    mutating func serve() -> [Continuation] {
      var resumed: [Continuation] = []
      while permits > 0, head < line.count {
        let ticket = line[head]
        head += 1
        switch places[ticket] {
        case .reserved:
          places[ticket] = .granted
          permits -= 1
        case .waiting(let continuation):
          places[ticket] = nil
          permits -= 1
          resumed.append(continuation)
        case .granted, nil:
          break
        }
      }
      // Drop the served tickets once they are half the line: amortized O(1) each.
      if head >= 64, head * 2 >= line.count {
        line.removeFirst(head)
        head = 0
      }
      return resumed
    }
  }

  private let state: Mutex<State>

  /// - Precondition: `permits` is at least 1.
  public init(permits: Int) {
    precondition(permits >= 1, "AsyncSemaphore needs at least one permit, got \(permits)")
    state = Mutex(State(permits: permits))
  }

  /// Takes a place in line now, to be redeemed later with `acquire(_:)`.
  public func reserve() -> Turn {
    let (ticket, resumed) = state.withLock { state in
      let ticket = state.reserve()
      return (ticket, state.serve())
    }
    resumed.forEach { $0.resume() }
    return Turn(ticket: ticket)
  }

  /// Takes a permit, waiting for one if none is free.
  public func acquire() async throws {
    try await acquire(reserve())
  }

  /// Takes the permit for `turn`, waiting until every earlier turn has been served.
  public func acquire(_ turn: Turn) async throws {
    let ticket = turn.ticket
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: Continuation) in
        enum Outcome { case acquired, wait, cancelled([Continuation]) }
        let outcome = state.withLock { state -> Outcome in
          guard !Task.isCancelled else {
            // Leave the line; a permit held for this turn goes to the next one.
            if case .granted = state.places.removeValue(forKey: ticket) { state.permits += 1 }
            return .cancelled(state.serve())
          }
          if case .granted = state.places[ticket] {
            state.places[ticket] = nil
            return .acquired
          }
          state.places[ticket] = .waiting(continuation)
          return .wait
        }
        switch outcome {
        case .acquired:
          continuation.resume()
        case .wait:
          break
        case .cancelled(let resumed):
          resumed.forEach { $0.resume() }
          continuation.resume(throwing: CancellationError())
        }
      }
    } onCancel: {
      let continuation = state.withLock { state -> Continuation? in
        guard case .waiting(let continuation) = state.places[ticket] else { return nil }
        state.places[ticket] = nil
        return continuation
      }
      continuation?.resume(throwing: CancellationError())
    }
  }

  /// Gives a permit back; it goes to the front of the line if anyone is in it.
  public func release() {
    let resumed = state.withLock { state in
      state.permits += 1
      return state.serve()
    }
    resumed.forEach { $0.resume() }
  }

  /// Runs `body` holding a permit, and releases it however `body` ends.
  public func withPermit<Value>(_ body: () async throws -> Value) async throws -> Value {
    try await acquire()
    defer { release() }
    return try await body()
  }
}
