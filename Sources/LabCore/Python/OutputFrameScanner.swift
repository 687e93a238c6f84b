/// Cuts the bytes of a traced program's stdout or stderr, on virtual time, into the frames the
/// tracer wrote and the plain bytes around them (DESIGN §13; `_gatherlab_trace.py`'s "output on
/// virtual time"). Each write of the program's own `sys.stdout`/`sys.stderr` (and `os.write` on 1
/// or 2) reaches the pipe as `\0` TOKEN `SEQ,LENGTH\n` BYTES, at most PIPE_BUF bytes in all, which
/// the kernel never interleaves with another writer's bytes; whatever else is on the pipe (a child
/// process's output, a forked worker's, C code writing to the descriptor) is plain bytes between
/// the frames. A frame may arrive over several reads: the scanner keeps its first bytes until the
/// rest comes, and hands on the plain bytes before it at once. A zero byte that does not start a
/// frame is a plain byte.
///
/// ```swift
/// var scanner = OutputFrameScanner(token: "0123456789abcdef")
/// scanner.feed(Array("hi \u{0}0123456789abcdef7,3\nyes".utf8))
/// // [.plain(Array("hi ".utf8)), .frame(seq: 7, bytes: Array("yes".utf8))]
/// ```
public struct OutputFrameScanner: Sendable {
  public enum Segment: Sendable, Equatable {
    case plain([UInt8])
    /// One frame of the write numbered `seq` (a write longer than a frame holds takes several).
    case frame(seq: Int, bytes: [UInt8])
  }

  private let magic: [UInt8]
  private var pending: [UInt8] = []

  /// `token`: the one gatherlab named in the program's environment (letters and digits).
  public init(token: String) {
    magic = [0] + Array(token.utf8)
  }

  private enum Header {
    case incomplete
    case invalid
    case valid(seq: Int, length: Int, data: Int)
  }

  /// `SEQ,LENGTH\n` from `start`: decimal numbers of at most 18 digits each.
  private func header(at start: Int) -> Header {
    var numbers = [0, 0]
    var which = 0
    var digits = 0
    var index = start
    while index < pending.count {
      let byte = pending[index]
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        guard digits < 18 else { return .invalid }
        numbers[which] = numbers[which] * 10 + Int(byte - UInt8(ascii: "0"))
        digits += 1
      case UInt8(ascii: ",") where which == 0 && digits > 0:
        which = 1
        digits = 0
      case UInt8(ascii: "\n") where which == 1 && digits > 0:
        return .valid(seq: numbers[0], length: numbers[1], data: index + 1)
      default:
        return .invalid
      }
      index += 1
    }
    return .incomplete
  }

  /// The segments `bytes` completes, in the order they were written.
  public mutating func feed(_ bytes: some Collection<UInt8>) -> [Segment] {
    pending.append(contentsOf: bytes)
    var segments: [Segment] = []
    var plainStart = 0
    var index = 0
    var waitsFrom: Int?
    scanning: while let zero = pending[index...].firstIndex(of: 0) {
      let compared = min(pending.count - zero, magic.count)
      guard pending[zero..<(zero + compared)].elementsEqual(magic[..<compared]) else {
        index = zero + 1
        continue
      }
      guard compared == magic.count else {
        waitsFrom = zero
        break scanning
      }
      switch header(at: zero + magic.count) {
      case .incomplete:
        waitsFrom = zero
        break scanning
      case .invalid:
        index = zero + 1
      case .valid(let seq, let length, let data):
        guard data + length <= pending.count else {
          waitsFrom = zero
          break scanning
        }
        if zero > plainStart { segments.append(.plain(Array(pending[plainStart..<zero]))) }
        segments.append(.frame(seq: seq, bytes: Array(pending[data..<(data + length)])))
        plainStart = data + length
        index = plainStart
      }
    }
    let handedOn = waitsFrom ?? pending.count
    if handedOn > plainStart { segments.append(.plain(Array(pending[plainStart..<handedOn]))) }
    pending.removeFirst(handedOn)
    return segments
  }

  /// The end of the stream: what was kept waiting for a frame's rest is plain bytes after all.
  public mutating func end() -> [Segment] {
    defer { pending = [] }
    return pending.isEmpty ? [] : [.plain(pending)]
  }
}
