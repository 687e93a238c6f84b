#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Text read by its UTF-8 bytes where characters are not needed: what the generic and the
// `Character` paths cost showed in start-up.

/// The lines of a text, split at each `\n` byte.
///
/// What `split(separator: "\n", omittingEmptySubsequences: false)` gives for text with `\n` line
/// ends (an empty last line after a final `\n`, one empty line for empty text), found by bytes:
/// splitting by `Character` runs grapheme breaking over every character, which was a third of
/// drawing a code block. A `\r\n` is split before its `\n`, leaving the `\r` on the line; the
/// lessons' text has `\n` line ends by the time it is drawn.
///
/// On `String` and `Substring`, not generic: unspecialised generic code looks its types up by
/// name at run time, which cost more than the split.
extension String {
  public var lineSlices: [Substring] { self[...].lineSlices }
}

extension Substring {
  public var lineSlices: [Substring] {
    var lines: [Substring] = []
    var lineStart = startIndex
    let found: Void? = utf8.withContiguousStorageIfAvailable { bytes in
      var offset = 0
      for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
        let end = utf8.index(lineStart, offsetBy: index - offset)
        lines.append(self[lineStart..<end])
        lineStart = utf8.index(after: end)
        offset = index + 1
      }
    }
    if found == nil {
      // Text not stored as contiguous UTF-8 (bridged): the same split by bytes, index by index.
      var index = utf8.startIndex
      while index < utf8.endIndex {
        if utf8[index] == UInt8(ascii: "\n") {
          lines.append(self[lineStart..<index])
          lineStart = utf8.index(after: index)
        }
        index = utf8.index(after: index)
      }
    }
    lines.append(self[lineStart...])
    return lines
  }
}

extension String {
  /// Whether the text's UTF-8 holds `byte` (an ASCII character such as `\r` or `\t`), found with
  /// one `memchr`: the generic `utf8.contains` walks the text byte by byte, which over thirteen
  /// lessons was a measurable part of `list`'s start-up.
  public func contains(byte: UInt8) -> Bool {
    var copy = self
    return copy.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return false }
      return memchr(base, Int32(byte), bytes.count) != nil
    }
  }
}
