import GatherKit
import LabTerminal

/// The guide's first example: three 1-second fetches awaited one after another take 3 seconds;
/// gathered, they take 1.
public struct SequentialDemo: Demo {
  public init() {}

  public let id = "sequential"
  public let summary = "Awaiting one by one against gathering: the same fetches, count times faster."
  public let sourceFile = "SequentialDemo.swift"
  public let pythonFile = "sequential.py"
  public let parameters = [
    DemoParameter("count", .integer(1...12), default: "3", help: "how many fetches"),
    DemoParameter("delay", .seconds(0.1...10), default: "1", help: "seconds each fetch takes"),
  ]

  static let oneByOne = "one by one"
  static let gathered = "gathered"

  public func plan(_ parameters: DemoParameters) -> DemoPlan {
    let count = parameters.integer("count")
    let delay = parameters.seconds("delay")
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: Array(repeating: delay, count: count), phase: Self.oneByOne)
        + DemoPlan.lettered(durations: Array(repeating: delay, count: count), phase: Self.gathered),
      phases: [Self.oneByOne, Self.gathered],
      ideal: delay,
      sequential: Double(count) * delay,
      horizon: Double(count) * delay + delay
    )
  }

  /// What fetch number `index` returns: "Data from api.example.com/user/1", …
  static func url(_ index: Int) -> String { "api.example.com/user/\(index + 1)" }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delay = parameters.seconds("delay")
    let count = parameters.integer("count")
    // code: begin
    let fetches = (0..<count).map { index in
      SimulatedWork.returning("Data from \(Self.url(index))", after: delay, on: clock)
    }
    do {
      // Phase 1: await each fetch before starting the next.
      session.beginPhase(Self.oneByOne)
      let observer = session.observer()
      var results: [String] = []
      for (index, fetch) in fetches.enumerated() {
        results.append(try await observing(index, clock: clock, observer: observer, fetch))
      }
      session.returned("all awaited", results)

      // Phase 2: start them all, then wait for all of them.
      session.beginPhase(Self.gathered)
      let gathered = try await gather(fetches, clock: clock, observer: session.observer())
      session.returned("gather returned", gathered)
    } catch {
      session.caught(error)
    }
    // code: end
  }

  public let sentences = [
    SummarySentence("sequential.speedup", when: { report in
      report.outcome == .returned && report.phaseTimes.count == 2 && (report.speedup ?? 0) > 1.05
    }) { report in
      "One by one, each fetch waited for the one before it: \(seconds(report.sequential)). "
        + "Gathered, they waited together: \(seconds(report.elapsed)), "
        + SecondsFormat.ratio(report.speedup ?? 1) + " faster."
    },
    SummarySentence("sequential.single", when: { report in
      report.outcome == .returned && report.phaseTimes.count == 2 && report.results.count == 1
    }) { report in
      "With one fetch there is nothing to overlap: \(seconds(report.sequential)) one by one, "
        + "\(seconds(report.elapsed)) gathered. Try count=3."
    },
  ]
}
