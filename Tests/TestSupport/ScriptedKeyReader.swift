import LabCore

/// Keys given up front, for tests; once they run out, every read is `stop`. A yes/no question
/// reads `answers` one key each (the default once they run out); without `answers` there is no
/// keyboard, as when input is piped, and the question reads a line instead.
public final class ScriptedKeyReader: KeyReading {
  private var keys: [PagerKey]
  private var answers: [YesNoKey]?
  public private(set) var reads = 0

  public init(_ keys: [PagerKey] = [], answers: [YesNoKey]? = nil) {
    self.keys = keys
    self.answers = answers
  }

  public func readPagerKey() -> PagerKey {
    reads += 1
    return keys.isEmpty ? .stop : keys.removeFirst()
  }

  public func readYesNoKey() -> YesNoKey? {
    guard var answers else { return nil }
    reads += 1
    let key = answers.isEmpty ? .byDefault : answers.removeFirst()
    self.answers = answers
    return key
  }
}
