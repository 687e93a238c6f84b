import LabCore
import Testing

/// The tracer's frames on a program's stdout on virtual time, cut from the plain bytes around them
/// however the pipe's reads split them.
struct OutputFrameScannerTests {
  static let token = "0123456789abcdef"
  static let magic = "\u{0}" + token

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func framesAndThePlainBytesAroundThemComeOutInTheOrderWritten() {
    var scanner = OutputFrameScanner(token: Self.token)
    let segments = scanner.feed(Self.bytes("child says hi\n" + Self.magic + "1,6\nhello\n" + "more\n" + Self.magic + "2,3\nab\n"))
    #expect(segments == [
      .plain(Self.bytes("child says hi\n")), .frame(seq: 1, bytes: Self.bytes("hello\n")), .plain(Self.bytes("more\n")),
      .frame(seq: 2, bytes: Self.bytes("ab\n")),
    ])
    #expect(scanner.end() == [])
  }

  @Test func aFrameSplitAcrossReadsWaitsForItsRestWhileThePlainBytesBeforeItGoAtOnce() {
    let stream = Self.bytes("before " + Self.magic + "12,11\nhello world" + " after")
    for cut in 1..<stream.count {
      var scanner = OutputFrameScanner(token: Self.token)
      let first = scanner.feed(stream[..<cut])
      let second = scanner.feed(stream[cut...])
      let joined = Self.merged(first + second + scanner.end())
      #expect(joined == [.plain(Self.bytes("before ")), .frame(seq: 12, bytes: Self.bytes("hello world")), .plain(Self.bytes(" after"))], "cut at \(cut)")
      if cut <= 7 { #expect(Self.merged(first) == [.plain(Array(stream[..<cut]))], "cut at \(cut)") }
    }
  }

  @Test func aZeroByteThatStartsNoFrameIsAPlainByte() {
    var scanner = OutputFrameScanner(token: Self.token)
    let segments = scanner.feed(Self.bytes("a\u{0}b" + "\u{0}0123456789abcdeX" + Self.magic + "x,1\n" + Self.magic + "3,1\nz"))
    #expect(Self.merged(segments) == [
      .plain(Self.bytes("a\u{0}b" + "\u{0}0123456789abcdeX" + Self.magic + "x,1\n")), .frame(seq: 3, bytes: Self.bytes("z")),
    ])
  }

  @Test func aFrameCutShortByTheEndOfTheStreamIsPlainBytes() {
    var scanner = OutputFrameScanner(token: Self.token)
    #expect(scanner.feed(Self.bytes("x" + Self.magic + "4,10\nabc")) == [.plain(Self.bytes("x"))])
    #expect(scanner.end() == [.plain(Self.bytes(Self.magic + "4,10\nabc"))])
  }

  /// Adjacent plain segments joined (how reads split plain bytes does not matter).
  static func merged(_ segments: [OutputFrameScanner.Segment]) -> [OutputFrameScanner.Segment] {
    var result: [OutputFrameScanner.Segment] = []
    for segment in segments {
      if case .plain(let bytes) = segment, case .plain(let before)? = result.last {
        result[result.count - 1] = .plain(before + bytes)
      } else {
        result.append(segment)
      }
    }
    return result
  }
}
