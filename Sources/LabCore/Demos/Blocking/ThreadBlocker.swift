import Foundation
import Synchronization

/// How the `blocking` demo's tasks block a thread, as `time.sleep` does inside a coroutine.
///
/// A blocking call cannot run on a test clock, so the demo reaches threads only through this:
/// the real one blocks the pool thread the task runs on (and spawns a thread for
/// `asyncio.to_thread`'s analogue); a test's stand-in models the pool with `cores` permits and
/// sleeps on its test clock.
public protocol ThreadBlocker: Sendable {
  /// How many threads Swift's pool runs tasks on: this machine's active processor count.
  var cores: Int { get }
  /// Runs `body` as a task of the pool runs: once a pool thread is free for it.
  func onPoolThread<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T
  /// Blocks the calling thread for `seconds` nominal seconds of `clock`, like `time.sleep`.
  func block<C: Clock>(for seconds: Double, on clock: C) async throws where C.Duration == Duration
  /// The same blocking call on a thread of its own, suspending until it ends (`asyncio.to_thread`).
  func blockOnOwnThread<C: Clock>(for seconds: Double, on clock: C) async throws where C.Duration == Duration
}

/// Blocks real threads: Swift's cooperative pool has one per processor, so tasks that block it
/// run that many at a time. Blocking is done in slices of at most 10 ms so that Ctrl-C still
/// ends a run within 100 ms.
public struct RealThreadBlocker: ThreadBlocker {
  public init() {}

  public var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

  public func onPoolThread<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
    // A task's body already runs on a pool thread; there is nothing to add.
    try await body()
  }

  public func block<C: Clock>(for seconds: Double, on clock: C) async throws where C.Duration == Duration {
    try Self.sleepBlocking(Self.realSeconds(seconds, on: clock)) { Task.isCancelled }
  }

  public func blockOnOwnThread<C: Clock>(for seconds: Double, on clock: C) async throws where C.Duration == Duration {
    let real = Self.realSeconds(seconds, on: clock)
    let box = CancelFlag()
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        Thread.detachNewThread {
          do {
            try Self.sleepBlocking(real) { box.isSet }
            continuation.resume()
          } catch {
            continuation.resume(throwing: error)
          }
        }
      }
    } onCancel: {
      box.set()
    }
  }

  /// Nominal seconds as real seconds: a `ScaledClock` runs `speed` times faster.
  static func realSeconds<C: Clock>(_ seconds: Double, on clock: C) -> Double {
    seconds / ((clock as? ScaledClock)?.speed ?? 1)
  }

  /// Blocks this thread for `seconds`, in slices, throwing `CancellationError` once `isCancelled`.
  static func sleepBlocking(_ seconds: Double, isCancelled: () -> Bool) throws {
    let end = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < end {
      if isCancelled() { throw CancellationError() }
      let left = ContinuousClock.now.duration(to: end)
      let slice = min(left, .milliseconds(10))
      let components = slice.components
      usleep(UInt32(max(0, components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000)))
    }
  }
}

/// A flag the cancellation handler sets and the blocked thread reads.
private final class CancelFlag: Sendable {
  private let flag = Atomic<Bool>(false)
  var isSet: Bool { flag.load(ordering: .acquiring) }
  func set() { flag.store(true, ordering: .releasing) }
}
