/// Puts a traced program's output, timed on its arrival (real time), among the tracer's lines in
/// time order, so that `trace --json` (and a recording) never goes back in time (issue 20).
///
/// The tracer's lines come in batches up to one flush (20 ms) late, while the program's output
/// arrives at once: handed on as they came, a line of output would go before tracer lines of an
/// earlier instant. So both wait here until the tracer says how far its stream has come: each
/// flush ends with `{"type":"flushed","t":T}`, and every line stamped before T was in that flush
/// or an earlier one. Whatever is timed at or before T less a small `margin` (a line whose thread
/// lost the GIL between reading the clock and queuing the line comes one flush later) is handed on,
/// the earlier first, output before a tracer line of the same instant. Output is held for about
/// one flush; if the tracer stops flushing (C code holding the GIL, the process gone), everything
/// held goes after `patience` on the reader's clock, and all of it at `finish`.
///
/// A tracer line whose `t` is not the instant it was written keeps its place after the lines
/// written before it: a `deadline` (its `t` is when the timeout will fire), and lines that look
/// back (a task's `waiting` at its creation, a `blocked` callback at its start).
///
/// ```swift
/// var ordering = OutputOrdering(margin: 0)
/// ordering.output(.output(time: 0.012, text: "hi\n"), now: 0.013)  // [] (held)
/// ordering.traced([.trace(text, TraceLine(type: "event", t: 0.010))], flushed: 0.020, now: 0.021)
/// // [the event at 0.010, then the output at 0.012]
/// ```
public struct OutputOrdering: Sendable {
  /// Seconds behind the tracer's flushed mark that are taken as complete.
  public var margin: Double
  /// Seconds (on the reader's clock) anything waits for the tracer before it goes anyway.
  public var patience: Double

  private struct Held: Sendable {
    var key: Double
    var since: Double
    var message: TracedProgram.Message
  }

  /// The tracer's lines not handed on yet, in the order written (their keys never decrease).
  private var lines: [Held] = []
  private var lineHead = 0
  /// The output not handed on yet, by time.
  private var outputs: [Held] = []
  /// The latest instant of the tracer's lines so far: where a line that looks back is placed.
  private var lineTime = 0.0
  /// Everything the tracer stamped up to here has arrived.
  private var horizon = -Double.infinity
  /// The latest instant handed on: output timed before it (its pipe was read before the trace's
  /// clock was set, then handed on after lines went) is stamped here, so that t never goes back.
  private var handedOn = -Double.infinity

  public init(margin: Double = 0.005, patience: Double = 0.25) {
    self.margin = margin
    self.patience = patience
  }

  /// Whether anything is held.
  public var isHolding: Bool { lineHead < lines.count || !outputs.isEmpty }

  /// A batch of the tracer's lines, read at `now`, and the mark the flush that wrote them ended
  /// with (nil: none in this batch).
  public mutating func traced(_ batch: [TracedProgram.Message], flushed: Double?, now: Double) -> [TracedProgram.Message] {
    if let flushed { horizon = max(horizon, flushed - margin) }
    guard outputs.isEmpty else {
      for message in batch {
        lineTime = Self.key(of: message, after: lineTime)
        lines.append(Held(key: lineTime, since: now, message: message))
      }
      return release(upTo: horizon)
    }
    // No output to merge with (a busy program's batches hold thousands of lines; output is rare
    // beside them): the lines held go first, being older, then the batch's lines the horizon has
    // passed go straight on, not through `lines`; the rest is held. (Keys never decrease: after
    // the first line past the horizon, every one is.)
    var passed = lineHead < lines.count ? release(upTo: horizon) : []
    var index = batch.startIndex
    if lineHead == lines.count {
      while index < batch.endIndex {
        let key = Self.key(of: batch[index], after: lineTime)
        guard key <= horizon else { break }
        lineTime = key
        index += 1
      }
      handedOn = max(handedOn, lineTime)
      if passed.isEmpty, index == batch.endIndex { return batch }
      passed += batch[..<index]
    }
    for message in batch[index...] {
      lineTime = Self.key(of: message, after: lineTime)
      lines.append(Held(key: lineTime, since: now, message: message))
    }
    return passed
  }

  /// A tracer line's place: its instant, or the latest before it for one that looks ahead.
  /// (Borrowed: matched on a copy, the line's twenty fields were each retained and released.)
  private static func key(of message: borrowing TracedProgram.Message, after latest: Double) -> Double {
    switch message {
    case .trace(_, let line): line.type != "deadline" ? line.t.map { max(latest, $0) } ?? latest : latest
    case .output, .errorOutput: latest
    }
  }

  /// A piece of the program's output, timed on the trace's clock, read at `now`.
  public mutating func output(_ message: TracedProgram.Message, now: Double) -> [TracedProgram.Message] {
    var time: Double
    var message = message
    switch message {
    // Placed by the instant --json prints, which the tracer's lines are compared with.
    case .output(let at, let text):
      time = TraceLine.tracerInstant(at)
      if time < handedOn { (time, message) = (handedOn, .output(time: handedOn, text: text)) }
    case .errorOutput(let at, let text):
      time = TraceLine.tracerInstant(at)
      if time < handedOn { (time, message) = (handedOn, .errorOutput(time: handedOn, text: text)) }
    case .trace: return traced([message], flushed: nil, now: now)
    }
    // After everything of its instant or earlier (the two pipes' readers may stamp out of turn).
    let index = outputs.lastIndex { $0.key <= time }.map { $0 + 1 } ?? 0
    outputs.insert(Held(key: time, since: now, message: message), at: index)
    return release(upTo: horizon)
  }

  /// The reader's clock reads `now`: what has waited `patience` goes, with what comes before it.
  public mutating func due(now: Double) -> [TracedProgram.Message] {
    let oldest = min(lineHead < lines.count ? lines[lineHead].since : .infinity, outputs.map(\.since).min() ?? .infinity)
    guard now - oldest >= patience else { return [] }
    return release(upTo: .infinity)
  }

  /// The run is over: everything held goes, in order.
  public mutating func finish() -> [TracedProgram.Message] {
    release(upTo: .infinity)
  }

  private mutating func release(upTo limit: Double) -> [TracedProgram.Message] {
    var out: [TracedProgram.Message] = []
    var taken = 0
    while true {
      let line = lineHead < lines.count ? lines[lineHead] : nil
      let output = taken < outputs.count ? outputs[taken] : nil
      if let output, output.key <= limit, line.map({ output.key <= $0.key }) ?? true {
        out.append(output.message)
        handedOn = max(handedOn, output.key)
        taken += 1
      } else if let line, line.key <= limit {
        out.append(line.message)
        handedOn = max(handedOn, line.key)
        lineHead += 1
      } else {
        break
      }
    }
    outputs.removeFirst(taken)
    if lineHead == lines.count {
      lines.removeAll(keepingCapacity: true)
      lineHead = 0
    } else if lineHead >= 1024, lineHead * 2 >= lines.count {
      lines.removeFirst(lineHead)
      lineHead = 0
    }
    return out
  }
}
