import Foundation
import LabCore
import TestSupport
import Testing

/// `as-completed` on a test clock: results handled in finish order as each task ends, or after
/// gather has them all; the consumer's handling rows beside the tasks, in the JSON Lines too.
@Suite struct AsCompletedDemoTests {
  func lines(_ arguments: [String] = []) async throws -> [[String: Any]] {
    let (output, _) = try await DemoHarness(mode: .json).run("as-completed", arguments)
    return try output.split(separator: "\n").map { line in
      try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  @Test func finishModeHandlesEachResultAsItsTaskEnds() async throws {
    let lines = try await lines()
    let handling = lines.filter { $0["phase"] as? String == "handled" }
    #expect(handling.map { "\($0["task"] as? String ?? "?") \($0["event"] as? String ?? "?")" } == [
      "handle B started", "handle B finished", "handle C started", "handle C finished", "handle A started", "handle A finished",
    ])
    #expect(handling.map { $0["t"] as? Double } == [1, 1.5, 2, 2.5, 3, 3.5])
    let join = try #require(lines.first { $0["type"] as? String == "join" })
    #expect(join["label"] as? String == "all handled")
    #expect(join["t"] as? Double == 3.5)
    let result = try #require(lines.last)
    #expect(result["elapsed"] as? Double == 3.5)
    #expect(result["ideal"] as? Double == 3.5)
    #expect(result["finishOrder"] as? [String] == ["B", "C", "A"])
    // The handling rows hold no slot of the results: the tasks' three.
    #expect((result["results"] as? [[String: Any]])?.map { $0["task"] as? String } == ["A", "B", "C"])
  }

  @Test func gatherModeHandlesNothingBeforeTheLastTaskEndsThenInArgumentOrder() async throws {
    let lines = try await lines(["mode=gather"])
    let starts = lines.filter { $0["phase"] as? String == "handled" && $0["event"] as? String == "started" }
    #expect(starts.map { $0["task"] as? String } == ["handle A", "handle B", "handle C"])
    #expect(starts.map { $0["t"] as? Double } == [3, 3.5, 4])
    #expect(lines.last?["elapsed"] as? Double == 4.5)
  }

  @Test func theSummarySaysWhenTheFirstResultWasHandledAndWhenGatherWouldHaveHandedItOver() async throws {
    let (_, report) = try await DemoHarness().run("as-completed")
    #expect(AsCompletedDemo().said(report).map(\.id) == [
      "as-completed.first-early", "as-completed.finish-order", "as-completed.overlap",
    ])
    #expect(AsCompletedDemo().takeaway(report).first
      == "The first result, [1] B's, was handled at 1.00s; gather would have handed it over at 3.00s, when the last task ended.")
  }

  @Test func gatheredTheSummarySaysWhatWasHeldBack() async throws {
    let (_, report) = try await DemoHarness().run("as-completed", ["mode=gather"])
    #expect(AsCompletedDemo().takeaway(report) == [
      "Nothing was handled before 3.00s, when the last task, [0] A, ended: [1] B's result had been ready since 1.00s.",
      "Results were handled in argument order, A, B, C, though the tasks finished B, C, A.",
      "All the handling came after the last task ended at 3.00s: 3 results, one after another, all handled at 4.50s. Try mode=finish.",
    ])
  }

  @Test func tasksEndingTogetherAreHandedOverOneAfterTheOther() async throws {
    let (_, report) = try await DemoHarness().run("as-completed", ["delays=2,1,1", "handle=0.5"])
    // B and C end at 1 s: one is handled from 1 s, the other from 1.5 s, whichever came first.
    #expect(report.sideTasks.compactMap(\.startedAt).sorted() == [1, 1.5, 2])
    #expect(AsCompletedDemo().takeaway(report).last
      == "[1] B and [2] C ended at the same moment, 1.00s: they were handed over one after the other, in either order.")
  }

  /// Three tasks ending together are named together: it said "[0] A and [1] B ended at the same
  /// moment" of delays=1,1,1, leaving C out.
  @Test func everyTaskEndingInTheTieIsNamed() async throws {
    let (_, report) = try await DemoHarness().run("as-completed", ["delays=1,1,1", "handle=0"])
    #expect(AsCompletedDemo().takeaway(report)
      == ["[0] A, [1] B and [2] C ended at the same moment, 1.00s: they were handed over one after the other, in either order."])
  }

  @Test func theListingShowsItsParametersDefaultsAndRanges() {
    let lines = DemoListing.lines(DemoRegistry(demos: [AsCompletedDemo()]), width: 100).map(\.plainText)
    #expect(lines == [
      "  as-completed  Handle each result as its task finishes (as_completed), or all of them after",
      "                gather.",
      "                delays=3,1,2  seconds each task takes (1–12 values, each 0–30 s)",
      "                handle=0.5  seconds the consumer spends on each result (0–5 s)",
      "                mode=finish  finish handles each result as it ends; gather waits for all, then",
      "                  handles them in order (finish|gather)",
    ])
  }

  @Test func aWrongModeIsAUsageErrorNamingTheValidOnes() {
    #expect(throws: DemoLaunchError.parameter(.invalidValue(parameter: "mode", value: "fast", expected: "one of finish, gather"))) {
      _ = try DemoLaunch(demo: "as-completed", arguments: ["mode=fast"], speed: .normal, registry: .standard)
    }
    #expect(throws: DemoLaunchError.parameter(.invalidValue(parameter: "handle", value: "9", expected: "seconds from 0 to 5"))) {
      _ = try DemoLaunch(demo: "as-completed", arguments: ["handle=9"], speed: .normal, registry: .standard)
    }
  }
}
