import Foundation
import Synchronization

/// A traced program's output on virtual time (DESIGN §13): shown where the tracer's `write` lines
/// put it and timed by them, so the same program and seed give the same `--json` byte for byte.
///
/// Each stream's pipe is cut into frames and plain bytes (`OutputFrameScanner`), queued in the
/// order they were written. A frame is the bytes of one write of the program's own; the tracer
/// follows it with `{"type":"write","t":T,"stream":…,"seq":SEQ,"bytes":N}` on the FIFO, after the
/// tracer's lines that came before the write. When that line is read, the write's frames are
/// handed on in its place, timed T; the reader of the FIFO waits for them if they are still on
/// their way (the tracer wrote them before the line, so they are already in the pipe).
///
/// Plain bytes (a child process's, a forked worker's, C code's) carry no instant of their own:
/// they are handed on as soon as every frame written before them has been, timed at the latest
/// instant of the trace handed on by then (the trace's clock as gatherlab last saw it, never
/// earlier than the output before them). Their place is as deterministic as their arrival: a
/// child process runs on real time, and so does the loop while one is pending.
///
/// Everything goes through the `OutputGate` (nothing passes before the tracer's header) and is
/// handed on under one lock, so each stream's bytes reach `receive` in the order written.
final class MarkedOutput: Sendable {
  enum Stream: Int, Sendable {
    case output = 0
    case error = 1
  }

  /// A `write` line: the write numbered `seq` put `bytes` bytes on `stream` at `time`.
  struct WriteLine: Equatable {
    var time: Double
    var stream: Stream
    var seq: Int
    var bytes: Int

    /// Reads the line the tracer writes (`"stream":"stdout","seq":3,"bytes":12`); nil for another.
    init?(text: String, line: TraceLine) {
      guard line.type == "write", let time = line.t, let stream = Self.field("stream", in: text),
        let seq = Self.field("seq", in: text).flatMap({ Int($0) }), let bytes = Self.field("bytes", in: text).flatMap({ Int($0) })
      else { return nil }
      switch stream {
      case "\"stdout\"": self.stream = .output
      case "\"stderr\"": self.stream = .error
      default: return nil
      }
      self.time = time
      self.seq = seq
      self.bytes = bytes
    }

    private static func field(_ name: String, in text: String) -> Substring? {
      guard let key = text.range(of: "\"\(name)\":") else { return nil }
      let rest = text[key.upperBound...]
      return rest[..<(rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex)]
    }
  }

  private struct State {
    var queued: [[OutputFrameScanner.Segment]] = [[], []]
    /// The first bytes of a character a segment ended inside, kept for the next.
    var carry: [[UInt8]] = [[], []]
    var ended = [false, false]
    /// The latest write line handled, per stream: a frame of a write up to it that is still queued
    /// lost its place (its line never came, or came too late) and goes as plain bytes.
    var handled = [0, 0]
    /// The trace's latest instant handed on.
    var latest = 0.0
    var text = ["", ""]
  }

  private let state = Mutex(State())
  private let arrivals = DispatchSemaphore(value: 0)
  private let gate: OutputGate
  private let receive: @Sendable ([TracedProgram.Message]) -> Void
  /// How long the FIFO's reader waits for a write's frames before it goes on without them (they
  /// are in the pipe before the line is on the FIFO: only a reader that has stopped takes long).
  private let patience: Duration

  init(gate: OutputGate, patience: Duration = .seconds(5), receive: @escaping @Sendable ([TracedProgram.Message]) -> Void) {
    self.gate = gate
    self.patience = patience
    self.receive = receive
  }

  /// Segments read from `stream`'s pipe, in order.
  func arrived(_ segments: [OutputFrameScanner.Segment], on stream: Stream) {
    guard !segments.isEmpty else { return }
    state.withLock { state in
      state.queued[stream.rawValue] += segments
      var out: [TracedProgram.Message] = []
      release(stream, &state, into: &out)
      pass(out)
    }
    arrivals.signal()
  }

  /// `stream`'s pipe is closed (or no longer read): no frame waited for will come.
  func ended(_ stream: Stream) {
    state.withLock { $0.ended[stream.rawValue] = true }
    arrivals.signal()
  }

  /// A batch of the tracer's lines that arrived at `arrived` (on the reader's clock): the first
  /// opens the gate; each write line is replaced by its frames.
  func traced(_ batch: [TracedProgram.Message], arrived: Double) {
    var index = 0
    var waitingSince: ContinuousClock.Instant?
    while index < batch.count {
      let givesUp = waitingSince.map { $0.duration(to: .now) >= patience } ?? false
      let finished = state.withLock { state in
        gate.open(at: arrived, receive)
        var out: [TracedProgram.Message] = []
        defer { pass(out) }
        while index < batch.count {
          let message = batch[index]
          if case .trace(let text, let line) = message, let write = WriteLine(text: text, line: line) {
            guard givesUp || isReady(write, state) else { return false }
            take(write, &state, into: &out)
          } else {
            if case .trace(_, let line) = message, line.type != "deadline", let time = line.t {
              state.latest = max(state.latest, time)
            }
            out.append(message)
          }
          index += 1
        }
        return true
      }
      if finished { break }
      waitingSince = waitingSince ?? .now
      _ = arrivals.wait(timeout: .now() + .milliseconds(50))
    }
  }

  /// The run is over: whatever is still queued goes, in order, as plain bytes.
  func finish() {
    state.withLock { state in
      var out: [TracedProgram.Message] = []
      for stream in [Stream.output, .error] {
        state.ended[stream.rawValue] = true
        let queued = state.queued[stream.rawValue]
        state.queued[stream.rawValue] = []
        for segment in queued {
          switch segment {
          case .plain(let bytes), .frame(_, let bytes): emit(bytes, on: stream, at: state.latest, &state, into: &out)
          }
        }
        let carry = state.carry[stream.rawValue]
        if !carry.isEmpty {
          state.carry[stream.rawValue] = []
          let text = String(decoding: carry, as: UTF8.self)
          state.text[stream.rawValue] += text
          out.append(Self.message(stream, state.latest, text))
        }
      }
      pass(out)
    }
  }

  /// Everything handed on from `stream` so far.
  func text(_ stream: Stream) -> String {
    state.withLock { $0.text[stream.rawValue] }
  }

  private func pass(_ messages: [TracedProgram.Message]) {
    let passed = messages.compactMap { gate.passes($0) }
    if !passed.isEmpty { receive(passed) }
  }

  private func isReady(_ write: WriteLine, _ state: State) -> Bool {
    let stream = write.stream.rawValue
    if state.ended[stream] { return true }
    var bytes = 0
    for case .frame(let seq, let frame) in state.queued[stream] {
      if seq > write.seq { return true }
      if seq == write.seq { bytes += frame.count }
    }
    return bytes >= write.bytes
  }

  /// Hands on the write's frames, timed by its line, with the plain bytes written before them.
  private func take(_ write: WriteLine, _ state: inout State, into out: inout [TracedProgram.Message]) {
    let stream = write.stream.rawValue
    var remaining = write.bytes
    state.handled[stream] = max(state.handled[stream], write.seq)
    while remaining > 0, let first = state.queued[stream].first {
      switch first {
      case .plain(let bytes):
        emit(bytes, on: write.stream, at: state.latest, &state, into: &out)
      case .frame(let seq, let bytes) where seq < write.seq:
        emit(bytes, on: write.stream, at: state.latest, &state, into: &out)
      case .frame(let seq, let bytes) where seq == write.seq:
        emit(bytes, on: write.stream, at: write.time, &state, into: &out)
        remaining -= bytes.count
      case .frame:
        remaining = 0
        continue
      }
      state.queued[stream].removeFirst()
    }
    state.latest = max(state.latest, write.time)
    release(write.stream, &state, into: &out)
  }

  /// Hands on the plain bytes at the front of `stream`'s queue (and frames that lost their place).
  private func release(_ stream: Stream, _ state: inout State, into out: inout [TracedProgram.Message]) {
    while let first = state.queued[stream.rawValue].first {
      switch first {
      case .plain(let bytes):
        emit(bytes, on: stream, at: state.latest, &state, into: &out)
      case .frame(let seq, let bytes) where seq <= state.handled[stream.rawValue]:
        emit(bytes, on: stream, at: state.latest, &state, into: &out)
      case .frame:
        return
      }
      state.queued[stream.rawValue].removeFirst()
    }
  }

  private func emit(_ bytes: [UInt8], on stream: Stream, at time: Double, _ state: inout State, into out: inout [TracedProgram.Message]) {
    let data = state.carry[stream.rawValue] + bytes
    let whole = UTF8Boundary.wholeCharacters(in: data)
    state.carry[stream.rawValue] = Array(data[whole...])
    guard whole > 0 else { return }
    let text = String(decoding: data[..<whole], as: UTF8.self)
    state.text[stream.rawValue] += text
    out.append(Self.message(stream, time, text))
  }

  private static func message(_ stream: Stream, _ time: Double, _ text: String) -> TracedProgram.Message {
    stream == .output ? .output(time: time, text: text) : .errorOutput(time: time, text: text)
  }
}
