import Foundation
import LabCore
import TestSupport
import Testing

/// `run timeout mode=each --json`: the result line's slot for a task cut by its own deadline says
/// what the caller's slot holds, `TimeoutError` (as the join line says), not "cancelled"; the task
/// is still marked cancelled. A task cancelled with no exception in a returned list keeps "cancelled".
@Suite struct TimeoutSlotTests {
  func lines(_ id: String, _ arguments: [String]) async throws -> [[String: Any]] {
    let (output, _) = try await DemoHarness(mode: .json).run(id, arguments)
    return try output.split(separator: "\n").map { line in
      try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  @Test func aSlotHoldingATimeoutErrorSaysTimeoutErrorInTheResultLine() async throws {
    let lines = try await lines("timeout", ["mode=each"])
    let join = try #require(lines.first { $0["type"] as? String == "join" })
    #expect((join["slots"] as? [String])?.last?.hasPrefix("TimeoutError(") == true)
    let result = try #require(lines.last)
    let slots = try #require(result["results"] as? [[String: Any]])
    #expect(slots.map { $0["task"] as? String } == ["A", "B", "C"])
    #expect(slots[2]["error"] as? String == "TimeoutError")
    #expect(slots[2]["cancelled"] as? Bool == true)
    #expect(slots[0]["value"] as? String == "A")
  }

  @Test func aTaskCancelledAfterTheCallerResumedIsStillJustCancelled() async throws {
    let lines = try await lines("first-completed", [])
    let slots = try #require(lines.last?["results"] as? [[String: Any]])
    #expect(slots.filter { $0["cancelled"] as? Bool == true }.map { $0["error"] as? String } == ["cancelled", "cancelled"])
  }

  @Test func aPythonListsSlotsAreReadTheSameWay() throws {
    let join = DemoJoin(time: 5, label: "gather returned", detail: "['A', TimeoutError()]", outcome: .returned, slots: ["'A'", "TimeoutError()"])
    var timeline = RunTimeline(plan: DemoPlan(tasks: DemoPlan.lettered(2), ideal: 5, sequential: 8))
    for entry: DemoLogEntry in [
      .event(DemoEvent(time: 0, task: "A", kind: .started)), .event(DemoEvent(time: 0, task: "B", kind: .started)),
      .event(DemoEvent(time: 1, task: "A", kind: .finished, value: "A")), .event(DemoEvent(time: 5, task: "B", kind: .cancelled)),
      .join(join),
    ] {
      _ = timeline.apply(entry)
    }
    let report = timeline.report(demo: "timeout", parameters: try DemoRegistry.standard.demo(named: "timeout").resolve([]), speed: 1, now: 5)
    #expect(report.results.map(\.result) == [.value("A", lost: false), .cancelled(caught: "TimeoutError")])
  }
}
