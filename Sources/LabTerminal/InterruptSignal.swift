import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Catches Ctrl-C (SIGINT) and hands it to whoever handles it now, instead of letting it kill
/// the process.
///
/// A SIGINT reaches gatherlab one of two ways, and both end up here, whichever thread the kernel
/// picks:
/// - Pending, while every thread blocks it (`gatherlab` blocks it first thing, so every thread
///   it starts inherits the mask): read from the signalfd given to `install(pendingSignals:)`.
/// - Caught by the handler `install` sets, on a thread that has it unblocked after all. Two
///   such threads exist behind our back: once the async `main` first suspends, libdispatch parks
///   the main thread in `sigsuspend` with an empty mask (`dispatch_main` on Linux), and while a
///   child process runs, swift-subprocess's monitor thread waits in `epoll_pwait` with an empty
///   mask. The handler writes a byte to a pipe, read here like the signalfd.
///
/// The handler is set once and never replaced: no dispatch signal source (libdispatch would set
/// its own handler, which forwards the signal to its manager thread, where it waits unseen while
/// no source is registered) and no `signal()` per run (setting a handler that swallowed the
/// signal lost every Ctrl-C the parked main thread took).
///
/// While anyone handles Ctrl-C, dispatch sources watch both descriptors. Handlers stack: the
/// newest one gets Ctrl-C. With none left the sources are cancelled, and a Ctrl-C is free for
/// whoever reads it another way (the walkthrough's prompt polls the signalfd of its own and
/// `caughtDescriptor`, in order with the keys typed around it).
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
    var pendingSignals: Int32 = -1
    var sources: [any DispatchSourceRead] = []
  }

  private let state = Mutex(State())

  private init() {}

  /// Sets the one SIGINT handler of the process (it never ends the process) and takes the
  /// signalfd that reports a SIGINT pending while every thread blocks it (-1 for none; Swift's
  /// Glibc module does not offer `signalfd`, so the caller makes it). Call it first thing, with
  /// SIGINT blocked; calling it again only replaces the descriptor.
  public func install(pendingSignals: Int32) {
    _ = caughtInterrupts  // the pipe exists before the handler can run
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
      let saved = errno
      var byte: UInt8 = 3
      _ = write(caughtInterrupts.write, &byte, 1)
      errno = saved
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = SA_RESTART
    sigaction(SIGINT, &action, nil)
    state.withLock { $0.pendingSignals = pendingSignals }
  }

  /// Readable while a Ctrl-C caught by the handler waits to be taken with `takeCaught()`; for a
  /// reader that polls for Ctrl-C itself while no handler is pushed (the prompt).
  public var caughtDescriptor: Int32 { caughtInterrupts.read }

  /// Takes every Ctrl-C the handler caught; true if there was one.
  public func takeCaught() -> Bool {
    Self.drain(caughtInterrupts.read)
  }

  /// Makes `action` the handler of Ctrl-C until it is removed or another is pushed. A Ctrl-C
  /// pressed an instant before, still waiting, goes to it too.
  public func push(_ action: @escaping @Sendable () -> Void) -> Handler {
    state.withLock { state in
      if state.sources.isEmpty {
        for descriptor in [caughtInterrupts.read, state.pendingSignals] where descriptor >= 0 {
          let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: .global())
          source.setEventHandler { [self] in
            if Self.drain(descriptor) { deliver() }
          }
          source.resume()
          state.sources.append(source)
        }
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
        for source in state.sources { source.cancel() }
        state.sources = []
      }
    }
  }

  private func deliver() {
    let action = state.withLock { $0.handlers.last?.action }
    action?()
  }

  /// Reads a non-blocking descriptor (the pipe, or a signalfd: 128 bytes a signal) until it is
  /// empty; true if anything was read.
  private static func drain(_ descriptor: Int32) -> Bool {
    guard descriptor >= 0 else { return false }
    var buffer = [UInt8](repeating: 0, count: 512)
    var took = false
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        took = true
        continue
      }
      if count < 0, errno == EINTR { continue }
      return took
    }
  }
}

/// The pipe the SIGINT handler writes to: both ends non-blocking and closed on exec. A global
/// constant, made before the handler is set, so the handler only reads it (async-signal-safe).
private let caughtInterrupts: (read: Int32, write: Int32) = {
  var ends: [Int32] = [-1, -1]
  guard pipe(&ends) == 0 else { return (-1, -1) }
  for end in ends {
    _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
    _ = fcntl(end, F_SETFD, FD_CLOEXEC)
  }
  return (ends[0], ends[1])
}()
