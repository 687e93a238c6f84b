import Clocks
import Foundation
import Synchronization
import LabCore
import LabTerminal
import Testing
import TestSupport

/// Every demo against its Python twin under real CPython: the Swift demo runs on a test clock
/// (exact nominal instants), the twin at speed 10 on virtual time (DESIGN §13: its instants are
/// exact too, whatever the machine's load) — and two cases on the real clock; they must agree on
/// each task's events and their instants, the outcome, the results, cancellations and orphans.
// Serialized: a dozen CPythons starting at once on a small machine would stall each other's clocks.
@Suite(
  .serialized,
  .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the parity tests are skipped"),
  .timeLimit(.minutes(3))
)
struct PythonTwinParityTests {
  static let speed = 10.0
  /// Nominal seconds around instant `t`: 30 ms of real time at speed 10 for timer slack, and 5%
  /// for a loaded machine (a shared 2-core box with builds running slows CPython's loop down).
  static func tolerance(_ t: Double) -> Double { 0.3 + 0.05 * t }

  /// On virtual time the twin's instants are exact (JSON rounds them to the millisecond), except
  /// where real time runs: threads (`blocking mode=thread`) keep the real clock's tolerance.
  static func tolerance(_ t: Double, clock: PythonClock, arguments: [String]) -> Double {
    clock.isVirtual && !arguments.contains("mode=thread") ? 0.0015 : tolerance(t)
  }

  /// Every registered demo's parity cases (each demo brings its own, beside its twin), and those
  /// of the ninth demo the fixture in `NinthDemo/` adds with one registry line.
  static let registry = NinthDemoTests.registry
  static let cases: [(demo: String, arguments: [String])] = registry.demos.flatMap { demo in
    demo.parityCases.map { (demo.id, $0) }
  }

  /// The cores the Swift run of `blocking` models: one for `sleep` (asyncio runs every task on
  /// its one thread, so that is the Swift run its twin must match; on more cores Swift runs
  /// blocked tasks side by side, by design), and for `thread` as many as make the pool of
  /// min(32, cores + 4) workers the size this CPython gives asyncio.to_thread.
  static func blockingCores(_ arguments: [String]) -> Int {
    guard arguments.contains("mode=thread") else { return 1 }
    let workers = PythonForTests.python3.flatMap(PythonForTests.toThreadWorkers) ?? 5
    return max(1, workers - 4)
  }

  @Test(arguments: 0..<cases.count)
  func swiftDemoAndPythonTwinAgreeOnVirtualTime(_ index: Int) async throws {
    try await Self.agree(Self.cases[index], clock: .virtual(seed: 0))
  }

  /// `blocking mode=thread` on the real clock too: its twin's worker threads report when they
  /// pick a job up through the time-scaled loop, not the virtual one.
  @Test(arguments: [("ordering", [String]()), ("error-cancel", ["mode=gather"]), ("blocking", ["tasks=8", "delay=0.5", "mode=thread"])])
  func swiftDemoAndPythonTwinAgreeOnRealTime(_ id: String, _ arguments: [String]) async throws {
    try await Self.agree((id, arguments), clock: .real)
  }

  static func agree(_ testCase: (demo: String, arguments: [String]), clock: PythonClock) async throws {
    let (id, arguments) = testCase
    // The harness's registry, except for the cores `blocking` models on the test clock.
    let demo: any Demo =
      id == "blocking"
      ? BlockingDemo(blocker: SimulatedBlocker(cores: Self.blockingCores(arguments)))
      : try Self.registry.demo(named: id)
    let parameters = try demo.resolve([DemoParameters.pairs(from: arguments, demo: id, valid: demo.parameterNames)])
    let swift = try await Self.swiftRun(demo, parameters)
    // Threads take real time (on virtual time too): at speed 1 a loaded machine's overheads
    // (starting a thread, waking the loop) are not multiplied by 10 on the way into their instants.
    let python = try await Self.pythonRun(demo, parameters, clock: clock, speed: arguments.contains("mode=thread") ? 1 : speed)
    let label = ([id] + arguments).joined(separator: " ") + " (\(clock) time)"
    let tolerance = { (t: Double) in Self.tolerance(t, clock: clock, arguments: arguments) }

    #expect(python.report.outcome == swift.report.outcome, "\(label): outcome")
    #expect(python.report.results.map { DemoComparison.slot($0.result) } == swift.report.results.map { DemoComparison.slot($0.result) }, "\(label): results")
    #expect(python.report.orphans == swift.report.orphans, "\(label): orphans")
    #expect(abs(python.report.elapsed - swift.report.elapsed) <= tolerance(swift.report.elapsed), "\(label): elapsed \(python.report.elapsed) against \(swift.report.elapsed)")
    #expect(python.report.maxRunning == swift.report.maxRunning, "\(label): most running")
    // Per task: the same events, at the same instants.
    #expect(Set(python.events.keys) == Set(swift.events.keys), "\(label): tasks")
    for (task, swiftEvents) in swift.events {
      let pythonEvents = python.events[task] ?? []
      #expect(pythonEvents.map(\.kind) == swiftEvents.map(\.kind), "\(label): events of \(task)")
      for (p, s) in zip(pythonEvents, swiftEvents) {
        #expect(abs(p.time - s.time) <= tolerance(s.time), "\(label): \(task) \(s.kind) at \(p.time), Swift \(s.time)")
      }
    }
    // End order, except between tasks the Swift run ends at the same instant (a tie).
    for (first, second) in DemoComparison.disagreeingPairs(python.report.finishOrder, swift.report.finishOrder) {
      let tie = abs((swift.endedAt[first] ?? 0) - (swift.endedAt[second] ?? 0)) < 0.001
      #expect(tie, "\(label): \(first) and \(second) ended in another order")
    }
  }

  struct Run {
    var report: DemoReport
    /// Each task's events, keyed by phase and task: "gathered/A".
    var events: [String: [DemoEvent]]
    var endedAt: [String: Double]
  }


  static func run(_ entries: [DemoLogEntry], plan: DemoPlan, demo: String, parameters: DemoParameters) -> Run {
    var timeline = RunTimeline(plan: plan)
    var events: [String: [DemoEvent]] = [:]
    var endedAt: [String: Double] = [:]
    for entry in entries {
      if case .event(let event) = timeline.apply(entry) {
        events[(event.phase ?? "") + "/" + event.task, default: []].append(event)
        if event.kind != .started && event.kind != .waiting && event.phase == plan.phases.last { endedAt[event.task] = event.time }
      }
    }
    return Run(report: timeline.report(demo: demo, parameters: parameters, speed: 1, now: timeline.lastTime), events: events, endedAt: endedAt)
  }

  static func swiftRun(_ demo: any Demo, _ parameters: DemoParameters) async throws -> Run {
    let console = RecordingConsole(capabilities: .plain(width: 80))
    let clock = ClockStepper()
    let playback = DemoPlayback(console: console, mode: .json, speed: .normal)
    _ = await clock.runToEnd { await playback.play(demo, parameters: parameters, clock: clock) }
    let entries = console.output.split(separator: "\n").compactMap { line -> DemoLogEntry? in
      if case .entry(let entry)? = try? DemoJSONLine.parse(String(line)) { entry } else { nil }
    }
    return Self.run(entries, plan: demo.plan(resolved: parameters), demo: demo.id, parameters: parameters)
  }

  static func pythonRun(_ demo: any Demo, _ parameters: DemoParameters, clock: PythonClock, speed: Double) async throws -> Run {
    let python = try PythonInterpreter.find(explicit: PythonForTests.python3, environment: [:])
    var twin = try PythonTwin(demo: demo, interpreter: python)
    twin.clock = clock
    let entries = EntryList()
    let outcome = try await twin.run(parameters, speed: speed, ready: { _ in }, entry: { entries.append($0) })
    #expect(outcome.status == 0, "the twin failed: \(outcome.standardError)")
    #expect(outcome.header?.runtime?.hasPrefix("CPython 3.") == true)
    return Self.run(entries.all, plan: demo.plan(resolved: parameters), demo: demo.id, parameters: parameters)
  }
}

/// Entries gathered from the twin's reader.
final class EntryList: Sendable {
  private let entries = Mutex<[DemoLogEntry]>([])
  func append(_ entry: DemoLogEntry) { entries.withLock { $0.append(entry) } }
  var all: [DemoLogEntry] { entries.withLock { $0 } }
}

