import Foundation
import LabCore
import TestSupport
import Testing

/// The JSON Lines of a `--json` run on a test clock, parsed and checked field by field.
@Suite struct DemoJSONTests {
  func lines(_ id: String, _ arguments: [String] = []) async throws -> [[String: Any]] {
    let (output, _) = try await DemoHarness(mode: .json).run(id, arguments)
    return try output.split(separator: "\n").map { line in
      try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  @Test func headerEventsThenResultForOrdering() async throws {
    let lines = try await lines("ordering")
    #expect(lines.first?["type"] as? String == "demo")
    #expect(lines.first?["demo"] as? String == "ordering")
    #expect(lines.first?["speed"] as? Double == 1)
    #expect((lines.first?["params"] as? [String: Any])?["delays"] as? [Double] == [3, 1, 2])
    let body = lines.dropFirst().dropLast()
    #expect(body.map { $0["type"] as? String } == Array(repeating: "event", count: 6) + ["join"])
    let join = try #require(body.last)
    #expect(join["t"] as? Double == 3)
    #expect(join["label"] as? String == "gather returned")
    #expect(join["outcome"] as? String == "returned")
    let events = body.dropLast()
    let finished = events.filter { $0["event"] as? String == "finished" }
    #expect(finished.map { $0["task"] as? String } == ["B", "C", "A"])
    #expect(finished.map { $0["t"] as? Double } == [1, 2, 3])
    #expect(finished.map { $0["value"] as? String } == ["B", "C", "A"])
    #expect(events.allSatisfy { $0.keys.contains("error") && $0.keys.contains("phase") && $0.keys.contains("value") })
    let result = try #require(lines.last)
    #expect(result["type"] as? String == "result")
    #expect(result["outcome"] as? String == "returned")
    #expect(result["elapsed"] as? Double == 3)
    #expect(result["ideal"] as? Double == 3)
    #expect((result["results"] as? [[String: Any]])?.map { $0["value"] as? String } == ["A", "B", "C"])
    #expect(result["error"] is NSNull)
  }

  @Test func gatherModeOrphansFinishAfterTheCallerHasTheError() async throws {
    let lines = try await lines("error-cancel", ["mode=gather"])
    let result = try #require(lines.last)
    #expect(result["outcome"] as? String == "threw")
    #expect(result["elapsed"] as? Double == 1)
    #expect(result["error"] as? String == "A failed")
    #expect(result["orphans"] as? [String] == ["B", "C"])
    let orphanEvents = lines.filter { $0["orphan"] as? Bool == true }
    #expect(orphanEvents.map { $0["t"] as? Double } == [2, 2])
    #expect(lines.filter { $0["event"] as? String == "cancelled" }.isEmpty)
  }

  @Test func timeoutReportsTimedOutAndWhichTaskWasCancelledWhen() async throws {
    let lines = try await lines("timeout")
    let cancelled = lines.filter { $0["event"] as? String == "cancelled" }
    #expect(cancelled.map { $0["task"] as? String } == ["C"])
    #expect(cancelled.map { $0["t"] as? Double } == [5])
    #expect(lines.last?["outcome"] as? String == "timedOut")
    #expect(lines.last?["elapsed"] as? Double == 5)
    #expect(lines[1]["type"] as? String == "deadline")
    #expect(lines[1]["t"] as? Double == 5)
    let join = try #require(lines.first { $0["type"] as? String == "join" })
    #expect(join["outcome"] as? String == "timedOut")
    #expect(join["label"] as? String == "deadline passed")
  }

  @Test func sequentialEventsCarryTheirPhase() async throws {
    let lines = try await lines("sequential", ["count=2"])
    let phases = Set(lines.compactMap { $0["phase"] as? String })
    #expect(phases == ["one by one", "gathered"])
    let phaseLines = lines.filter { $0["type"] as? String == "phase" }
    #expect(phaseLines.map { $0["name"] as? String } == ["one by one", "gathered"])
    #expect(phaseLines.map { $0["number"] as? Int } == [1, 2])
    #expect(lines.filter { $0["type"] as? String == "join" }.map { $0["t"] as? Double } == [2, 3])
    #expect(lines.last?["elapsed"] as? Double == 1)
    #expect(lines.last?["sequential"] as? Double == 2)
    #expect(lines.last?["speedup"] as? Double == 2)
  }
}
