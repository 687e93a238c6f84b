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
  public let parityCases = [[], ["count=1", "delay=0.5"], ["count=4", "delay=0.5"], ["count=2", "delay=2"], ["count=5", "delay=0.3"]]

  static let oneByOne = "one by one"
  static let gathered = "gathered"

  public func plan(_ parameters: SequentialParameters) -> DemoPlan {
    let count = parameters.count
    let delay = parameters.delay
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

  public func run<C: Clock>(_ parameters: SequentialParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delay = parameters.delay
    let count = parameters.count
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
}
