import Foundation
import LabTerminal

/// The YAML front matter of a Markdown file (a lesson, an exercise), split from the body: the
/// one place that knows where the header starts and ends.
///
/// cmark-gfm knows nothing of front matter, so it is split here and the YAML goes to Yams. The
/// file opens with a `---` line; the header ends at the next line that is `---` (or YAML's `...`)
/// at the start of the line, give or take trailing blanks, so an indented `---` inside a block
/// scalar stays YAML. A byte-order mark is skipped and Windows line ends read as `\n`.
///
/// The split walks the UTF-8 bytes only as far as the closing fence and leaves the body as it is
/// until asked (`body`): start-up reads every exercise's front matter and none of its body.
///
/// ```
/// ---
/// id: results-order
/// title: Results come back in order
/// ---
/// # Results come back in order
/// ```
struct FrontMatterBlock {
  /// Why a file has no header to parse.
  enum Problem: Error, Equatable {
    /// The first line is not `---`.
    case missing
    /// The header is never closed.
    case unterminated
  }

  /// The file line the YAML starts on (the one after the opening `---`).
  static let yamlStartLine = 2

  /// The text between the fences, with `\n` line ends.
  let yaml: String
  /// The file line of the closing fence.
  let closingLine: Int
  /// The file line the body starts on.
  var bodyStartLine: Int { closingLine + 1 }
  /// The text after the closing fence's line, as written.
  private let rawBody: Substring

  /// The Markdown after the closing fence, with `\n` line ends.
  var body: String {
    let body = String(rawBody)
    return body.contains(byte: UInt8(ascii: "\r")) ? body.replacing("\r\n", with: "\n") : body
  }

  /// What `split` finds. Not a `Result`: its `Failure: Error` requirement is checked at run time
  /// the first time the type is made, a search of every protocol conformance in the binary, at
  /// every start-up.
  enum Split {
    case success(FrontMatterBlock)
    case failure(Problem)
  }

  /// Splits `text`, or says why it has no header.
  static func split(_ text: String) -> Split {
    var source = text
    let found = source.withUTF8 { offsets(in: $0) }
    switch found {
    case .failure(let problem):
      return .failure(problem)
    case .success(let offsets):
      let utf8 = text.utf8
      let yamlStart = utf8.index(utf8.startIndex, offsetBy: offsets.yaml.lowerBound)
      let yamlEnd = utf8.index(utf8.startIndex, offsetBy: offsets.yaml.upperBound)
      let bodyStart = utf8.index(utf8.startIndex, offsetBy: offsets.body)
      var yaml = String(text[yamlStart..<yamlEnd])
      if offsets.hasCarriageReturn { yaml = yaml.replacing("\r\n", with: "\n") }
      return .success(FrontMatterBlock(yaml: yaml, closingLine: offsets.closingLine, rawBody: text[bodyStart...]))
    }
  }

  /// Where the YAML and the body are, in bytes.
  private struct Offsets {
    var yaml: Range<Int>
    var body: Int
    var closingLine: Int
    var hasCarriageReturn: Bool
  }

  /// The offsets, or why there are none (not a `Result`, as `Split`).
  private enum FoundOffsets {
    case success(Offsets)
    case failure(Problem)
  }

  /// Line by line over the bytes (a `memchr` per line), up to the closing fence only.
  private static func offsets(in bytes: UnsafeBufferPointer<UInt8>) -> FoundOffsets {
    let (newline, carriageReturn, space, tab) = (UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t"))
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var lineNumber = 0
    var yamlStart: Int?
    var hasCarriageReturn = false
    while start < bytes.count {
      lineNumber += 1
      let end = bytes.baseAddress.flatMap { base in
        memchr(base + start, Int32(newline), bytes.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
      } ?? bytes.count
      let next = min(end + 1, bytes.count)
      if end > start, bytes[end - 1] == carriageReturn { hasCarriageReturn = true }
      // `---` (or, closing, `...`) from the line's first byte, then only blanks.
      var isFence = false
      if end - start >= 3 {
        let mark = bytes[start]
        isFence = (mark == UInt8(ascii: "-") || (yamlStart != nil && mark == UInt8(ascii: "."))) && bytes[start + 1] == mark
          && bytes[start + 2] == mark && bytes[(start + 3)..<end].allSatisfy { $0 == space || $0 == tab || $0 == carriageReturn }
      }
      guard let yaml = yamlStart else {
        guard isFence else { return .failure(.missing) }
        yamlStart = next
        start = next
        continue
      }
      if isFence {
        return .success(Offsets(yaml: yaml..<start, body: next, closingLine: lineNumber, hasCarriageReturn: hasCarriageReturn))
      }
      start = next
    }
    return .failure(yamlStart == nil ? .missing : .unterminated)
  }
}
