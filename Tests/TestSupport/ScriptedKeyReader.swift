import LabCore

/// Keys given up front, for tests; once they run out, every read is `stop`.
public final class ScriptedKeyReader: KeyReading {
  private var keys: [PagerKey]
  public private(set) var reads = 0

  public init(_ keys: [PagerKey] = []) {
    self.keys = keys
  }

  public func readPagerKey() -> PagerKey {
    reads += 1
    return keys.isEmpty ? .stop : keys.removeFirst()
  }
}
