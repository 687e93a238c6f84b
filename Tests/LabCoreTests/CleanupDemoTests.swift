import Foundation
import LabCore
import TestSupport
import Testing

/// The `cleanup` demo on a test clock: tasks under a deadline clean up after their cancellation
/// and re-raise, or one swallows it and holds the block up. Its twin's parity is in
/// `PythonTwinParityTests`, its sentences' truth in `SummaryTruthTests`.
@Suite struct CleanupDemoTests {
  let harness = DemoHarness()

  @Test func theListingShowsItsParametersDefaultsAndRanges() throws {
    let lines = DemoListing.lines(DemoRegistry.standard, width: 120).map(\.plainText)
    let start = try #require(lines.firstIndex { $0.hasPrefix("  cleanup ") })
    #expect(Array(lines[start..<(start + 6)]) == [
      "  cleanup            Cancelled at a deadline, tasks clean up and re-raise; one that swallows it holds the block up.",
      "                     delays=0.5,2.5,3  seconds of work each task needs (1–12 values, each 0–30 s)",
      "                     deadline=1  seconds until the deadline cancels the tasks (0.1–30 s)",
      "                     cleanup=0.5  seconds a cancelled task's cleanup takes (0–5 s)",
      "                     mode=reraise  reraise: clean up, then re-raise; swallow: one task carries on (reraise|swallow)",
      "                     swallow=1  in mode=swallow, the index of the task that swallows (0 is A) (0–11)",
    ])
  }

  @Test func aWrongModeOrAnIndexOutOfRangeIsAUsageErrorNamingTheValidValues() {
    #expect(throws: DemoLaunchError.parameter(.invalidValue(parameter: "mode", value: "ignore", expected: "one of reraise, swallow"))) {
      _ = try DemoLaunch(demo: "cleanup", arguments: ["mode=ignore"], speed: .normal, registry: .standard)
    }
    #expect(throws: DemoLaunchError.parameter(.invalidValue(parameter: "swallow", value: "12", expected: "a whole number from 0 to 11"))) {
      _ = try DemoLaunch(demo: "cleanup", arguments: ["swallow=12"], speed: .normal, registry: .standard)
    }
    #expect(throws: DemoLaunchError.parameter(.invalidValue(parameter: "cleanup", value: "6", expected: "seconds from 0 to 5"))) {
      _ = try DemoLaunch(demo: "cleanup", arguments: ["cleanup=6"], speed: .normal, registry: .standard)
    }
  }

  @Test func reraisedTheBlockEndsWhenTheLastCleanupEndsWithATimeout() async throws {
    let (output, report) = try await harness.run("cleanup")
    let transcript = DemoHarness.normalized(output)
    if ProcessInfo.processInfo.environment["GATHERLAB_RECORD_GOLDENS"] == "1",
      !FileManager.default.fileExists(atPath: DemoGoldens.file("cleanup").path)
    {
      try transcript.write(to: DemoGoldens.file("cleanup"), atomically: true, encoding: .utf8)
    }
    #expect(transcript == (try DemoGoldens.transcript("cleanup")))
    #expect(report.outcome == .timedOut)
    #expect(report.elapsed == 1.5)
    #expect(report.cleanedUp.map(\.label) == ["[1] B", "[2] C"])
    #expect(report.cleanedUp.map(\.cancellingAt) == [1, 1])
    #expect(report.swallowed.isEmpty)
    #expect(CleanupDemo().said(report).map(\.id) == ["cleanup.cleaned-up", "cleanup.waited-for-cleanup", "cleanup.lost"])
  }

  @Test func swallowedTheBlockEndsWhenTheSwallowerIsDoneAndStillTimesOut() async throws {
    let (_, report) = try await harness.run("cleanup", ["mode=swallow"])
    #expect(report.outcome == .timedOut)
    #expect(report.elapsed == 2.5)
    #expect(report.swallowed.map(\.label) == ["[1] B"])
    #expect(report.cleanedUp.map(\.label) == ["[2] C"])
    #expect(CleanupDemo().takeaway(report) == [
      "[2] C got its cancellation at 1.00s, cleaned up until 1.50s and re-raised it.",
      "The deadline passed at 1.00s, but the block ended only at 2.50s, because [1] B swallowed its cancellation "
        + "and ran on: the group waits for every task.",
      "TimeoutError was still raised: [1] B swallowed only its own cancellation, not the one the deadline sent the block.",
      "[0] A 1st had finished before the deadline, but its result was lost with the TimeoutError.",
    ])
  }

  @Test func aSwallowerThatEndsBeforeTheCleanupDoesNotHoldTheBlockUp() async throws {
    let (_, report) = try await harness.run("cleanup", ["mode=swallow", "delays=3,1.5", "cleanup=1"])
    #expect(report.elapsed == 2)
    #expect(CleanupDemo().said(report).map(\.id) == ["cleanup.cleaned-up", "cleanup.waited-for-cleanup", "cleanup.swallowed", "cleanup.still-timeout"])
  }

  /// At speed 100 a moment is 0.5 s: a swallower ending at 1.3 is the same moment as a task that
  /// finished at 0.9, so the run may not say the swallower alone held the block up. It did
  /// (a generated run: delays=0.5,1.5,1 deadline=1 at speed 100, C finishing on the deadline).
  @Test func aSwallowerEndingAMomentAfterAnotherTaskIsNotSaidToHoldTheBlockUp() async throws {
    let (_, report) = try await harness.run(
      "cleanup", ["mode=swallow", "delays=0.5,1.3,0.9", "deadline=1"], speed: try DemoSpeed(100))
    #expect(report.outcome == .timedOut)
    #expect(report.swallowed.map(\.label) == ["[1] B"])
    #expect(CleanupDemo().said(report).map(\.id) == ["cleanup.swallowed", "cleanup.still-timeout", "cleanup.lost"])
  }

  /// With `cleanup=0` nothing is cleaned up: no sentence may say the block waited for a cleanup
  /// (it said "cleaned up until 1.08s" of a cancellation at 1.08s, and "it waits for every
  /// cancelled task to finish its cleanup").
  @Test func withNoCleanupTheSummaryClaimsNoneAndNoWaitForIt() async throws {
    let (_, report) = try await harness.run("cleanup", ["cleanup=0"])
    #expect(report.outcome == .timedOut)
    #expect(report.elapsed == 1)
    #expect(CleanupDemo().takeaway(report) == [
      "[1] B, [2] C got their cancellation at 1.00s and re-raised it at once: their cleanup took no time (cleanup=0).",
      "[0] A 1st had finished before the deadline, but its result was lost with the TimeoutError.",
    ])
  }

  @Test func aDeadlineNobodyReachesCancelsNothing() async throws {
    let (_, report) = try await harness.run("cleanup", ["deadline=4", "mode=swallow"])
    #expect(report.outcome == .returned)
    #expect(report.elapsed == 3)
    #expect(report.received == "[\"A\", \"B\", \"C\"]")
    #expect(CleanupDemo().said(report).map(\.id) == ["cleanup.in-time"])
  }

  @Test func itsCodeIsTheMarkedRegionAndItsTwinUsesTimeoutAndATaskGroup() throws {
    let code = try #require(CleanupDemo().swiftConcurrencyCode)
    #expect(code.hasPrefix("// One task: `delay` seconds of work, then its letter. Cancelled, it\n"))
    #expect(code.contains("withThrowingTaskGroup"))
    let python = try #require(CleanupDemo().pythonSource)
    #expect(python.contains("async with asyncio.timeout(params.deadline):"))
    #expect(python.contains("async with asyncio.TaskGroup() as group:"))
  }

  @Test func itBringsFiveParityCasesThatResolve() throws {
    let demo = CleanupDemo()
    #expect(demo.parityCases.count >= 5)
    for arguments in demo.parityCases {
      _ = try demo.resolve([DemoParameters.pairs(from: arguments, demo: demo.id, valid: demo.parameterNames)])
    }
  }
}
