import Synchronization

/// The threads' side of `OutputPairing` (a traced program's output on virtual time, DESIGN §13):
/// the pipes' readers and the FIFO's reader hand it what they read, and it hands on what the
/// pairing lets go, under one lock, so each stream's bytes reach `receive` in the order written.
/// Everything goes through the `OutputGate` (nothing passes before the tracer's header).
final class MarkedOutput: Sendable {
  typealias Stream = OutputPairing.Stream

  private let pairing: Mutex<OutputPairing>
  private let gate: OutputGate
  private let receive: @Sendable ([TracedProgram.Message]) -> Void

  init(gate: OutputGate, patience: Double = 5, receive: @escaping @Sendable ([TracedProgram.Message]) -> Void) {
    self.gate = gate
    self.pairing = Mutex(OutputPairing(patience: patience))
    self.receive = receive
  }

  /// Segments read from `stream`'s pipe, in order.
  func arrived(_ segments: [OutputFrameScanner.Segment], on stream: Stream) {
    guard !segments.isEmpty else { return }
    pairing.withLock { pass($0.arrived(segments, on: stream)) }
  }

  /// `stream`'s pipe is closed (or no longer read): no frame waited for will come.
  func ended(_ stream: Stream) {
    pairing.withLock { pass($0.ended(stream)) }
  }

  /// A batch of the tracer's lines that arrived at `arrived` (on the reader's clock): the first
  /// opens the gate.
  func traced(_ items: [OutputPairing.Traced], arrived: Double) {
    pairing.withLock { pairing in
      gate.open(at: arrived, receive)
      pass(pairing.traced(items, now: arrived))
    }
  }

  /// The reader's clock reads `now` (a write line waits for its frames only so long).
  func due(now: Double) {
    pairing.withLock { pass($0.due(now: now)) }
  }

  /// The run is over: whatever is still queued goes, in order.
  func finish() {
    pairing.withLock { pass($0.finish()) }
  }

  /// Everything handed on from `stream` so far.
  func text(_ stream: Stream) -> String {
    pairing.withLock { $0.text(stream) }
  }

  private func pass(_ messages: [TracedProgram.Message]) {
    guard !messages.isEmpty else { return }
    let passed = messages.compactMap { gate.passes($0) }
    if !passed.isEmpty { receive(passed) }
  }
}

/// The threads' side of `OutputOrdering` (real time): the tracer's lines and the program's output,
/// handed on in time order under one lock.
final class OrderedOutput: Sendable {
  private let ordering = Mutex(OutputOrdering())
  private let receive: @Sendable ([TracedProgram.Message]) -> Void

  init(receive: @escaping @Sendable ([TracedProgram.Message]) -> Void) {
    self.receive = receive
  }

  func traced(_ batch: [TracedProgram.Message], flushed: Double?, now: Double) {
    ordering.withLock { pass($0.traced(batch, flushed: flushed, now: now)) }
  }

  /// Output already timed on the trace's clock (passed by the gate).
  func output(_ messages: [TracedProgram.Message], now: Double) {
    ordering.withLock { ordering in
      for message in messages { pass(ordering.output(message, now: now)) }
    }
  }

  /// (A reader handing on a batch holds the lock for as long as the batch takes; the next tick,
  /// at most 50 ms later, tries again. Waiting for it, a tick spun in the kernel for milliseconds.)
  func due(now: Double) {
    _ = ordering.withLockIfAvailable { pass($0.due(now: now)) }
  }

  func finish() {
    ordering.withLock { pass($0.finish()) }
  }

  private func pass(_ messages: [TracedProgram.Message]) {
    if !messages.isEmpty { receive(messages) }
  }
}
