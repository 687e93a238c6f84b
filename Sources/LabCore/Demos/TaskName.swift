/// Task names as the demos print them: A, B, … Z, then AA, AB, … like spreadsheet columns.
public enum TaskName {
  public static func letter(_ index: Int) -> String {
    var index = index
    var name = ""
    repeat {
      name.insert(Character(UnicodeScalar(UInt8(65 + index % 26))), at: name.startIndex)
      index = index / 26 - 1
    } while index >= 0
    return name
  }

  /// The tasks a parameter naming one by its index can name: "there are 3 tasks, 0 (A) to 2 (C)".
  static func indexRange(count: Int) -> String {
    count == 1 ? "there is 1 task, 0 (A)" : "there are \(count) tasks, 0 (A) to \(count - 1) (\(letter(count - 1)))"
  }
}
