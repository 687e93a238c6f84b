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
}
