import LabTerminal

/// What a Swift run and its Python twin's run agree on, and what they do not: each facet read
/// from the two reports and timelines, never from the demo's name. A difference that follows from
/// how the runtimes are built (asyncio's one thread against Swift's pool) carries the reason.
///
/// ```swift
/// let comparison = DemoComparison(swift: swiftRun, python: pythonRun, speed: 1)
/// comparison.facets.filter { !$0.agrees }.map(\.name)  // []
/// ```
public struct DemoComparison: Sendable, Equatable {
  /// One run as the comparison reads it.
  public struct Run: Sendable, Equatable {
    public var runtime: String
    public var report: DemoReport
    /// When each task of the last phase ended, by name.
    public var endedAt: [String: Double]

    public init(runtime: String, report: DemoReport, endedAt: [String: Double]) {
      self.runtime = runtime
      self.report = report
      self.endedAt = endedAt
    }
  }

  public struct Facet: Sendable, Equatable {
    public var name: String
    public var swift: String
    public var python: String
    public var agrees: Bool
    /// Why they differ (or agree only up to a tie), when the runtimes' design explains it.
    public var why: String?
  }

  public let swift: Run
  public let python: Run
  public let facets: [Facet]
  /// How far apart two instants may be and still agree, in nominal seconds.
  public let tolerance: Double
  /// The widest measured gap between the same instant in the two runs (a task's end, the
  /// caller's return), in nominal seconds.
  public let largestGap: Double
  /// Either run was interrupted (Ctrl-C): only what both had done by then is compared.
  public let interrupted: Bool
  /// The tasks both runs had ended, when interrupted: those the facets compare.
  public let compared: [String]

  /// The tolerance for the real clock at `speed`: 50 ms plus 2% of the ideal, and 5 ms of real
  /// time scaled to nominal seconds for each runtime's timer slack.
  public static func tolerance(ideal: Double, speed: Double) -> Double {
    0.05 + 0.02 * ideal + 0.01 * speed
  }

  public init(swift: Run, python: Run, speed: Double) {
    self.swift = swift
    self.python = python
    let tolerance = Self.tolerance(ideal: swift.report.ideal, speed: speed)
    self.tolerance = tolerance
    var s = swift.report, p = python.report
    let interrupted = s.outcome == .interrupted || p.outcome == .interrupted
    self.interrupted = interrupted
    let bothEnded = s.results.map(\.task).filter { swift.endedAt[$0] != nil && python.endedAt[$0] != nil }
    compared = interrupted ? bothEnded : s.results.map(\.task)
    let gaps = bothEnded.compactMap { task in swift.endedAt[task].flatMap { a in python.endedAt[task].map { abs(a - $0) } } }
    largestGap = (gaps + (interrupted ? [] : [abs(s.elapsed - p.elapsed)])).max() ?? 0
    if interrupted {
      // What a run did not reach is not a disagreement: keep the tasks both runs had ended.
      let seen = Set(bothEnded)
      s.finishOrder = s.finishOrder.filter(seen.contains)
      p.finishOrder = p.finishOrder.filter(seen.contains)
      s.results = s.results.filter { seen.contains($0.task) }
      p.results = p.results.filter { seen.contains($0.task) }
    }
    var facets: [Facet] = []

    if !interrupted {
      facets.append(Facet(name: "outcome", swift: Self.outcome(s), python: Self.outcome(p), agrees: s.outcome == p.outcome))
    }

    let orderAgrees = s.finishOrder == p.finishOrder
    let tiesOnly = !orderAgrees && Set(s.finishOrder) == Set(p.finishOrder)
      && Self.disagreeingPairs(s.finishOrder, p.finishOrder).allSatisfy { first, second in
        [swift, python].contains { run in
          guard let a = run.endedAt[first], let b = run.endedAt[second] else { return false }
          return abs(a - b) <= tolerance
        }
      }
    facets.append(Facet(
      name: "end order",
      swift: s.finishOrder.joined(separator: ", "),
      python: p.finishOrder.joined(separator: ", "),
      agrees: orderAgrees || tiesOnly,
      why: tiesOnly
        ? "The tasks that swapped places ended within \(SecondsFormat.seconds(tolerance)) of each other: a tie either runtime may break either way."
        : nil
    ))

    let sc = Self.cancelled(s), pc = Self.cancelled(p)
    facets.append(Facet(name: "cancelled", swift: Self.list(sc), python: Self.list(pc), agrees: sc == pc))
    if !interrupted {
      facets.append(Facet(name: "orphans", swift: Self.list(s.orphans), python: Self.list(p.orphans), agrees: s.orphans == p.orphans))
    }
    let sr = s.results.map { Self.slot($0.result) }, pr = p.results.map { Self.slot($0.result) }
    facets.append(Facet(name: "results", swift: "[" + sr.joined(separator: ", ") + "]", python: "[" + pr.joined(separator: ", ") + "]", agrees: sr == pr))

    let blockedThread = p.maxRunning == 1 && s.maxRunning > 1 && p.elapsed > s.elapsed + tolerance
    guard !interrupted else {
      self.facets = facets
      return
    }
    facets.append(Facet(
      name: "most running",
      swift: String(s.maxRunning),
      python: String(p.maxRunning),
      agrees: s.maxRunning == p.maxRunning,
      why: blockedThread
        ? "asyncio runs every task on one thread, so a task that blocks it (time.sleep) holds up all the others; "
          + "Swift runs tasks on a pool of threads, \(s.maxRunning) at once here."
        : nil
    ))
    let elapsedAgrees = abs(s.elapsed - p.elapsed) <= tolerance
    facets.append(Facet(
      name: "elapsed",
      swift: SecondsFormat.seconds(s.elapsed),
      python: SecondsFormat.seconds(p.elapsed),
      agrees: elapsedAgrees,
      why: !elapsedAgrees && blockedThread
        ? "CPython ran the blocking tasks one after another on its one thread, so it took longer."
        : nil
    ))
    self.facets = facets
  }

  /// Every facet agrees.
  public var agrees: Bool { facets.allSatisfy(\.agrees) }

  static func outcome(_ report: DemoReport) -> String {
    switch report.outcome {
    case .returned: "returned"
    case .threw: "threw " + (report.error ?? "an error")
    case .timedOut: "timed out"
    case .interrupted: "interrupted"
    }
  }

  static func cancelled(_ report: DemoReport) -> [String] {
    report.results.filter { $0.result.isCancelled }.map(\.task)
  }

  static func list(_ tasks: [String]) -> String { tasks.isEmpty ? "none" : tasks.joined(separator: ", ") }

  /// A slot as both runtimes can agree on it: a value's text, or just "an error" (the messages
  /// are each runtime's own).
  public static func slot(_ result: DemoReport.SlotResult) -> String {
    switch result {
    case .value(let value, let lost): value + (lost ? " (lost)" : "")
    case .error: "error"
    case .cancelled: "cancelled"
    case .notCreated: "not created"
    case .unfinished: "unfinished"
    }
  }

  /// Pairs of tasks that come in one order in `a` and the other in `b`.
  public static func disagreeingPairs(_ a: [String], _ b: [String]) -> [(String, String)] {
    var pairs: [(String, String)] = []
    for (i, first) in a.enumerated() {
      for second in a[(i + 1)...] {
        if let x = b.firstIndex(of: first), let y = b.firstIndex(of: second), x > y { pairs.append((first, second)) }
      }
    }
    return pairs
  }

  // MARK: - Words

  /// The comparison as lines: a table of facets, then the reasons for the differences.
  public func lines(width: Int) -> [StyledText] {
    let nameWidth = facets.map(\.name.count).max() ?? 0
    var lines: [StyledText] = [StyledText("Swift and \(python.runtime)", style: .bold)]
    var reasons: [String] = []
    for facet in facets {
      var line = StyledText(facet.agrees ? "✓ " : "✗ ", style: facet.agrees ? .color(.green) : .color(.red))
      line.append(facet.name.padding(to: nameWidth) + "  ")
      if facet.swift == facet.python {
        line.append("both " + facet.swift)
      } else {
        line.append("Swift " + facet.swift + " · CPython " + facet.python)
      }
      lines.append(line.truncated(to: max(20, width)))
      if let why = facet.why { reasons.append(why) }
    }
    lines.append(StyledText())
    // Sentences wrap between words: the terminal would cut "within" at the last column.
    var sentences: [String] = []
    let differing = facets.filter { !$0.agrees }
    if interrupted {
      sentences.append(compared.isEmpty
        ? "Interrupted before both runs had ended a task: there is nothing to compare."
        : "Interrupted: compared only the \(compared.count == 1 ? "task" : "tasks") both runs had ended ("
          + compared.joined(separator: ", ") + ").")
    }
    if differing.isEmpty, !compared.isEmpty {
      sentences.append("Swift and CPython agree on every point compared (times at most \(SecondsFormat.seconds(largestGap)) apart, "
        + "within the \(SecondsFormat.seconds(tolerance)) tolerance).")
    } else if !differing.isEmpty {
      let unexplained = differing.filter { $0.why == nil }.map(\.name)
      if !unexplained.isEmpty {
        sentences.append("They differ on " + unexplained.joined(separator: ", ") + ".")
      }
    }
    for sentence in sentences + reasons {
      lines += TextWrapper.wrap(sentence, width: max(20, min(width, 100) - 1)).map { StyledText($0) }
    }
    return lines
  }

  /// The comparison as one JSON line: `{"type":"comparison","agrees":…,"facets":[…]}`.
  public var json: String {
    JSONValue.object([
      ("type", "comparison"),
      ("agrees", .bool(agrees)),
      ("tolerance", .seconds(tolerance)),
      ("largestGap", .seconds(largestGap)),
      ("interrupted", .bool(interrupted)),
      ("facets", .array(facets.map { facet in
        .object([
          ("name", .string(facet.name)),
          ("agrees", .bool(facet.agrees)),
          ("swift", .string(facet.swift)),
          ("python", .string(facet.python)),
          ("why", .optional(facet.why)),
        ])
      })),
    ]).text
  }
}
