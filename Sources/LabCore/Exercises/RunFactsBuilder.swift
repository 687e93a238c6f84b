/// Reduces a traced run's messages, as they arrive, to `RunFacts`.
public struct RunFactsBuilder: Sendable {
  public private(set) var facts = RunFacts()
  private var sequence = 0
  private var outputBytes = 0
  private var index: [Int: Int] = [:]
  /// The program's stdout line not ended yet, and when it began (stdout arrives in chunks).
  private var openLine: (text: String, time: Double)?

  /// The turn wait each task is in, by id: its position in `facts.turnWaits`.
  private var openTurnWaits: [Int: Int] = [:]
  /// Chains of tasks not seen yet (cancelled before their first step), by id.
  private var earlyChains: [Int: [String]] = [:]

  public init() {}

  private mutating func closeTurnWait(_ id: Int, at time: Double) {
    guard let position = openTurnWaits.removeValue(forKey: id) else { return }
    facts.turnWaits[position].to = time
  }

  public mutating func apply(_ message: TracedProgram.Message) {
    sequence += 1
    switch message {
    case .output(let time, let text):
      keep(chunk: text, at: time)
    case .errorOutput:
      break  // the whole stderr comes with `finish`
    case .trace(_, let line):
      if let t = line.t, line.type != "deadline" { facts.lastTime = max(facts.lastTime, t) }
      apply(line)
    }
  }

  public mutating func apply(_ line: TraceLine) {
    switch line.type {
    case "event":
      guard let id = line.id, let event = line.event, let t = line.t else { return }
      let position: Int
      if let known = index[id] {
        position = known
      } else {
        position = facts.tasks.count
        index[id] = position
        facts.tasks.append(RunFacts.TaskFact(
          id: id, label: line.task ?? "task \(id)", parent: line.parent, created: t, chain: earlyChains.removeValue(forKey: id) ?? []
        ))
      }
      switch event {
      case "waiting": facts.tasks[position].created = t
      case "started": facts.tasks[position].started = t
      case "finished", "failed", "cancelled":
        closeTurnWait(id, at: t)
        facts.tasks[position].ended = t
        facts.tasks[position].end = event
        facts.tasks[position].endSequence = sequence
        if facts.tasks[position].parent == nil, facts.mainEndSequence == nil, facts.main?.id == id {
          facts.mainEndSequence = sequence
        }
      default: break
      }
    case "join":
      if line.outcome == "threw", let t = line.t {
        facts.joins.append(RunFacts.Join(time: t, orphans: line.orphans ?? []))
      }
    case "output":
      keep(chunk: line.text ?? "", at: line.t ?? facts.lastTime)
    case "limit":
      // The virtual clock would have passed the hang limit: the program ended itself there.
      if let t = line.t {
        facts.hungAfter = t
        facts.hungOnVirtualTime = true
      }
    case "stuck":
      // The loop had nothing on its clock and nothing could wake it: the program ended there.
      if let t = line.t {
        facts.hungAfter = t
        facts.hungOnVirtualTime = true
        facts.stuck = true
      }
    case "await":
      if let id = line.id { facts.waits[id] = line.on }
      if let id = line.id, let t = line.t {
        closeTurnWait(id, at: t)
        if let on = line.on, TurnWait.waitsForATurn(on) {
          openTurnWaits[id] = facts.turnWaits.count
          facts.turnWaits.append(TurnWait(id: id, on: on, from: t))
        }
      }
    case "chain":
      // What a task ran when it was cancelled: each coroutine kept once, in the order seen.
      guard let id = line.id, let coroutines = line.coroutines else { return }
      var chain = index[id].map { facts.tasks[$0].chain } ?? earlyChains[id] ?? []
      for label in coroutines where !chain.contains(label) { chain.append(label) }
      if let position = index[id] {
        facts.tasks[position].chain = chain
      } else {
        earlyChains[id] = chain
      }
    case "uses":
      if let api = line.label { facts.uses.insert(api) }
    case "blocked":
      if let t = line.t, let seconds = line.value.flatMap(Double.init) {
        facts.blocked.append((t, seconds, line.id))
      }
    default:
      break
    }
  }

  /// A chunk of stdout: the lines it ends are kept, each timed when it began.
  private mutating func keep(chunk: String, at time: Double) {
    var pieces = chunk.split(separator: "\n", omittingEmptySubsequences: false)
    let open = pieces.removeLast()
    for piece in pieces {
      let line = (openLine?.text ?? "") + piece
      keep(output: line, at: openLine?.time ?? time)
      openLine = nil
    }
    if !open.isEmpty { openLine = ((openLine?.text ?? "") + open, openLine?.time ?? time) }
  }

  private mutating func keep(output text: String, at time: Double) {
    guard !facts.outputTruncated else { return }
    outputBytes += text.utf8.count + 1
    if outputBytes > RunFacts.outputLimit {
      facts.outputTruncated = true
      return
    }
    facts.output.append(text)
    facts.outputTimes.append(time)
  }

  /// The run's end: its status and stderr, and whether it was stopped at the hang limit.
  public mutating func finish(status: Int32, standardError: String, hungAfter: Double? = nil, stoppedForOutput: Bool = false) {
    facts.stoppedForOutput = stoppedForOutput
    if let openLine {
      keep(output: openLine.text, at: openLine.time)  // a last line without its newline
      self.openLine = nil
    }
    facts.status = status
    facts.standardError = standardError
    if let hungAfter {
      facts.hungAfter = hungAfter
      facts.hungOnVirtualTime = false
    }
    if let hungAfter = facts.hungAfter { facts.lastTime = max(facts.lastTime, hungAfter) }
  }
}
