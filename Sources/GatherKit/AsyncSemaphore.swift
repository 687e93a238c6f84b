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
  private struct Waiter {
    let id: UInt64
    let continuation: CheckedContinuation<Void, any Error>
  }

  private struct State {
    var permits: Int
    var waiters: [Waiter] = []
    var nextID: UInt64 = 0
  }

  private let state: Mutex<State>

  /// - Precondition: `permits` is at least 1.
  public init(permits: Int) {
    precondition(permits >= 1, "AsyncSemaphore needs at least one permit, got \(permits)")
    state = Mutex(State(permits: permits))
  }

  /// Takes a permit, waiting for one if none is free.
  public func acquire() async throws {
    let id: UInt64? = state.withLock { state in
      if state.permits > 0 {
        state.permits -= 1
        return nil
      }
      state.nextID += 1
      return state.nextID
    }
    guard let id else { return }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        let cancelledEarly = state.withLock { state in
          if Task.isCancelled { return true }
          state.waiters.append(Waiter(id: id, continuation: continuation))
          return false
        }
        if cancelledEarly {
          continuation.resume(throwing: CancellationError())
        }
      }
    } onCancel: {
      let waiter = state.withLock { state -> Waiter? in
        guard let position = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return state.waiters.remove(at: position)
      }
      waiter?.continuation.resume(throwing: CancellationError())
    }
  }

  /// Gives a permit back, handing it straight to the longest waiter if there is one.
  public func release() {
    let waiter = state.withLock { state -> Waiter? in
      if state.waiters.isEmpty {
        state.permits += 1
        return nil
      }
      return state.waiters.removeFirst()
    }
    waiter?.continuation.resume()
  }

  /// Runs `body` holding a permit, and releases it however `body` ends.
  public func withPermit<Value>(_ body: () async throws -> Value) async throws -> Value {
    try await acquire()
    defer { release() }
    return try await body()
  }
}
