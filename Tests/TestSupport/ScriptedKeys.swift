import LabCore
import Synchronization

/// Keys for `replay --step` typed from a script: each `nextKey()` takes the next one, `.quit`
/// once they run out (as the end of input does).
public final class ScriptedKeys: StepKeyReader, Sendable {
  private let remaining: Mutex<[StepKey]>

  public init(_ keys: [StepKey]) {
    remaining = Mutex(keys)
  }

  public func nextKey() -> StepKey {
    remaining.withLock { $0.isEmpty ? .quit : $0.removeFirst() }
  }

  /// Keys not read yet.
  public var unread: [StepKey] { remaining.withLock { $0 } }
}
