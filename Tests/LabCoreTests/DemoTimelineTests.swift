import LabCore
import LabTerminal
import TestSupport
import Testing

/// Every demo's whole transcript on a test clock: the events at their nominal instants, the
/// moment the caller resumed, and the summary. Lines of one instant are sorted (see
/// `DemoHarness.normalized`).
@Suite struct DemoTimelineTests {
  let harness = DemoHarness()

  @Test func orderingFinishesBCAButReturnsResultsInArgumentOrder() async throws {
    let (output, report) = try await harness.run("ordering")
    #expect(DemoHarness.normalized(output) == """
      ordering · delays=3,1,2
       0.00s  A  started
       0.00s  B  started
       0.00s  C  started
       1.00s  B  finished  "B"
       2.00s  C  finished  "C"
       3.00s  A  finished  "A"
       3.00s  ▲  gather returned: ["A", "B", "C"]

      Summary
      outcome     returned
      elapsed     3.00s (ideal 3.00s)
      sequential  6.00s if awaited one by one
      speedup     2.0×
      results     ["A", "B", "C"]
      end order   B, C, A

      They finished B, C, A, yet the results are in argument order: A, B, C.
      gather took as long as the slowest task (3.00s), not as long as all of them one
      after another (6.00s).

      """)
    #expect(report.outcome == .returned)
    #expect(report.finishOrder == ["B", "C", "A"])
  }

  @Test func sequentialTakesThreeSecondsOneByOneAndOneGathered() async throws {
    let (output, report) = try await harness.run("sequential")
    #expect(DemoHarness.normalized(output) == """
      sequential · count=3 · delay=1
      phase 1: one by one
       0.00s  A  started
       1.00s  A  finished  "Data from api.example.com/user/1"
       1.00s  B  started
       2.00s  B  finished  "Data from api.example.com/user/2"
       2.00s  C  started
       3.00s  C  finished  "Data from api.example.com/user/3"
       3.00s  ▲  all awaited: ["Data from api.example.com/user/1", "Data from api.example.com/user/2", "Data from api.example.com/user/3"]
      phase 2: gathered
       3.00s  A  started
       3.00s  B  started
       3.00s  C  started
       4.00s  A  finished  "Data from api.example.com/user/1"
       4.00s  B  finished  "Data from api.example.com/user/2"
       4.00s  C  finished  "Data from api.example.com/user/3"
       4.00s  ▲  gather returned: ["Data from api.example.com/user/1", "Data from api.example.com/user/2", "Data from api.example.com/user/3"]

      Summary
      outcome     returned
      one by one  3.00s
      gathered    1.00s (ideal 1.00s)
      speedup     3.0×
      results     ["Data from api.example.com/user/1", "Data from
                  api.example.com/user/2", "Data from api.example.com/user/3"]
      end order   \(report.finishOrder.joined(separator: ", "))

      One by one, each fetch waited for the one before it: 3.00s. Gathered, they
      waited together: 1.00s, 3.0× faster.

      """)
    #expect(report.phaseTimes.map(\.elapsed) == [3, 1])
  }

  @Test func errorCancelInTaskGroupModeCancelsTheSiblingsWhenTheErrorArrives() async throws {
    let (output, report) = try await harness.run("error-cancel")
    #expect(DemoHarness.normalized(output) == """
      error-cancel · delays=2,2 · fail-at=1 · mode=taskgroup
       0.00s  A  started
       0.00s  B  started
       0.00s  C  started
       1.00s  A  failed  A failed
       1.00s  B  cancelled
       1.00s  C  cancelled
       1.00s  ▲  error reached the caller: A failed

      Summary
      outcome     threw A failed
      elapsed     1.00s (ideal 1.00s)
      sequential  5.00s if awaited one by one
      results     [error(A failed), B cancelled, C cancelled]
      end order   \(report.finishOrder.joined(separator: ", "))

      The task group cancelled B, C as soon as A failed; the error reached the caller
      once they had stopped.

      """)
    #expect(report.orphans.isEmpty)
    #expect(report.finishOrder.first == "A")
  }

  @Test func errorCancelInGatherModeLeavesTheSiblingsRunningAsOrphans() async throws {
    let (output, report) = try await harness.run("error-cancel", ["mode=gather"])
    #expect(DemoHarness.normalized(output) == """
      error-cancel · delays=2,2 · fail-at=1 · mode=gather
       0.00s  A  started
       0.00s  B  started
       0.00s  C  started
       1.00s  A  failed  A failed
       1.00s  ▲  error reached the caller: A failed
       2.00s  B  finished  "B"  (orphan: nobody reads this result)
       2.00s  C  finished  "C"  (orphan: nobody reads this result)

      Summary
      outcome     threw A failed
      elapsed     1.00s (ideal 1.00s)
      sequential  5.00s if awaited one by one
      results     [error(A failed), "B" (lost), "C" (lost)]
      end order   \(report.finishOrder.joined(separator: ", "))
      orphans     B, C kept running after the error until 2.00s; their results were
                  lost

      The caller got A's error at 1.00s, but B, C kept running until 2.00s:
      asyncio.gather cancels nothing. Their results were lost.

      """)
    #expect(report.orphans == ["B", "C"])
    #expect(report.orphansSettledAt == 2)
  }

  @Test func returnExceptionsWaitsForEveryTaskAndKeepsTheErrorInItsSlot() async throws {
    let (output, _) = try await harness.run("return-exceptions")
    #expect(DemoHarness.normalized(output) == """
      return-exceptions · delays=2 · fail-at=1
       0.00s  A  started
       0.00s  B  started
       1.00s  A  failed  A failed
       2.00s  B  finished  "B"
       2.00s  ▲  gather returned: [error(A failed), "B"]

      Summary
      outcome     returned
      elapsed     2.00s (ideal 2.00s)
      sequential  3.00s if awaited one by one
      speedup     1.5×
      results     [error(A failed), "B"]
      end order   A, B

      Nothing was cancelled: every task ran to its end and gather returned at 2.00s,
      with the error in its slot beside the values.
      return_exceptions=True does not make the others run on — they do anyway; it
      makes gather wait for them and hand errors back as values.

      """)
  }

  @Test func semaphoreRunsAtMostLimitAtOnceInWaves() async throws {
    let (_, report) = try await harness.run("semaphore")
    #expect(report.elapsed == 4)
    #expect(report.maxRunning == 5)
    #expect(report.maxExisting == 20)
    #expect(report.results.count == 20)
  }

  @Test func semaphoreWindowModeKeepsOnlyLimitTasksInExistence() async throws {
    let (output, report) = try await harness.run("semaphore", ["tasks=5", "limit=2", "mode=window"])
    #expect(DemoHarness.normalized(output) == """
      semaphore · tasks=5 · limit=2 · delay=1 · mode=window
       0.00s  A  started
       0.00s  B  started
       1.00s  A  finished  "A"
       1.00s  B  finished  "B"
       1.00s  C  started
       1.00s  D  started
       2.00s  C  finished  "C"
       2.00s  D  finished  "D"
       2.00s  E  started
       3.00s  E  finished  "E"
       3.00s  ▲  gather returned: ["A", "B", "C", "D", "E"]

      Summary
      outcome     returned
      elapsed     3.00s (ideal 3.00s)
      sequential  5.00s if awaited one by one
      speedup     1.7×
      results     ["A", "B", "C", "D", "E"]
      end order   \(report.finishOrder.joined(separator: ", "))

      Never more than 2 running at once (limit 2), in waves.
      At most 2 tasks existed at any moment, not 5: memory stays flat however many
      inputs there are.

      """)
    #expect(report.maxExisting == 2)
  }

  @Test func timeoutCancelsTheLateTaskAtTheDeadlineAndLosesTheFinishedResults() async throws {
    let (output, _) = try await harness.run("timeout")
    #expect(DemoHarness.normalized(output) == """
      timeout · delays=1,2,7 · timeout=5
       0.00s  A  started
       0.00s  B  started
       0.00s  C  started
       1.00s  A  finished  "A"
       2.00s  B  finished  "B"
       5.00s  C  cancelled
       5.00s  ▲  deadline passed: timed out after 5.0 seconds

      Summary
      outcome     timed out after 5.0 seconds
      elapsed     5.00s (ideal 5.00s)
      sequential  10.00s if awaited one by one
      results     ["A", "B", C cancelled]
      end order   A, B, C

      At the deadline C was cancelled and the caller got a timeout. A, B had
      finished, but their results were lost with the gather.

      """)
  }

  @Test func timeoutThatNeverFiresReturnsWhenTheSlowestTaskEnds() async throws {
    let (_, report) = try await harness.run("timeout", ["delays=1,2"])
    #expect(report.outcome == .returned)
    #expect(report.elapsed == 2)
  }

  @Test func firstCompletedReturnsAtTheFirstResultAndTheDemoCancelsTheRest() async throws {
    let (output, report) = try await harness.run("first-completed")
    #expect(DemoHarness.normalized(output) == """
      first-completed · delays=3,1,2
       0.00s  A  started
       0.00s  B  started
       0.00s  C  started
       1.00s  A  cancelled
       1.00s  B  finished  "B"
       1.00s  C  cancelled
       1.00s  ▲  wait returned: [B done]

      Summary
      outcome     returned
      elapsed     1.00s (ideal 1.00s)
      sequential  6.00s if awaited one by one
      results     [A cancelled, "B", C cancelled]
      end order   \(report.finishOrder.joined(separator: ", "))

      wait returned at 1.00s with B done. A, C were still running; wait cancels
      nothing, so the code cancelled them.

      """)
    // The caller resumed before anything was cancelled: wait() itself cancels nothing.
    let lines = output.split(separator: "\n")
    let join = try #require(lines.firstIndex { $0.contains("wait returned") })
    #expect(lines.firstIndex { $0.contains("cancelled") }! > join)
  }
}

/// The live view as the console sees it: it draws on the alternate screen with the cursor
/// hidden, and always gives both back before the final frame and the summary.
@Suite struct DemoLiveViewTests {
  @Test func theLiveViewLeavesTheAlternateScreenAndShowsTheCursorBeforeTheSummary() async throws {
    let terminal = TerminalCapabilities(isTTY: true, color: true, cursorMovement: true, width: 60, height: 20)
    let (output, _) = try await DemoHarness(mode: .live, capabilities: terminal).run("ordering")
    #expect(output.hasPrefix(ANSI.enterAlternateScreen + ANSI.hideCursor))
    let restored = try #require(output.range(of: ANSI.showCursor + ANSI.leaveAlternateScreen))
    let after = String(output[restored.upperBound...])
    #expect(!after.contains(ANSI.hideCursor) && !after.contains(ANSI.enterAlternateScreen))
    #expect(after.contains("done 3.00s"))
    #expect(after.contains("Summary"))
    #expect(output.components(separatedBy: ANSI.showCursor).count == 2)
  }
}
