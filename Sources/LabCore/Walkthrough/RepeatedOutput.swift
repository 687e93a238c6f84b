/// The lesson's ```output blocks that a question's run has just printed (issue 23, "no repeats"):
/// a `run: python` question shows the program's real output with its verdict, so the lesson's
/// own copy of that output, right after the question, would print the same lines a second time.
///
/// An output block for every Python (no version after `output`) is the program's output: the run
/// printed it. Of the blocks stated per version (`output 3.11`, `output 3.12+`), only those whose
/// lines are what the run printed (timings within `TimingTolerantText`) repeat it; the others say
/// what another Python prints, which the run did not show, and stay.
///
/// ```swift
/// // blocks: [predict, output 3.11, output 3.12+, paragraph]; the run printed 3.11's lines
/// RepeatedOutput.indices(in: blocks, after: 0, shown: ["gather() returned", "A starts"])  // [1]
/// ```
public enum RepeatedOutput {
  /// The indices of the ```output blocks right after `blocks[index]` (one after another, nothing
  /// between them) that repeat `shown`, the lines the run printed.
  public static func indices(in blocks: [MarkdownBlock], after index: Int, shown: [String]) -> [Int] {
    var repeated: [Int] = []
    var next = index + 1
    while next < blocks.count, let output = output(blocks[next]) {
      if output.versions.isEmpty || sameLines(PythonProgramResult.lines(of: output.text), shown) {
        repeated.append(next)
      }
      next += 1
    }
    return repeated
  }

  /// An ```output block's version words and text; nil for any other block.
  static func output(_ block: MarkdownBlock) -> (versions: [Substring], text: String)? {
    guard case .codeBlock(let info, let text, true) = block.kind else { return nil }
    let words = info.split(whereSeparator: \.isWhitespace)
    guard words.first == "output" else { return nil }
    return (Array(words.dropFirst()), text)
  }

  private static func sameLines(_ stated: [String], _ shown: [String]) -> Bool {
    stated.count == shown.count && zip(shown, stated).allSatisfy { TimingTolerantText.equal($0, $1) }
  }
}
