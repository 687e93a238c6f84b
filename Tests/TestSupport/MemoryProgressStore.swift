import LabCore
import Synchronization

/// Progress kept in memory, for tests.
public final class MemoryProgressStore: ProgressStore {
  private let saved: Mutex<Progress?>
  private let failure: String?

  public init(_ progress: Progress? = nil, failingWith failure: String? = nil) {
    saved = Mutex(progress)
    self.failure = failure
  }

  public var progress: Progress? { saved.withLock { $0 } }

  public func load() -> ProgressLoad { ProgressLoad(progress: progress) }

  public func save(_ progress: Progress) -> String? {
    if let failure { return failure }
    saved.withLock { $0 = progress }
    return nil
  }
}
