/// A traced program's output on virtual time (DESIGN §13), paired with the tracer's `write` lines:
/// each write is handed on in its line's place among the tracer's lines, timed by it, so the same
/// program and seed give the same `--json` byte for byte, and it is handed on as soon as both its
/// bytes and its line have arrived (a server's log lines appear as they are written).
///
/// Each stream's pipe is cut into frames and plain bytes (`OutputFrameScanner`) and queued in the
/// order written. A frame is the bytes of one write of the program's own; the tracer follows it
/// with `{"type":"write","t":T,"stream":…,"seq":SEQ,"bytes":N}` on the FIFO, after the tracer's
/// lines that came before the write. The tracer's lines wait, in order, behind a write line whose
/// frames have not all arrived yet (the tracer wrote them before the line: they are on their way);
/// nothing here blocks, and whichever side arrives second hands the write on.
///
/// Plain bytes (a child process's, a forked worker's, C code's) carry no instant of their own:
/// they are handed on as soon as every frame written before them has been, timed at the latest
/// instant of the trace handed on by then (never earlier than the output before them).
///
/// ```swift
/// var pairing = OutputPairing()
/// pairing.arrived([.frame(seq: 1, bytes: Array("hi\n".utf8))], on: .output)  // [] (no line yet)
/// pairing.traced([.write(.init(time: 1, stream: .output, seq: 1, bytes: 3))], now: 0)
/// // [.output(time: 1, text: "hi\n")]
/// ```
public struct OutputPairing: Sendable {
  public enum Stream: Int, Sendable {
    case output = 0
    case error = 1
  }

  /// A `write` line: the write numbered `seq` put `bytes` bytes on `stream` at `time`.
  public struct WriteMark: Sendable, Equatable {
    public var time: Double
    public var stream: Stream
    public var seq: Int
    public var bytes: Int

    public init(time: Double, stream: Stream, seq: Int, bytes: Int) {
      self.time = time
      self.stream = stream
      self.seq = seq
      self.bytes = bytes
    }

    private static let prefix: StaticString = #"{"type":"write","t":"#

    /// Whether `line` (without its newline) is a write line at all.
    public static func isWrite(_ line: ArraySlice<UInt8>) -> Bool {
      line.withUnsafeBufferPointer { bytes in
        var reader = Reader(bytes: bytes)
        return reader.take(prefix)
      }
    }

    /// Reads the line exactly as the tracer writes it
    /// (`{"type":"write","t":0.5000,"stream":"stdout","seq":3,"bytes":12}`) from its bytes: a
    /// program printing 200 000 lines unbuffered makes 400 000 of them. Nil for anything else.
    public init?(_ line: ArraySlice<UInt8>) {
      guard let mark = line.withUnsafeBufferPointer({ Self.read($0) }) else { return nil }
      self = mark
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> WriteMark? {
      var reader = Reader(bytes: bytes)
      guard reader.take(prefix), let time = reader.decimal(), reader.take(#","stream":""#) else { return nil }
      let stream: Stream
      if reader.take(#"stdout""#) {
        stream = .output
      } else if reader.take(#"stderr""#) {
        stream = .error
      } else {
        return nil
      }
      guard reader.take(#","seq":"#), let seq = reader.digits()?.value, reader.take(#","bytes":"#),
        let count = reader.digits()?.value, reader.take("}"), reader.index == bytes.count
      else { return nil }
      return WriteMark(time: time, stream: stream, seq: seq, bytes: count)
    }

    private struct Reader {
      let bytes: UnsafeBufferPointer<UInt8>
      var index = 0

      mutating func take(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
      }

      /// Up to 15 digits: their value, and how many.
      mutating func digits() -> (value: Int, count: Int)? {
        var value = 0
        var count = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
          guard count < 15 else { return nil }
          value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
          count += 1
          index += 1
        }
        return count > 0 ? (value, count) : nil
      }

      /// `12.3456` as the whole number 123456 over 10 000: both exact, so the quotient is the
      /// double nearest the decimal, as `Double("12.3456")` reads it.
      mutating func decimal() -> Double? {
        guard let whole = digits() else { return nil }
        guard take(".") else { return Double(whole.value) }
        guard let fraction = digits(), whole.count + fraction.count <= 15 else { return nil }
        var scale = 1
        for _ in 0..<fraction.count { scale *= 10 }
        return Double(whole.value * scale + fraction.value) / Double(scale)
      }
    }
  }

  /// What came on the FIFO, in order: one of the tracer's lines, or a write line.
  public enum Traced: Sendable, Equatable {
    case line(TracedProgram.Message)
    case write(WriteMark)
  }

  /// A queue that is taken from the front without moving what is behind it.
  private struct Queue<Element: Sendable>: Sendable {
    var items: [Element] = []
    var head = 0
    var first: Element? { head < items.count ? items[head] : nil }
    var isEmpty: Bool { head == items.count }
    var remaining: ArraySlice<Element> { items[head...] }

    mutating func append(contentsOf elements: some Sequence<Element>) { items.append(contentsOf: elements) }

    mutating func removeFirst() {
      head += 1
      if head == items.count {
        items.removeAll(keepingCapacity: true)
        head = 0
      } else if head >= 4096, head * 2 >= items.count {
        items.removeFirst(head)
        head = 0
      }
    }

    mutating func removeAll() -> ArraySlice<Element> {
      defer {
        items = []
        head = 0
      }
      return items[head...]
    }
  }

  private var queued = [Queue<OutputFrameScanner.Segment>(), Queue()]
  /// The first bytes of a character a segment ended inside, kept for the next.
  private var carry: [[UInt8]] = [[], []]
  private var ended = [false, false]
  /// The latest write line handled, per stream: a frame of a write up to it that is still queued
  /// lost its place (its line never came, or came too late) and goes as plain bytes.
  private var handled = [0, 0]
  /// The trace's latest instant handed on.
  private var latest = 0.0
  /// The tracer's lines not handed on yet: the first is a write line whose frames are on their way.
  private var waiting = Queue<Traced>()
  /// Since when (on the reader's clock) the first of `waiting` has waited for its frames.
  private var waitingSince: Double?
  private var text = ["", ""]
  /// How long a write line waits for its frames before the trace goes on without them (they are
  /// in the pipe before the line is on the FIFO: only a reader that has stopped takes long).
  public var patience: Double

  public init(patience: Double = 5) {
    self.patience = patience
  }

  /// Everything handed on from `stream` so far.
  public func text(_ stream: Stream) -> String {
    text[stream.rawValue]
  }

  /// Segments read from `stream`'s pipe, in order.
  public mutating func arrived(_ segments: [OutputFrameScanner.Segment], on stream: Stream) -> [TracedProgram.Message] {
    guard !segments.isEmpty else { return [] }
    queued[stream.rawValue].append(contentsOf: segments)
    var out: [TracedProgram.Message] = []
    advance(into: &out)
    release(stream, into: &out)
    return out
  }

  /// `stream`'s pipe is closed (or no longer read): no frame waited for will come.
  public mutating func ended(_ stream: Stream) -> [TracedProgram.Message] {
    ended[stream.rawValue] = true
    var out: [TracedProgram.Message] = []
    advance(into: &out)
    return out
  }

  /// The tracer's lines, in order, read at `now` (the reader's clock): each write line is
  /// replaced by its frames once they are here.
  public mutating func traced(_ items: [Traced], now: Double) -> [TracedProgram.Message] {
    waiting.append(contentsOf: items)
    var out: [TracedProgram.Message] = []
    advance(into: &out)
    if !waiting.isEmpty, waitingSince == nil { waitingSince = now }
    return out
  }

  /// The reader's clock reads `now`: once a write line has waited longer than `patience` for its
  /// frames, the waiting lines are handed on without them (they go as plain bytes, should they
  /// come).
  public mutating func due(now: Double) -> [TracedProgram.Message] {
    guard let since = waitingSince else {
      // The line that waited before was handed on when its frames came; the one now first
      // waits from here.
      if !waiting.isEmpty { waitingSince = now }
      return []
    }
    guard now - since >= patience else { return [] }
    var out: [TracedProgram.Message] = []
    advance(into: &out, givingUp: true)
    waitingSince = waiting.isEmpty ? nil : now
    return out
  }

  /// The run is over: the tracer's lines go, then whatever is still queued, in order, as plain
  /// bytes.
  public mutating func finish() -> [TracedProgram.Message] {
    ended = [true, true]
    var out: [TracedProgram.Message] = []
    advance(into: &out)
    for stream in [Stream.output, .error] {
      for segment in queued[stream.rawValue].removeAll() {
        switch segment {
        case .plain(let bytes), .frame(_, let bytes): emit(bytes, on: stream, at: latest, into: &out)
        }
      }
      let rest = carry[stream.rawValue]
      if !rest.isEmpty {
        carry[stream.rawValue] = []
        let piece = String(decoding: rest, as: UTF8.self)
        text[stream.rawValue] += piece
        out.append(Self.message(stream, latest, piece))
      }
    }
    return out
  }

  /// Hands on the tracer's waiting lines, as far as the frames of their writes are here.
  private mutating func advance(into out: inout [TracedProgram.Message], givingUp: Bool = false) {
    while let item = waiting.first {
      switch item {
      case .write(let write):
        guard givingUp || isReady(write) else { return }
        take(write, into: &out)
      case .line(let message):
        if case .trace(_, let line) = message, line.type != "deadline", let time = line.t {
          latest = max(latest, time)
        }
        out.append(message)
      }
      waiting.removeFirst()
      waitingSince = nil
    }
  }

  private func isReady(_ write: WriteMark) -> Bool {
    let stream = write.stream.rawValue
    if ended[stream] { return true }
    var bytes = 0
    for case .frame(let seq, let frame) in queued[stream].remaining {
      if seq > write.seq { return true }
      if seq == write.seq {
        bytes += frame.count
        if bytes >= write.bytes { return true }
      }
    }
    return bytes >= write.bytes
  }

  /// Hands on the write's frames, timed by its line, with the plain bytes written before them.
  private mutating func take(_ write: WriteMark, into out: inout [TracedProgram.Message]) {
    let stream = write.stream.rawValue
    var remaining = write.bytes
    handled[stream] = max(handled[stream], write.seq)
    while remaining > 0, let first = queued[stream].first {
      switch first {
      case .plain(let bytes):
        emit(bytes, on: write.stream, at: latest, into: &out)
      case .frame(let seq, let bytes) where seq < write.seq:
        emit(bytes, on: write.stream, at: latest, into: &out)
      case .frame(let seq, let bytes) where seq == write.seq:
        emit(bytes, on: write.stream, at: write.time, into: &out)
        remaining -= bytes.count
      case .frame:
        remaining = 0
        continue
      }
      queued[stream].removeFirst()
    }
    latest = max(latest, write.time)
    release(write.stream, into: &out)
  }

  /// Hands on the plain bytes at the front of `stream`'s queue (and frames that lost their place).
  private mutating func release(_ stream: Stream, into out: inout [TracedProgram.Message]) {
    while let first = queued[stream.rawValue].first {
      switch first {
      case .plain(let bytes):
        emit(bytes, on: stream, at: latest, into: &out)
      case .frame(let seq, let bytes) where seq <= handled[stream.rawValue]:
        emit(bytes, on: stream, at: latest, into: &out)
      case .frame:
        return
      }
      queued[stream.rawValue].removeFirst()
    }
  }

  private mutating func emit(_ bytes: [UInt8], on stream: Stream, at time: Double, into out: inout [TracedProgram.Message]) {
    let whole: Int
    let piece: String
    if carry[stream.rawValue].isEmpty {
      whole = UTF8Boundary.wholeCharacters(in: bytes)
      carry[stream.rawValue] = Array(bytes[whole...])
      guard whole > 0 else { return }
      piece = String(decoding: bytes[..<whole], as: UTF8.self)
    } else {
      let data = carry[stream.rawValue] + bytes
      whole = UTF8Boundary.wholeCharacters(in: data)
      carry[stream.rawValue] = Array(data[whole...])
      guard whole > 0 else { return }
      piece = String(decoding: data[..<whole], as: UTF8.self)
    }
    text[stream.rawValue] += piece
    out.append(Self.message(stream, time, piece))
  }

  private static func message(_ stream: Stream, _ time: Double, _ text: String) -> TracedProgram.Message {
    stream == .output ? .output(time: time, text: text) : .errorOutput(time: time, text: text)
  }
}
