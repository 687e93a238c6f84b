import Synchronization

/// Runs what a cancelled task must still await — its cleanup, or the rest of the work of a task
/// that swallows its cancellation — in a task of its own, which that cancellation does not reach.
///
/// Python delivers a cancellation once, as one `CancelledError`: an `except` block may then await
/// its cleanup. Swift's cancellation is a flag that stays set, so every sleep in the cancelled
/// task itself would throw at once. Only `interrupt()` (Ctrl-C) stops shielded work, as a second
/// cancellation would in Python: then `run` throws `CancellationError`.
///
/// ```swift
/// } catch {
///   try await shield.run { try await clock.sleep(for: .seconds(0.5)) }  // close the connection
///   throw error
/// }
/// ```
final class CancellationShield: Sendable {
  private struct State {
    var interrupted = false
    var tasks: [Task<Void, any Error>] = []
  }

  private let state = Mutex(State())

  /// Runs `work` to its end, however cancelled the calling task is, and rethrows what it throws
  /// (`CancellationError` once interrupted).
  func run(_ work: @escaping @Sendable () async throws -> Void) async throws {
    // Started at once, on this thread, up to its first suspension: its sleep is on the clock before
    // this task waits for it (a test clock moving on in between would make it wake late).
    let task = Task<Void, any Error>.immediate { try await work() }
    let interrupted = state.withLock { state in
      state.tasks.append(task)
      return state.interrupted
    }
    if interrupted { task.cancel() }
    try await task.value
  }

  /// Stops shielded work now and from now on: the run is being interrupted.
  func interrupt() {
    let tasks = state.withLock { state in
      state.interrupted = true
      return state.tasks
    }
    for task in tasks { task.cancel() }
  }
}
