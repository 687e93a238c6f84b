import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Catches Ctrl-C (SIGINT) while something runs, instead of letting it kill the process.
///
/// While an `InterruptSignal` is installed, SIGINT is ignored by the process and delivered to
/// `handler` on a dispatch queue; `cancel()` puts back the default behaviour.
///
/// `@unchecked Sendable`: the only state is a dispatch source, whose `cancel()` is thread-safe,
/// and the process-wide signal disposition, which is set only in `init` and `cancel()`.
public final class InterruptSignal: @unchecked Sendable {
  private let source: any DispatchSourceSignal

  public init(signal number: Int32 = SIGINT, handler: @escaping @Sendable () -> Void) {
    signal(number, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler(handler: handler)
    source.resume()
  }

  /// Stops catching; the default disposition (terminate) is restored.
  public func cancel(restoring disposition: (@convention(c) (Int32) -> Void)? = SIG_DFL) {
    source.cancel()
    signal(SIGINT, disposition)
  }
}
