import Foundation
import LabCore
import LabTerminal
import PropertyBased
import TestSupport
import Testing

/// "Everything shown is true of this run": for generated parameter sets of every demo, run on a
/// test clock, every summary line and sentence is checked against the run's own events, read
/// back from its JSON Lines — not against the report the words were built from. Shrinking is
/// off: each try is a whole demo run, and a failure already names its input and seed.
@Suite(.timeLimit(.minutes(5)), .shrinking(false)) struct SummaryTruthTests {
  static let demoIDs = DemoRegistry.standard.ids

  @Test(arguments: demoIDs)
  func everySentenceOfEverySummaryIsTrueOfItsRun(_ id: String) async throws {
    let harness = DemoHarness(mode: .json)
    let demo = try harness.registry.demo(named: id)
    await propertyCheck(count: 20, input: Gen.int(in: 0...99).array(of: 12), Self.speed) { choices, speed in
      let arguments = Self.arguments(for: demo, from: choices)
      // Values each in range that the demo refuses together (a task index beyond the tasks) are
      // not a run: DemoParameterTests checks the refusal.
      let pairs = arguments.map { argument in
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        return (name: parts[0], value: parts[1])
      }
      do throws(DemoParameterError) {
        _ = try demo.resolve([pairs])
      } catch {
        if case .conflict = error { return }
      }
      do {
        let (output, report) = try await harness.run(id, arguments, speed: try DemoSpeed(speed))
        let run = try RunEvents(jsonLines: output, plan: demo.plan(resolved: report.parameters), speed: speed)
        let summary = DemoTranscript.summary(report, takeaway: [], width: 100).map(\.plainText)
        for line in summary { run.checkSummaryLine(line, report: report, arguments: arguments) }
        for (sentenceID, text) in demo.said(report) {
          run.checkSentence(sentenceID, text, report: report, arguments: arguments)
        }
      } catch {
        Issue.record("\(id) \(arguments.joined(separator: " ")) at speed \(speed): \(error)")
      }
    }
  }

  /// The speeds runs are tried at: the same moment is wider at high speeds.
  static let speed = Gen<Double?>.element(of: [1, 1, 10, 100]).map { $0 ?? 1 }

  /// Every sentence a demo can say has a checker here: a new sentence needs one.
  @Test func everySentenceHasAChecker() {
    for demo in DemoRegistry.standard.demos {
      for sentence in demo.sentences {
        #expect(RunEvents.checked.contains(sentence.id), "no checker for \(sentence.id)")
      }
    }
  }

  /// Small values inside each parameter's range, chosen by `choices` (0 picks the simplest).
  static func arguments(for demo: any Demo, from choices: [Int]) -> [String] {
    var cursor = choices.makeIterator()
    func next() -> Int { cursor.next() ?? 0 }
    let seconds: [Double] = [0, 0.5, 1, 1.5, 2, 3]
    func pick(_ range: ClosedRange<Double>) -> Double {
      let valid = seconds.filter(range.contains)
      return valid.isEmpty ? range.lowerBound : valid[next() % valid.count]
    }
    return demo.parameters.map { parameter in
      let value: String
      switch parameter.kind {
      case .integer(let range):
        value = String(range.lowerBound + next() % min(8, range.count))
      case .seconds(let range):
        value = DemoParameter.format(pick(range))
      case .secondsList(let each, let count):
        let length = count.lowerBound + next() % min(4, count.count)
        value = (0..<length).map { _ in DemoParameter.format(pick(each)) }.joined(separator: ",")
      case .choice(let options):
        value = options[next() % options.count]
      case .integerOrNone(let range):
        let n = next() % 8
        value = n == 0 ? "none" : String(range.lowerBound + n - 1)
      }
      return "\(parameter.name)=\(value)"
    }
  }
}

/// What happened in one run, rebuilt from its JSON Lines alone.
struct RunEvents {
  /// How close two instants may be and still count as one moment: 20 ms nominal, or 5 ms of real
  /// time at the run's speed when that is more (the timing bar's 5 ms × speed), and a little
  /// for rounding.
  let tolerance: Double

  var tasks: [String] = []
  var waitingAt: [String: Double] = [:]
  var startedAt: [String: Double] = [:]
  var endedAt: [String: Double] = [:]
  var endKind: [String: DemoEvent.Kind] = [:]
  /// When a task received its cancellation and ran on (its cleanup, or work past a swallowed one).
  var cancellingAt: [String: Double] = [:]
  var orphans: Set<String> = []
  var join: DemoJoin?
  var phaseStart = 0.0
  var times: [Double] = []
  /// The task events of the last phase, in the order they were reported.
  var events: [DemoEvent] = []
  /// Rows beside the tasks (a phase the plan does not list): when each began waiting, started
  /// and ended, by name.
  var sideWaitingAt: [String: Double] = [:]
  var sideStartedAt: [String: Double] = [:]
  var sideEndedAt: [String: Double] = [:]
  /// The side rows in the order they started.
  var sideStarts: [String] = []

  init(jsonLines: String, plan: DemoPlan, speed: Double) throws {
    tolerance = max(0.02, 0.005 * speed) + 0.001
    let lastPhase = plan.phases.last
    tasks = plan.tasks.filter { $0.phase == lastPhase }.map(\.name)
    var phase: String?
    for text in jsonLines.split(separator: "\n") {
      guard case .entry(let entry) = try DemoJSONLine.parse(String(text)) else { continue }
      times.append(entry.time)
      switch entry {
      case .phase(let name, _, let time):
        phase = name
        if name == lastPhase { phaseStart = time }
      case .event(let event):
        if let side = event.phase, side != lastPhase, !plan.phases.contains(side) {
          switch event.kind {
          case .waiting: sideWaitingAt[event.task] = event.time
          case .started:
            sideStartedAt[event.task] = event.time
            sideStarts.append(event.task)
          case .finished, .failed, .cancelled: sideEndedAt[event.task] = event.time
          case .cancelling: break
          }
          continue
        }
        guard (event.phase ?? phase) == lastPhase else { continue }
        events.append(event)
        switch event.kind {
        case .waiting: waitingAt[event.task] = event.time
        case .started: startedAt[event.task] = event.time
        case .finished, .failed, .cancelled:
          endedAt[event.task] = event.time
          endKind[event.task] = event.kind
        case .cancelling: cancellingAt[event.task] = event.time
        }
        if event.isOrphan { orphans.insert(event.task) }
      case .join(let value):
        if phase == lastPhase, value.outcome != .interrupted { join = value }
      case .deadline:
        break
      }
    }
  }

  func ended(_ kind: DemoEvent.Kind) -> Set<String> { Set(endKind.filter { $0.value == kind }.map(\.key)) }
  var cancelled: Set<String> { ended(.cancelled) }
  var neverCreated: [String] { tasks.filter { waitingAt[$0] == nil && startedAt[$0] == nil } }
  var waited: [String] {
    tasks.filter { task in
      guard let waiting = waitingAt[task] else { return false }
      return (startedAt[task] ?? .infinity) > waiting + tolerance
    }
  }
  var joinTime: Double { join?.time ?? 0 }

  /// Most tasks running, and most existing (waiting or running), at once, replaying the events
  /// in the order they were reported.
  func peak(existing: Bool) -> Int {
    var alive: Set<String> = []
    var best = 0
    for event in events {
      switch event.kind {
      case .waiting: if existing { alive.insert(event.task) }
      case .started: alive.insert(event.task)
      case .finished, .failed, .cancelled: alive.remove(event.task)
      case .cancelling: break
      }
      best = max(best, alive.count)
    }
    return best
  }

  /// How many tasks ended at each distinct moment, an end within `tolerance` of the one before
  /// counting as the same.
  var endWaves: [Int] {
    var waves: [(time: Double, count: Int)] = []
    for time in tasks.compactMap({ endedAt[$0] }).sorted() {
      if let last = waves.last, time - last.time <= tolerance {
        waves[waves.count - 1].count += 1
      } else {
        waves.append((time, 1))
      }
    }
    return waves.map(\.count)
  }

  /// How many distinct moments the tasks started at, a start within `tolerance` of the one
  /// before counting once.
  func distinctStarts(_ names: [String]) -> Int {
    var moments: [Double] = []
    for time in names.compactMap({ startedAt[$0] }).sorted() where moments.last.map({ time - $0 > tolerance }) ?? true {
      moments.append(time)
    }
    return moments.count
  }

  /// "[1] B" labels in `text`, checked to name the task at that index.
  func labels(_ text: some StringProtocol, _ context: String) -> [String] {
    String(text).matches(of: /\[(\d+)\] ([A-Z]+)/).map { match in
      let index = Int(match.output.1) ?? -1
      let name = String(match.output.2)
      #expect(tasks.indices.contains(index) && tasks[index] == name, "\(context): [\(index)] is not \(name)")
      return name
    }
  }

  // MARK: - Checks

  func checkCommon(_ text: String, report: DemoReport, _ context: String) {
    // Every time quoted is a time of this run (or the plan's sequential and ideal times).
    let known = times + [report.sequential, report.ideal, joinTime - phaseStart, report.elapsed]
    for match in text.matches(of: /(\d+\.\d\d)s/) {
      let value = Double(match.output.1) ?? -1
      #expect(known.contains { abs($0 - value) < 0.006 }, "\(context): \(value)s is no time of the run")
    }
    // Every finish rank fits the order the tasks ended in.
    for match in text.matches(of: /\[\d+\] ([A-Z]+) (\d+)(?:st|nd|rd|th)/) {
      let task = String(match.output.1)
      let rank = Int(match.output.2) ?? 0
      guard let end = endedAt[task] else { Issue.record("\(context): \(task) has a rank but never ended"); continue }
      let ranked = tasks.filter { endKind[$0] == .finished || endKind[$0] == .failed }
      let before = ranked.filter { (endedAt[$0] ?? 0) < end - tolerance }.count
      let upTo = ranked.filter { (endedAt[$0] ?? 0) <= end + tolerance }.count
      #expect(before < rank && rank <= upTo, "\(context): \(task) ranked \(rank)")
    }
    _ = labels(text, context)
    if let match = text.firstMatch(of: /in (\d+) waves/) {
      #expect(Int(match.output.1) == distinctStarts(tasks), "\(context): waves")
      #expect((Int(match.output.1) ?? 0) >= 2, "\(context): waves of one")
    }
    if let match = text.firstMatch(of: /Never more than (\d+) ran at once \(limit (\d+)\)/) {
      #expect(Int(match.output.1) == peak(existing: false) && (Int(match.output.1) ?? 0) <= (Int(match.output.2) ?? 0), "\(context)")
    }
  }

  func checkSummaryLine(_ line: String, report: DemoReport, arguments: [String]) {
    let context = "\(report.demo) \(arguments.joined(separator: " ")) at speed \(report.speed): \(line)"
    checkCommon(line, report: report, context)
    let value = line.dropFirst(12)
    let outcome = join?.outcome
    switch line.prefix(12).trimmingCharacters(in: .whitespaces) {
    case "received":
      if outcome == .returned { #expect(value.hasPrefix("["), "\(context)") }
      if outcome == .threw || outcome == .timedOut { #expect(value.contains("no list"), "\(context)") }
    case "finished":
      for task in labels(value, context) { #expect(endKind[task] == .finished && !orphans.contains(task), "\(context)") }
      #expect(outcome != .threw && outcome != .timedOut, "\(context)")
    case "failed":
      for task in labels(value, context) { #expect(endKind[task] == .failed, "\(context)") }
    case "cancelled":
      for task in labels(value, context) { #expect(endKind[task] == .cancelled, "\(context)") }
    case "result lost":
      for task in labels(value, context) {
        #expect(endKind[task] == .finished && (outcome == .threw || outcome == .timedOut || orphans.contains(task)), "\(context)")
      }
    case "not created":
      for task in labels(value, context) { #expect(neverCreated.contains(task), "\(context)") }
    case "unfinished":
      for task in labels(value, context) { #expect(endKind[task] == nil, "\(context)") }
    case "orphans":
      let names = value.components(separatedBy: " ran on")[0].components(separatedBy: ", ")
      #expect(outcome == .threw && Set(names) == orphans, "\(context)")
    default:
      break
    }
  }

  static let checked: Set<String> = [
    "ordering.differs", "ordering.same", "ordering.tied", "ordering.slowest",
    "error-cancel.cancelled", "error-cancel.orphans", "error-cancel.already-done", "error-cancel.nothing-left",
    "return-exceptions.nothing-cancelled", "return-exceptions.why",
    "semaphore.bounded", "semaphore.unbounded", "semaphore.upfront", "semaphore.window", "semaphore.orphans",
    "semaphore.cancelled", "semaphore.never-created",
    "timeout.cancelled", "timeout.lost", "timeout.each", "timeout.never-fired",
    "first-completed.done", "first-completed.cancelled",
    "sequential.speedup", "sequential.single",
    "blocking.pool", "blocking.asyncio", "blocking.enough-cores", "blocking.suspended", "blocking.own-thread",
    "blocking.thread-pool", "blocking.one-thread",
    "as-completed.first-early", "as-completed.held-back", "as-completed.finish-order", "as-completed.argument-order",
    "as-completed.overlap", "as-completed.after-all", "as-completed.tied",
    "worker-pool.backpressure", "worker-pool.never-waited", "worker-pool.peak", "worker-pool.busy",
    "cleanup.cleaned-up", "cleanup.nothing-to-clean", "cleanup.waited-for-cleanup", "cleanup.swallowed-held-up", "cleanup.swallowed",
    "cleanup.still-timeout", "cleanup.lost", "cleanup.in-time",
  ]

  /// The side rows that started, in the order they started: the consumer's handling steps.
  var handlers: [(name: String, start: Double)] {
    sideStarts.map { ($0, sideStartedAt[$0] ?? 0) }
  }

  /// The task a handling row ("handle B") is for.
  static func handledTask(_ row: String) -> String { String(row.split(separator: " ").last ?? "") }

  /// Most tasks waiting (longer than a moment) at once: the queue's length.
  var peakQueue: Int {
    let waits = tasks.compactMap { task -> (Double, Double)? in
      guard let since = waitingAt[task] else { return nil }
      let until = startedAt[task] ?? endedAt[task] ?? .infinity
      return until - since > tolerance ? (since, until) : nil
    }
    return waits.map { since, _ in waits.filter { $0.0 <= since + tolerance && $0.1 > since + tolerance }.count }.max() ?? 0
  }

  /// The seconds quoted in `text`, in order.
  static func quotedSeconds(_ text: String) -> [Double] {
    text.matches(of: /(\d+\.\d\d)s/).compactMap { Double($0.output.1) }
  }

  func checkSentence(_ id: String, _ text: String, report: DemoReport, arguments: [String]) {
    let context = "\(report.demo) \(arguments.joined(separator: " ")) at speed \(report.speed): \(text)"
    checkCommon(text, report: report, context)
    let outcome = join?.outcome
    let ends = tasks.compactMap { endedAt[$0] }
    let inversion = ends.indices.contains { i in ends[(i + 1)...].contains { $0 < ends[i] - tolerance } }
    let tie = ends.indices.contains { i in ends[(i + 1)...].contains { abs($0 - ends[i]) <= tolerance } }
    func before(_ marker: String) -> [String] { labels(text.components(separatedBy: marker)[0], context) }
    func after(_ marker: String) -> [String] { labels(text.components(separatedBy: marker).dropFirst().joined(), context) }
    switch id {
    case "ordering.differs": #expect(inversion, "\(context)")
    case "ordering.same": #expect(!inversion && !tie && ends.count == tasks.count, "\(context)")
    case "ordering.tied": #expect(!inversion && tie, "\(context)")
    case "ordering.slowest":
      let longest = tasks.compactMap { task in endedAt[task].flatMap { end in startedAt[task].map { end - $0 } } }.max() ?? -1
      #expect(abs(joinTime - longest) <= tolerance, "\(context)")
    case "error-cancel.cancelled", "semaphore.cancelled", "timeout.cancelled":
      let named = Set(before(" cancelled"))
      #expect(!named.isEmpty && named.isSubset(of: cancelled), "\(context)")
      if id == "timeout.cancelled" { #expect(outcome == .timedOut, "\(context)") } else { #expect(outcome == .threw, "\(context)") }
    case "error-cancel.orphans":
      let named = Set(after("but "))
      #expect(outcome == .threw && !named.isEmpty && named.isSubset(of: orphans), "\(context)")
    case "error-cancel.already-done":
      for task in before(" had already finished") {
        #expect(endKind[task] == .finished && (endedAt[task] ?? .infinity) <= joinTime + tolerance, "\(context)")
      }
    case "error-cancel.nothing-left":
      #expect(outcome == .threw && orphans.isEmpty && cancelled.isEmpty, "\(context)")
      #expect(ends.allSatisfy { $0 <= joinTime + tolerance }, "\(context)")
    case "return-exceptions.nothing-cancelled":
      #expect(cancelled.isEmpty && abs(joinTime - (ends.max() ?? -1)) <= tolerance, "\(context)")
    case "return-exceptions.why":
      #expect(outcome == .returned && !ended(.failed).isEmpty, "\(context)")
    case "semaphore.bounded":
      #expect(text.contains("Never more than"), "\(context)")
    case "semaphore.unbounded":
      #expect(waited.isEmpty && peak(existing: false) == tasks.count, "\(context)")
    case "semaphore.upfront":
      let match = text.firstMatch(of: /All (\d+) tasks existed from the start, (\d+) of them waiting/)
      #expect(match.map { Int($0.output.1) == tasks.count && Int($0.output.2) == waited.count } ?? false, "\(context)")
      #expect(tasks.allSatisfy { (waitingAt[$0] ?? startedAt[$0] ?? .infinity) <= tolerance }, "\(context)")
    case "semaphore.window":
      let match = text.firstMatch(of: /At most (\d+) tasks existed at any moment, not (\d+)/)
      #expect(match.map { Int($0.output.1) == peak(existing: true) && Int($0.output.2) == tasks.count } ?? false, "\(context)")
      #expect(peak(existing: true) < tasks.count, "\(context)")
    case "semaphore.orphans":
      let match = text.firstMatch(of: /but (\d+) other tasks? went on/)
      #expect(outcome == .threw && match.map { Int($0.output.1) == orphans.count } ?? false, "\(context)")
    case "semaphore.never-created":
      #expect(outcome == .threw && !neverCreated.isEmpty, "\(context)")
      for task in before(" never created") { #expect(neverCreated.contains(task), "\(context)") }
    case "timeout.lost":
      #expect(outcome == .timedOut, "\(context)")
      for task in before(" had finished") { #expect(endKind[task] == .finished, "\(context)") }
    case "timeout.each":
      #expect(outcome == .returned, "\(context)")
      for task in labels(text.components(separatedBy: " cancelled")[0], context) { #expect(cancelled.contains(task), "\(context)") }
      for task in after("while ") { #expect(endKind[task] == .finished, "\(context)") }
    case "timeout.never-fired":
      #expect(outcome == .returned && ended(.finished).count == tasks.count, "\(context)")
    case "cleanup.cleaned-up":
      // Named tasks got a cancellation, ran on, and ended cancelled; the times are theirs.
      let named = before(" got")
      #expect(outcome == .timedOut && !named.isEmpty, "\(context)")
      for task in named { #expect(cancellingAt[task] != nil && endKind[task] == .cancelled, "\(context)") }
      let match = text.firstMatch(of: /cancellation at (\d+\.\d\d)s, cleaned up until (\d+\.\d\d)s/)
      #expect(match.map { abs((Double($0.output.1) ?? -1) - (named.compactMap { cancellingAt[$0] }.min() ?? 0)) < 0.006 } ?? false, "\(context)")
      #expect(match.map { abs((Double($0.output.2) ?? -1) - (named.compactMap { endedAt[$0] }.max() ?? 0)) < 0.006 } ?? false, "\(context)")
    case "cleanup.nothing-to-clean":
      // Named tasks got a cancellation and ended cancelled in the same moment.
      let named = before(" got")
      #expect(outcome == .timedOut && !named.isEmpty, "\(context)")
      for task in named {
        #expect(endKind[task] == .cancelled, "\(context)")
        #expect(abs((endedAt[task] ?? .infinity) - (cancellingAt[task] ?? -1)) <= tolerance, "\(context)")
      }
    case "cleanup.waited-for-cleanup":
      let cleaned = tasks.filter { cancellingAt[$0] != nil && endKind[$0] == .cancelled }
      #expect(cleaned.contains { (endedAt[$0] ?? 0) - (cancellingAt[$0] ?? 0) > tolerance }, "\(context): no task spent time cleaning up")
      #expect(outcome == .timedOut && !cleaned.isEmpty, "\(context)")
      #expect(abs(joinTime - (cleaned.compactMap { endedAt[$0] }.max() ?? -1)) <= tolerance, "\(context)")
    case "cleanup.swallowed-held-up", "cleanup.swallowed", "cleanup.still-timeout":
      // Named tasks got a cancellation and still ended with a value or an error.
      let named = before(" swallowed")
      #expect(!named.isEmpty, "\(context)")
      for task in named {
        #expect(cancellingAt[task] != nil && (endKind[task] == .finished || endKind[task] == .failed), "\(context)")
      }
      if id == "cleanup.swallowed-held-up" {
        #expect(outcome == .timedOut, "\(context)")
        #expect(abs(joinTime - (named.compactMap { endedAt[$0] }.max() ?? -1)) <= tolerance, "\(context)")
        let others = tasks.filter { !named.contains($0) }.compactMap { endedAt[$0] }
        #expect(others.allSatisfy { $0 < joinTime - tolerance }, "\(context): another task ended as late")
      }
      if id == "cleanup.still-timeout" { #expect(outcome == .timedOut, "\(context)") }
    case "cleanup.lost":
      #expect(outcome == .timedOut, "\(context)")
      let named = before(" had finished")
      let firstCancel = cancellingAt.values.min() ?? .infinity
      for task in named {
        #expect(endKind[task] == .finished && cancellingAt[task] == nil && (endedAt[task] ?? .infinity) <= firstCancel + tolerance, "\(context)")
      }
    case "cleanup.in-time":
      #expect(outcome == .returned && cancelled.isEmpty && cancellingAt.isEmpty, "\(context)")
    case "first-completed.done":
      for task in labels(text, context) {
        #expect(endKind[task] == .finished && (endedAt[task] ?? .infinity) <= joinTime + tolerance, "\(context)")
      }
    case "first-completed.cancelled":
      for task in before(" still running") {
        #expect(cancelled.contains(task) && (endedAt[task] ?? 0) >= joinTime - tolerance, "\(context)")
      }
    case "sequential.speedup", "sequential.single":
      #expect(outcome == .returned, "\(context)")
      if let match = text.firstMatch(of: /(\d+\.\d)× faster/), let ratio = Double(match.output.1) {
        #expect(abs(ratio - report.sequential / (joinTime - phaseStart)) < 0.06, "\(context)")
      }
    case "blocking.pool":
      let match = text.firstMatch(of: /ran only (\d+) at a time.*this machine has (\d+) cores?/)
      #expect(match.map { Int($0.output.1) == peak(existing: false) && (Int($0.output.1) ?? 0) <= (Int($0.output.2) ?? 0) } ?? false, "\(context)")
      #expect(!waited.isEmpty, "\(context)")
    case "blocking.asyncio":
      #expect(outcome == .returned && tasks.count > 1, "\(context)")
    case "blocking.one-thread":
      // Said of a CPython run only: one task at a time, the run as long as their sum.
      #expect(report.runtime != nil && outcome == .returned && peak(existing: false) == 1, "\(context)")
    case "blocking.enough-cores", "blocking.suspended":
      #expect(outcome == .returned && waited.isEmpty, "\(context)")
    case "blocking.own-thread":
      #expect(outcome == .returned && waited.isEmpty && endWaves.count == 1, "\(context)")
    case "blocking.thread-pool":
      // Python's default pool: min(32, os.cpu_count() + 4) threads, on the cores the run reports.
      let workers = min(32, (report.cores ?? 1) + 4)
      #expect(outcome == .returned && endWaves.count > 1 && endWaves.allSatisfy { $0 <= workers }, "\(context)")
      #expect(text.contains("= \(workers) worker threads") && text.contains("in \(endWaves.count) rounds"), "\(context)")
    case "as-completed.first-early", "as-completed.overlap":
      let first = handlers.first?.start ?? .infinity
      let lastEnd = ends.max() ?? -1
      #expect(outcome == .returned && first < lastEnd - tolerance, "\(context)")
      if id == "as-completed.first-early" {
        let quoted = Self.quotedSeconds(text)
        #expect(quoted.count == 2 && abs(quoted[0] - first) < 0.006 && abs(quoted[1] - lastEnd) < 0.006, "\(context)")
      }
    case "as-completed.held-back", "as-completed.after-all":
      let first = handlers.first?.start ?? -1
      let lastEnd = ends.max() ?? .infinity
      #expect(outcome == .returned && first >= lastEnd - tolerance, "\(context)")
      if id == "as-completed.held-back" { #expect((ends.min() ?? .infinity) < lastEnd - tolerance, "\(context)") }
    case "as-completed.finish-order":
      let handledEnds = handlers.compactMap { endedAt[Self.handledTask($0.name)] }
      #expect(handledEnds.count > 1 && zip(handledEnds, handledEnds.dropFirst()).allSatisfy { $0 <= $1 + tolerance }, "\(context)")
      let order = handlers.map { Self.handledTask($0.name) }
      #expect(order != order.sorted() && text.contains(order.joined(separator: ", ")), "\(context)")
    case "as-completed.argument-order":
      let order = handlers.map { Self.handledTask($0.name) }
      #expect(order == tasks && inversion, "\(context)")
    case "as-completed.tied":
      let named = labels(text, context)
      #expect(outcome == .returned && named.count >= 2, "\(context)")
      for (a, b) in zip(named, named.dropFirst()) {
        #expect(abs((endedAt[a] ?? -1) - (endedAt[b] ?? -2)) <= tolerance, "\(context)")
      }
    case "worker-pool.backpressure":
      let quoted = Self.quotedSeconds(text)
      let since = sideWaitingAt["producer"] ?? -1
      let until = sideEndedAt["producer"] ?? -1
      #expect(until - since > tolerance, "\(context)")
      #expect(quoted.count == 2 && abs(quoted[0] - since) < 0.006 && abs(quoted[1] - until) < 0.006, "\(context)")
    case "worker-pool.never-waited":
      let waited = sideWaitingAt["producer"].map { (sideEndedAt["producer"] ?? .infinity) - $0 > tolerance } ?? false
      #expect(!waited && (sideEndedAt["producer"] ?? .infinity) <= tolerance, "\(context)")
      #expect(text.contains("all \(tasks.count) jobs"), "\(context)")
    case "worker-pool.peak":
      let match = text.firstMatch(of: /At most (\d+) jobs? waited/)
      #expect(match.map { Int($0.output.1) == peakQueue } ?? false, "\(context): peak queue \(peakQueue)")
    case "worker-pool.busy":
      let workers = Int(arguments.first { $0.hasPrefix("workers=") }?.dropFirst("workers=".count) ?? "2") ?? 2
      let work = tasks.compactMap { task in startedAt[task].flatMap { start in endedAt[task].map { $0 - start } } }.reduce(0, +)
      let share = 100 * work / (Double(workers) * (joinTime - phaseStart))
      let match = text.firstMatch(of: /busy (\d+)% of the time.*never more than (\d+) jobs? at once/)
      #expect(match.map { abs(Double(Int($0.output.1) ?? -100) - share) <= 1.5 && Int($0.output.2) == peak(existing: false) } ?? false, "\(context)")
    default:
      Issue.record("\(context): no checker for \(id)")
    }
  }
}
