import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Catches Ctrl-C (SIGINT) and hands it to whoever handles it now, instead of letting it kill
/// the process.
///
/// One dispatch source serves the whole process while anyone handles Ctrl-C (libdispatch reads
/// the signal from a signalfd, so the signal must be blocked in every thread — `gatherlab` does
/// that first thing). Handlers stack: the newest one gets Ctrl-C. With none left the source is
/// cancelled, and a pending SIGINT is free for whoever reads it another way (the walkthrough's
/// prompt does, in order with the keys typed around it).
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
        // A handler that does nothing, never SIG_IGN: setting SIG_IGN discards a SIGINT that is
        // already pending — a Ctrl-C pressed an instant before this — and the signal is blocked
        // in every thread anyway, so this handler never runs; the source reads the signal.
        signal(SIGINT) { _ in }
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
      if state.handlers.isEmpty {
        state.source?.cancel()
        state.source = nil
      }
    }
  }

  private func deliver() {
    let action = state.withLock { $0.handlers.last?.action }
    action?()
  }
}
