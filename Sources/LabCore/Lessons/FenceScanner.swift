#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fenced code blocks of Markdown that open at the very start of a line, outside every other
/// fence, found by reading lines rather than by parsing the document.
///
/// `list` shows how many predictions each lesson has, and parsing thirteen lesson bodies with
/// cmark-gfm to count their ```predict fences was a third of its start-up. A fence at the start
/// of a line is a top-level block in CommonMark (it cannot continue a list item or a quote), so
/// this count is the parser's for every lesson `lint` passes: lint requires a prediction's fence
/// to start its line, and the content tests compare both counts for every lesson.
///
/// ```swift
/// FenceScanner.topLevelFences(in: "Text\n\n```predict\nid: a\n```\n")
/// // [(line: 3, info: "predict")]
/// ```
public enum FenceScanner {
  /// The fences that open in column 1, in order: the line each opens on (the first line of
  /// `markdown` is 1) and its info string, trimmed. Fences indented
  /// by one to three spaces (inside list items, mostly) are followed, so that what they hold is
  /// not mistaken for a fence, but not reported.
  public static func topLevelFences(in markdown: String) -> [(line: Int, info: String)] {
    var text = markdown
    // Over the raw bytes: the generic collection algorithms on `String.UTF8View` cost as much
    // as parsing the Markdown, which is what this is here to avoid.
    return text.withUTF8 { bytes in
      var fences: [(line: Int, info: String)] = []
      var open: (marker: UInt8, length: Int)?
      var lineNumber = 0
      var lineStart = 0
      while lineStart <= bytes.count {
        lineNumber += 1
        // memchr: a byte-by-byte search for the line's end was most of `list`'s prediction count.
        let lineEnd = bytes.baseAddress.flatMap { base in
          memchr(base + lineStart, Int32(UInt8(ascii: "\n")), bytes.count - lineStart)
            .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
        } ?? bytes.count
        defer { lineStart = lineEnd + 1 }
        var index = lineStart
        while index < lineEnd, bytes[index] == UInt8(ascii: " "), index - lineStart < 4 { index += 1 }
        let indentation = index - lineStart
        guard indentation <= 3, index < lineEnd else { continue }
        let marker = bytes[index]
        guard marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { continue }
        let runStart = index
        while index < lineEnd, bytes[index] == marker { index += 1 }
        let length = index - runStart
        guard length >= 3 else { continue }
        let after = UnsafeBufferPointer(rebasing: bytes[index..<lineEnd])
        if let fence = open {
          // Only a run of the same marker, at least as long, with nothing after it, closes.
          if marker == fence.marker, length >= fence.length, after.allSatisfy(isBlank) { open = nil }
          continue
        }
        // A backtick fence's info string may not hold a backtick (that is inline code).
        if marker == UInt8(ascii: "`"), after.contains(UInt8(ascii: "`")) { continue }
        open = (marker, length)
        if indentation == 0 {
          fences.append((lineNumber, String(decoding: after, as: UTF8.self).trimmingWhitespace()))
        }
      }
      return fences
    }
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }
}
