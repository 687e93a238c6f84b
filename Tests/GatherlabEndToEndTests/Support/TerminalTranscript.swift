import Synchronization

/// Everything a pseudo-terminal session has produced so far, shared by the thread that reads the
/// terminal, the thread that waits for the child to exit, and the test, which can sleep until it
/// changes.
final class TerminalTranscript: Sendable {
  /// A window size and the output byte from which it applies.
  struct Size: Sendable, Equatable {
    var fromByte: Int
    var rows: Int
    var columns: Int
  }

  struct Snapshot: Sendable {
    var output: [UInt8]
    var sizes: [Size]
    /// The terminal reported end of output: every process holding it has gone.
    var outputEnded: Bool
    /// How the child ended, once it has.
    var exit: ExitStatus?
    /// The errno of a failure to wait for the child, which leaves `exit` unknown.
    var waitFailure: Int32?
    var version: Int

    /// What a person would see now, the output replayed at the sizes the terminal had.
    var screen: TerminalScreen {
      var screen = TerminalScreen(rows: sizes[0].rows, columns: sizes[0].columns)
      var start = 0
      for size in sizes.dropFirst() {
        let end = min(size.fromByte, output.count)
        screen.feed(String(decoding: output[start..<end], as: UTF8.self))
        screen.resize(rows: size.rows, columns: size.columns)
        start = end
      }
      screen.feed(String(decoding: output[start...], as: UTF8.self))
      return screen
    }
  }

  private enum Waiter {
    case waiting(CheckedContinuation<Void, Never>)
    case resumed
    case cancelled
  }

  private struct State {
    var snapshot: Snapshot
    var waiters: [Int: Waiter] = [:]
    var nextWaiter = 0
  }

  private let state: Mutex<State>

  init(rows: Int, columns: Int) {
    let snapshot = Snapshot(
      output: [],
      sizes: [Size(fromByte: 0, rows: rows, columns: columns)],
      outputEnded: false,
      exit: nil,
      waitFailure: nil,
      version: 0
    )
    state = Mutex(State(snapshot: snapshot))
  }

  var snapshot: Snapshot {
    state.withLock { $0.snapshot }
  }

  func append(_ bytes: UnsafeRawBufferPointer) {
    change { $0.output.append(contentsOf: bytes) }
  }

  func endOutput() {
    change { $0.outputEnded = true }
  }

  func recordExit(_ exit: ExitStatus) {
    change { $0.exit = exit }
  }

  func recordWaitFailure(errno: Int32) {
    change { $0.waitFailure = errno }
  }

  func recordResize(rows: Int, columns: Int) {
    change { $0.sizes.append(Size(fromByte: $0.output.count, rows: rows, columns: columns)) }
  }

  private func change(_ body: (inout Snapshot) -> Void) {
    let waiting = state.withLock { state in
      body(&state.snapshot)
      state.snapshot.version += 1
      var waiting: [CheckedContinuation<Void, Never>] = []
      for (id, waiter) in state.waiters {
        if case .waiting(let continuation) = waiter {
          waiting.append(continuation)
          state.waiters[id] = .resumed
        }
      }
      return waiting
    }
    for continuation in waiting {
      continuation.resume()
    }
  }

  /// Returns once the transcript differs from `version`, or at `deadline`, whichever comes first.
  func waitForChange(from version: Int, until deadline: ContinuousClock.Instant) async {
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await self.nextChange(from: version) }
      group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
      await group.next()
      group.cancelAll()
    }
  }

  private func nextChange(from version: Int) async {
    let id = state.withLock { state in
      state.nextWaiter += 1
      return state.nextWaiter
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        let resumeNow = state.withLock { state in
          if state.snapshot.version != version || state.waiters[id] != nil {
            return true  // changed already, or cancelled before it could wait
          }
          state.waiters[id] = .waiting(continuation)
          return false
        }
        if resumeNow {
          continuation.resume()
        }
      }
      state.withLock { _ = $0.waiters.removeValue(forKey: id) }
    } onCancel: {
      let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
        switch state.waiters[id] {
        case .waiting(let continuation):
          state.waiters[id] = .resumed
          return continuation
        case nil:
          state.waiters[id] = .cancelled
          return nil
        case .resumed, .cancelled:
          return nil
        }
      }
      continuation?.resume()
    }
  }
}
