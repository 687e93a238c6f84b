import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Catches Ctrl-C (SIGINT) and hands it to whoever handles it now, instead of letting it kill
/// the process.
///
/// One dispatch source serves the whole process (libdispatch reads the signal from a signalfd,
/// so the signal must be blocked in every thread — `gatherlab` does that first thing). Handlers
/// stack: the walkthrough's prompt handles Ctrl-C until a demo starts, the demo handles it
/// while it runs, and the prompt has it back when the demo's handler is removed.
///
/// ```swift
/// let handler = InterruptSignal.shared.push { task.cancel() }
/// defer { InterruptSignal.shared.remove(handler) }
/// ```
public final class InterruptSignal: Sendable {
  public static let shared = InterruptSignal()

  /// Identifies a pushed handler, for `remove(_:)`.
  public struct Handler: Sendable, Equatable {
    let id: UInt64
  }

  private struct State {
    var handlers: [(id: UInt64, action: @Sendable () -> Void)] = []
    var nextID: UInt64 = 0
    var source: (any DispatchSourceSignal)?
  }

  private let state = Mutex(State())

  /// Makes `action` the handler of Ctrl-C until it is removed or another is pushed.
  public func push(_ action: @escaping @Sendable () -> Void) -> Handler {
    state.withLock { state in
      if state.source == nil {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [self] in deliver() }
        source.resume()
        state.source = source
      }
      state.nextID += 1
      state.handlers.append((state.nextID, action))
      return Handler(id: state.nextID)
    }
  }

  /// Removes a handler; the one pushed before it handles Ctrl-C again.
  public func remove(_ handler: Handler) {
    state.withLock { state in
      state.handlers.removeAll { $0.id == handler.id }
    }
  }

  private func deliver() {
    let action = state.withLock { $0.handlers.last?.action }
    action?()
  }
}
