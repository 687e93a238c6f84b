import Foundation
import GatherKit
import LabCore

/// A ninth demo, kept only as a test fixture: what adding a demo costs. Its folder holds the demo
/// (this file), its typed parameters, its summary sentences with their predicates, its parity
/// cases and its Python twin (`relay.py`); the only line outside the folder is the registry line
/// in `NinthDemoTests`, and its golden is `Goldens/relay.txt`.
///
/// A relay: each leg starts when the one before hands over, so the legs take their sum; gathered,
/// they overlap and take the longest.
struct RelayDemo: Demo {
  let id = "relay"
  let summary = "A relay of awaits takes the sum of its legs; gathered, the legs take the longest."
  let sourceFile = "RelayDemo.swift"
  let pythonFile = "relay.py"
  let parityCases = [[], ["mode=gather"], ["legs=0.5"], ["legs=2,1", "mode=gather"], ["legs=1,0,2"]]

  /// Read from this folder: a fixture is not embedded in the binary as the real demos are.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  var swiftSource: String? { try? String(contentsOf: Self.folder.appending(path: sourceFile), encoding: .utf8) }
  var pythonSource: String? { try? String(contentsOf: Self.folder.appending(path: pythonFile), encoding: .utf8) }

  func plan(_ parameters: RelayParameters) -> DemoPlan {
    let legs = parameters.legs
    let total = legs.reduce(0, +)
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: legs),
      ideal: parameters.mode == .relay ? total : legs.max() ?? 0,
      sequential: total
    )
  }

  func run<C: Clock>(_ parameters: RelayParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let observer = session.observer()
    // code: begin
    let legs = parameters.legs.enumerated().map { index, seconds in
      SimulatedWork.returning(TaskName.letter(index), after: seconds, on: clock)
    }
    do {
      switch parameters.mode {
      case .relay:
        // Each leg awaited before the next starts: `[await leg(n, s) for n, s in ...]`.
        var results: [String] = []
        for (index, leg) in legs.enumerated() {
          results.append(try await observing(index, clock: clock, observer: observer, leg))
        }
        session.returned("relay finished", results)
      case .gather:
        session.returned("gather returned", try await gather(legs, clock: clock, observer: observer))
      }
    } catch {
      session.caught(error)
    }
    // code: end
  }
}
