import Foundation

/// What a traced run did, reduced from the tracer's lines (DESIGN §10, §12): the facts every
/// exercise check reads. A pure value: tests build it by hand.
public struct RunFacts: Sendable, Equatable {
  /// One task the program created.
  public struct TaskFact: Sendable, Equatable {
    public var id: Int
    public var label: String
    public var parent: Int?
    public var created: Double
    public var started: Double?
    /// When it finished, failed or was cancelled; nil if the trace never saw it end.
    public var ended: Double?
    /// "finished", "failed" or "cancelled".
    public var end: String?
    /// The position of its end among all the trace's lines (to order ends at one instant).
    public var endSequence: Int?
    /// The program's coroutines seen on its await chain when it was cancelled (the tracer's
    /// `chain` lines), outermost first, each once, labelled as tasks are: a task made of
    /// `fetch_one(url)` that awaits `download(url)` has `["fetch_one('a')", "download('a')"]`.
    /// Empty for a task never cancelled: the tracer looks only then.
    public var chain: [String]

    public init(
      id: Int, label: String, parent: Int? = nil, created: Double, started: Double? = nil, ended: Double? = nil, end: String? = nil,
      endSequence: Int? = nil, chain: [String] = []
    ) {
      self.id = id
      self.label = label
      self.parent = parent
      self.created = created
      self.started = started ?? created
      self.ended = ended
      self.end = end
      self.endSequence = endSequence
      self.chain = chain
    }

    /// The coroutine's name: the label up to its first `(` (`fetch('a', 1)` → `fetch`).
    public var coroutine: String {
      Self.name(of: label)
    }

    /// A label's coroutine name: up to its first `(`.
    static func name(of label: String) -> String {
      label.split(separator: "(", maxSplits: 1).first.map(String.init) ?? label
    }

    /// Whether the task itself is `name`: its label (`download('a')`) or its coroutine (`download`).
    public func isNamed(_ name: String) -> Bool {
      coroutine == name || label == name
    }

    /// The coroutine on its chain that is `name` (by label or by coroutine name), when the task is
    /// not `name` itself: `download('a')` inside `fetch_one('a')`.
    public func inside(_ name: String) -> String? {
      guard !isNamed(name) else { return nil }
      return chain.first { $0 == name || Self.name(of: $0) == name }
    }

    /// Its label, with the innermost of the program's coroutines it was running when cancelled
    /// where that is not the task itself: `step(<coroutine>) (inside it: send_receipt())`.
    public var described: String {
      guard let innermost = chain.last, innermost != label, chain.count > 1 || Self.name(of: innermost) != coroutine else { return label }
      return "\(label) (inside it: \(innermost))"
    }

    /// Whether the task ran `name`: it is `name`, or `name` was on its await chain.
    public func runs(_ name: String) -> Bool {
      isNamed(name) || inside(name) != nil
    }
  }

  /// A gather (or TaskGroup) that handed its caller an error, and the tasks still running then.
  public struct Join: Sendable, Equatable {
    public var time: Double
    public var orphans: [Int]

    public init(time: Double, orphans: [Int]) {
      self.time = time
      self.orphans = orphans
    }
  }

  public var tasks: [TaskFact] = []
  public var joins: [Join] = []
  /// The program's stdout lines, in order (at most `outputLimit` bytes of them).
  public var output: [String] = []
  public var outputTimes: [Double] = []
  /// The program printed more than was kept.
  public var outputTruncated = false
  /// The program was stopped once it had printed more than was kept.
  public var stoppedForOutput = false
  public var standardError = ""
  public var status: Int32 = 0
  /// The longest callbacks that held the loop (over 20 ms): when, how long, which task's.
  public var blocked: [(time: Double, seconds: Double, task: Int?)] = []
  /// The asyncio APIs the trace saw (`TaskGroup`, `gather`, `Queue(maxsize)`, … and `stdin`).
  public var uses: Set<String> = []
  /// The run was stopped at the hang limit: after this many seconds.
  public var hungAfter: Double?
  /// The limit it was stopped at was virtual time's (60 s of the program's clock), not the
  /// wall clock's (10 s).
  public var hungOnVirtualTime = false
  /// The run was stopped because its loop was stuck (virtual time): every task was waiting, no
  /// timer was set and nothing outside the loop could wake it; `hungAfter` is that instant.
  public var stuck = false
  /// What each task waited on last, by id, as the tracer's `await` lines said ("Queue.get",
  /// "Event", "task #3", "gather #1"); a task that ran again since has none.
  public var waits: [Int: String] = [:]
  /// The spans in which a task waited for its turn, on a Lock, Semaphore, Queue and the like
  /// (`TurnWait.waitsForATurn`): it was alive, but not running.
  public var turnWaits: [TurnWait] = []
  /// The last instant the trace saw.
  public var lastTime = 0.0
  /// The position of the main task's end among the trace's lines.
  public var mainEndSequence: Int?

  public init() {}

  public static func == (a: RunFacts, b: RunFacts) -> Bool {
    a.tasks == b.tasks && a.joins == b.joins && a.output == b.output && a.outputTruncated == b.outputTruncated && a.stoppedForOutput == b.stoppedForOutput
      && a.standardError == b.standardError && a.status == b.status && a.uses == b.uses && a.hungAfter == b.hungAfter && a.hungOnVirtualTime == b.hungOnVirtualTime
      && a.stuck == b.stuck && a.waits == b.waits && a.turnWaits == b.turnWaits
      && a.blocked.map(\.seconds) == b.blocked.map(\.seconds)
  }

  /// How much of the program's output is kept: 1 MB.
  public static let outputLimit = 1 << 20

  /// The task `asyncio.run` made for the main coroutine: the first one with no parent.
  public var main: TaskFact? {
    tasks.first { $0.parent == nil }
  }

  /// Every task but main.
  public var others: [TaskFact] {
    let mainID = main?.id
    return tasks.filter { $0.id != mainID }
  }

  /// Seconds until main returned (or the last instant seen, if it never did).
  public var elapsed: Double {
    main?.ended ?? lastTime
  }

  /// The first instant a task (other than main) failed.
  public var firstFailure: Double? {
    others.filter { $0.end == "failed" }.compactMap(\.ended).min()
  }

  /// The most of `intervals` open at one instant, the instant and the ids: an interval that
  /// ends at the instant another begins does not overlap it (ends count first).
  static func mostAtOnce(_ intervals: [(id: Int, from: Double, to: Double?)]) -> (count: Int, time: Double, ids: [Int]) {
    var edges: [(time: Double, opens: Bool, id: Int)] = []
    for interval in intervals {
      edges.append((interval.from, true, interval.id))
      if let to = interval.to { edges.append((to, false, interval.id)) }
    }
    edges.sort { $0.time != $1.time ? $0.time < $1.time : (!$0.opens && $1.opens) }
    var open: [Int] = []
    var best = (count: 0, time: 0.0, ids: [Int]())
    for edge in edges {
      if edge.opens {
        open.append(edge.id)
        if open.count > best.count { best = (open.count, edge.time, open) }
      } else {
        open.removeAll { $0 == edge.id }
      }
    }
    return best
  }

  /// The most tasks (besides main) running — started, not ended, and not waiting for a turn on a
  /// Lock, Semaphore, Queue, Event and the like — at one instant: twelve tasks behind
  /// `Semaphore(3)`, or three workers taking turns behind one Lock, are not twelve or three at once.
  public var mostRunning: (count: Int, time: Double, ids: [Int]) {
    var pieces: [(id: Int, from: Double, to: Double?)] = []
    for task in others {
      var from = task.started ?? task.created
      for wait in turnWaits.filter({ $0.id == task.id }).sorted(by: { $0.from < $1.from }) {
        if wait.from > from { pieces.append((task.id, from, wait.from)) }
        guard let to = wait.to else {
          from = .infinity
          break
        }
        from = max(from, to)
      }
      guard from != .infinity else { continue }
      if let ended = task.ended {
        if ended > from { pieces.append((task.id, from, ended)) }
      } else {
        pieces.append((task.id, from, nil))
      }
    }
    return Self.mostAtOnce(pieces)
  }

  /// The most tasks (besides main) alive and started, waiting for a turn or not, at one instant.
  public var mostStarted: (count: Int, time: Double, ids: [Int]) {
    Self.mostAtOnce(others.map { ($0.id, $0.started ?? $0.created, $0.ended) })
  }

  /// What the tasks waited on for their turns (`Lock`, `Queue.get`, …), sorted.
  public var turnKinds: [String] {
    Set(turnWaits.map(\.on)).sorted()
  }

  /// The most tasks (besides main) alive — created, not ended — at one instant.
  public var mostExisting: (count: Int, time: Double, ids: [Int]) {
    Self.mostAtOnce(others.map { ($0.id, $0.created, $0.ended) })
  }

  /// Tasks still pending when main returned, which `asyncio.run`'s shutdown cancelled (or
  /// never saw end).
  public var pendingAtExit: [TaskFact] {
    guard let main, main.ended != nil else { return [] }
    let mainEnd = main.endSequence ?? Int.max
    return others.filter { task in
      guard let sequence = task.endSequence else { return true }
      return sequence > mainEnd
    }
  }

  /// The tasks still pending (not ended), each with what it waits on: those waiting on
  /// something other than a task, a gather or a TaskGroup first (what the others wait for in
  /// the end); all of them if none does.
  public var waitingTasks: [(task: TaskFact, on: String?)] {
    let pending = tasks.filter { $0.ended == nil }.map { (task: $0, on: waits[$0.id]) }
    let leaves = pending.filter { pair in
      guard let on = pair.on else { return false }
      return !(on.hasPrefix("task #") || on.hasPrefix("gather #") || on.hasPrefix("TaskGroup"))
    }
    return leaves.isEmpty ? pending : leaves
  }

  /// Tasks that ran on after the caller of their gather got an error: still running at the
  /// join, and not cancelled within 0.1 s of it.
  public var orphans: [TaskFact] {
    var found: [TaskFact] = []
    for join in joins {
      for id in join.orphans {
        guard let task = tasks.first(where: { $0.id == id }) else { continue }
        if task.end == "cancelled", let ended = task.ended, ended - join.time <= 0.1 + 0.0005 { continue }
        if !found.contains(where: { $0.id == id }) { found.append(task) }
      }
    }
    return found
  }

  /// Python's warnings about coroutines and tasks, one per kind seen in stderr.
  public var warnings: [String] {
    [
      "was never awaited", "exception was never retrieved", "Task was destroyed but it is pending",
    ].compactMap { needle in
      standardError.split(separator: "\n").first { $0.contains(needle) }.map { line in
        // `/path/file.py:22: RuntimeWarning: …` is said from the warning on.
        let from = line.range(of: "RuntimeWarning")?.lowerBound ?? line.startIndex
        return String(line[from...].trimmingCharacters(in: .whitespaces))
      }
    }
  }

  /// The longest callback that held the loop.
  public var longestCallback: (time: Double, seconds: Double, task: Int?)? {
    blocked.max { $0.seconds < $1.seconds }
  }

  /// The program's file had a syntax error: its line and message.
  public var syntaxError: (line: Int?, message: String)? {
    guard tasks.isEmpty, let last = standardError.split(separator: "\n").last(where: { $0.contains("SyntaxError") || $0.contains("IndentationError") || $0.contains("TabError") }) else { return nil }
    var line: Int?
    for text in standardError.split(separator: "\n") where text.contains(", line ") {
      if let range = text.range(of: ", line ") {
        line = Int(text[range.upperBound...].prefix { $0.isNumber })
      }
    }
    return (line, String(last.trimmingCharacters(in: .whitespaces)))
  }

  /// The uncaught exception's last traceback line, when the program ended with one. An
  /// exception group (a TaskGroup's) is drawn with `|` margins: its own line, then the errors it
  /// holds (`ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception): KeyError: 'x'`).
  public var uncaughtException: String? {
    guard status != 0, standardError.contains("Traceback"), syntaxError == nil else { return nil }
    let lines = standardError.split(separator: "\n")
    if let last = lines.last(where: { !$0.hasPrefix(" ") && !$0.isEmpty && !$0.hasPrefix("+") && !$0.hasPrefix("|") }) {
      return String(last)
    }
    // Inside the margins, a line that starts right after `| ` names an exception (a frame's
    // lines are indented, the group's separators start with `+`).
    let named = lines.compactMap { line -> String? in
      guard let bar = line.firstIndex(of: "|"), line[..<bar].allSatisfy({ $0 == " " }) else { return nil }
      var text = line[line.index(after: bar)...]
      if text.first == " " { text = text.dropFirst() }
      guard let first = text.first, first != " ", !text.hasPrefix("Traceback"), !text.hasPrefix("During handling"),
        !text.hasPrefix("The above exception")
      else { return nil }
      return String(text)
    }
    if let group = named.first {
      return named.count > 1 ? group + ": " + named.dropFirst().joined(separator: "; ") : group
    }
    return lines.last.map { $0.trimmingCharacters(in: .whitespaces) }
  }
}
