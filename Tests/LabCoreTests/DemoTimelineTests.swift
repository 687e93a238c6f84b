import LabCore
import LabTerminal
import TestSupport
import Testing

/// Every demo's whole transcript on a test clock: the events at their nominal instants, the
/// moment the caller resumed, and the summary. Lines of one instant are sorted (see
/// `DemoHarness.normalized`). A demo's defaults print its golden file (`DemoGoldens`), written
/// out once in `Goldens/<id>.txt`; other parameters have their transcripts written out here.
@Suite struct DemoTimelineTests {
  let harness = DemoHarness()

  @Test func orderingFinishesBCAButReturnsResultsInArgumentOrder() async throws {
    let (output, report) = try await harness.run("ordering")
    #expect(DemoHarness.normalized(output) == (try DemoGoldens.transcript("ordering")))
    #expect(report.outcome == .returned)
    #expect(report.finishOrder == ["B", "C", "A"])
  }

  @Test func sequentialTakesThreeSecondsOneByOneAndOneGathered() async throws {
    let (output, report) = try await harness.run("sequential")
    #expect(DemoHarness.normalized(output) == (try DemoGoldens.transcript("sequential")))
    #expect(report.phaseTimes.map(\.elapsed) == [3, 1])
  }

  @Test func errorCancelInTaskGroupModeCancelsTheSiblingsWhenTheErrorArrives() async throws {
    let (output, report) = try await harness.run("error-cancel")
    #expect(DemoHarness.normalized(output) == (try DemoGoldens.transcript("error-cancel")))
    #expect(report.orphans.isEmpty)
    #expect(report.finishOrder.first == "A")
  }

  @Test func errorCancelInGatherModeLeavesTheSiblingsRunningAsOrphans() async throws {
    let (output, report) = try await harness.run("error-cancel", ["mode=gather"])
    #expect(DemoHarness.normalized(output) == """
      error-cancel · delays=2,2 · fail-at=1 · mode=gather
       0.00s  [0] A  started
       0.00s  [1] B  started
       0.00s  [2] C  started
       1.00s  [0] A  failed 1st  A failed
       1.00s  ▲      error reached the caller: A failed
       2.00s  [1] B  finished 2nd  "B"  (orphan: nobody reads this result)
       2.00s  [2] C  finished 3rd  "C"  (orphan: nobody reads this result)

      Summary
      outcome     threw A failed
      elapsed     1.00s (ideal 1.00s)
      sequential  5.00s if awaited one by one
      received    the exception A failed, and no list of results
      failed      [0] A 1st
      result lost [1] B 2nd, [2] C 3rd
      orphans     B, C ran on after the caller got the error until 2.00s

      The caller got A's error at 1.00s, but [1] B, [2] C ran on until 2.00s: nothing
      cancelled them, and nobody will read their results.

      """)
    #expect(report.orphans == ["B", "C"])
    #expect(report.orphansSettledAt == 2)
  }

  @Test func returnExceptionsWaitsForEveryTaskAndKeepsTheErrorInItsSlot() async throws {
    let (output, report) = try await harness.run("return-exceptions")
    #expect(DemoHarness.normalized(output) == (try DemoGoldens.transcript("return-exceptions")))
    #expect(report.outcome == .returned)
    #expect(report.results.map(\.result) == [.error("A failed"), .value("B", lost: false)])
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
      semaphore · tasks=5 · limit=2 · delay=1 · mode=window · fail=none
       0.00s  [0] A  started
       0.00s  [1] B  started
       1.00s  [0] A  finished 1st  "A"
       1.00s  [1] B  finished 2nd  "B"
       1.00s  [2] C  started
       1.00s  [3] D  started
       2.00s  [2] C  finished 3rd  "C"
       2.00s  [3] D  finished 4th  "D"
       2.00s  [4] E  started
       3.00s  [4] E  finished 5th  "E"
       3.00s  ▲      gather returned: ["A", "B", "C", "D", "E"]

      Summary
      outcome     returned
      elapsed     3.00s (ideal 3.00s)
      sequential  5.00s if awaited one by one
      speedup     1.7×
      received    ["A", "B", "C", "D", "E"]
      finished    [0] A 1st, [1] B 2nd, [2] C 3rd, [3] D 4th, [4] E 5th

      Never more than 2 ran at once (limit 2), in 3 waves.
      At most 2 tasks existed at any moment, not 5: memory stays flat however many
      inputs there are.

      """)
    #expect(report.maxExisting == 2)
  }

  @Test func timeoutCancelsTheLateTaskAtTheDeadlineAndLosesTheFinishedResults() async throws {
    let (output, report) = try await harness.run("timeout")
    #expect(DemoHarness.normalized(output) == (try DemoGoldens.transcript("timeout")))
    #expect(report.outcome == .timedOut)
    #expect(report.elapsed == 5)
    #expect(report.cancelled.map(\.label) == ["[2] C"])
    #expect(report.lost.map(\.label) == ["[0] A", "[1] B"])
  }

  @Test func timeoutThatNeverFiresReturnsWhenTheSlowestTaskEnds() async throws {
    let (_, report) = try await harness.run("timeout", ["delays=1,2"])
    #expect(report.outcome == .returned)
    #expect(report.elapsed == 2)
  }

  @Test func firstCompletedReturnsAtTheFirstResultAndTheDemoCancelsTheRest() async throws {
    let (output, report) = try await harness.run("first-completed")
    #expect(DemoHarness.normalized(output) == (try DemoGoldens.transcript("first-completed")))
    #expect(report.finishOrder.first == "B")
    // The caller resumed before anything was cancelled: wait() itself cancels nothing.
    let lines = output.split(separator: "\n")
    let join = try #require(lines.firstIndex { $0.contains("wait returned") })
    #expect(lines.firstIndex { $0.contains("cancelled") }! > join)
  }
}

/// The runs the issue caught saying what did not happen, and the demos added for the claims no
/// run showed: each transcript whole.
@Suite(.timeLimit(.minutes(1))) struct DemoClaimTests {
  let harness = DemoHarness()

  /// A task group and Python's gather tell the same story here: nothing is left to cancel or to
  /// orphan, and the results that had come in are lost.
  @Test(arguments: ["taskgroup", "gather"])
  func siblingsThatHadFinishedAreNeitherCancelledNorOrphanedButTheirResultsAreLost(mode: String) async throws {
    let (output, _) = try await harness.run("error-cancel", ["mode=\(mode)", "fail-at=3", "delays=1,2"])
    #expect(DemoHarness.normalized(output) == """
      error-cancel · delays=1,2 · fail-at=3 · mode=\(mode)
       0.00s  [0] A  started
       0.00s  [1] B  started
       0.00s  [2] C  started
       1.00s  [1] B  finished 1st  "B"
       2.00s  [2] C  finished 2nd  "C"
       3.00s  [0] A  failed 3rd  A failed
       3.00s  ▲      error reached the caller: A failed

      Summary
      outcome     threw A failed
      elapsed     3.00s (ideal 3.00s)
      sequential  6.00s if awaited one by one
      received    the exception A failed, and no list of results
      failed      [0] A 3rd
      result lost [1] B 1st, [2] C 2nd

      [1] B 1st, [2] C 2nd had already finished when A failed; the caller got only
      the error, so their results were lost.
      Nothing was still running when the error came, so there was nothing to cancel
      or to orphan.

      """)
  }

  @Test func tasksThatFinishInArgumentOrderAreNotContrastedWithIt() async throws {
    let (output, _) = try await harness.run("ordering", ["delays=1,2,3"])
    #expect(DemoHarness.normalized(output) == """
      ordering · delays=1,2,3
       0.00s  [0] A  started
       0.00s  [1] B  started
       0.00s  [2] C  started
       1.00s  [0] A  finished 1st  "A"
       2.00s  [1] B  finished 2nd  "B"
       3.00s  [2] C  finished 3rd  "C"
       3.00s  ▲      gather returned: ["A", "B", "C"]

      Summary
      outcome     returned
      elapsed     3.00s (ideal 3.00s)
      sequential  6.00s if awaited one by one
      speedup     2.0×
      received    ["A", "B", "C"]
      finished    [0] A 1st, [1] B 2nd, [2] C 3rd

      They happened to finish in argument order, so both orders agree here; try
      delays=3,1,2 to see them differ.
      gather took as long as the slowest task (3.00s), not as long as all of them one
      after another (6.00s).

      """)
  }

  @Test func threeTasksUnderALimitOfTwoCountTheOneThatWaited() async throws {
    let (output, _) = try await harness.run("semaphore", ["tasks=3", "limit=2"])
    #expect(DemoHarness.normalized(output) == """
      semaphore · tasks=3 · limit=2 · delay=1 · mode=semaphore · fail=none
       0.00s  [0] A  started
       0.00s  [0] A  waiting
       0.00s  [1] B  started
       0.00s  [1] B  waiting
       0.00s  [2] C  waiting
       1.00s  [0] A  finished 1st  "A"
       1.00s  [1] B  finished 2nd  "B"
       1.00s  [2] C  started
       2.00s  [2] C  finished 3rd  "C"
       2.00s  ▲      gather returned: ["A", "B", "C"]

      Summary
      outcome     returned
      elapsed     2.00s (ideal 2.00s)
      sequential  3.00s if awaited one by one
      speedup     1.5×
      received    ["A", "B", "C"]
      finished    [0] A 1st, [1] B 2nd, [2] C 3rd

      Never more than 2 ran at once (limit 2), in 2 waves.
      All 3 tasks existed from the start, 1 of them waiting for a permit: memory
      grows with the number of tasks. Try mode=window.

      """)
  }

  @Test func aFailureBehindTheGuidesSemaphoreLeavesTheWavesRunningOrphaned() async throws {
    let (output, report) = try await harness.run("semaphore", ["tasks=5", "limit=2", "fail=2"])
    #expect(DemoHarness.normalized(output) == """
      semaphore · tasks=5 · limit=2 · delay=1 · mode=semaphore · fail=2
       0.00s  [0] A  started
       0.00s  [0] A  waiting
       0.00s  [1] B  started
       0.00s  [1] B  waiting
       0.00s  [2] C  waiting
       0.00s  [3] D  waiting
       0.00s  [4] E  waiting
       1.00s  [0] A  finished 1st  "A"
       1.00s  [1] B  finished 2nd  "B"
       1.00s  [2] C  started
       1.00s  [3] D  started
       1.50s  [2] C  failed 3rd  C failed
       1.50s  [4] E  started
       1.50s  ▲      error reached the caller: C failed
       2.00s  [3] D  finished 4th  "D"  (orphan: nobody reads this result)
       2.50s  [4] E  finished 5th  "E"  (orphan: nobody reads this result)

      Summary
      outcome     threw C failed
      elapsed     1.50s (ideal 1.50s)
      sequential  5.00s if awaited one by one
      received    the exception C failed, and no list of results
      failed      [2] C 3rd
      result lost [0] A 1st, [1] B 2nd, [3] D 4th, [4] E 5th
      orphans     D, E ran on after the caller got the error until 2.50s

      Never more than 2 ran at once (limit 2), in 3 waves.
      All 5 tasks existed from the start, 3 of them waiting for a permit: memory
      grows with the number of tasks. Try mode=window.
      The caller got [2] C's error at 1.50s, but 2 other tasks went on, in 1 more
      wave, until 2.50s: orphans, whose results nobody reads.

      """)
    #expect(report.orphans == ["D", "E"])
  }

  @Test func aFailureInTheWindowCancelsTheRestAndCreatesNoMore() async throws {
    let (output, report) = try await harness.run("semaphore", ["tasks=5", "limit=2", "fail=2", "mode=window"])
    #expect(DemoHarness.normalized(output) == """
      semaphore · tasks=5 · limit=2 · delay=1 · mode=window · fail=2
       0.00s  [0] A  started
       0.00s  [1] B  started
       1.00s  [0] A  finished 1st  "A"
       1.00s  [1] B  finished 2nd  "B"
       1.00s  [2] C  started
       1.00s  [3] D  started
       1.50s  [2] C  failed 3rd  C failed
       1.50s  [3] D  cancelled
       1.50s  ▲      error reached the caller: C failed

      Summary
      outcome     threw C failed
      elapsed     1.50s (ideal 1.50s)
      sequential  5.00s if awaited one by one
      received    the exception C failed, and no list of results
      failed      [2] C 3rd
      result lost [0] A 1st, [1] B 2nd
      cancelled   [3] D
      not created [4] E

      Never more than 2 ran at once (limit 2), in 2 waves.
      [3] D was cancelled as soon as [2] C failed.
      [4] E was never created: the window stops at the first error.

      """)
    #expect(report.results.map(\.result).suffix(1) == [.notCreated])
  }

  @Test func aDeadlinePerTaskKeepsTheFinishedResultsAndPutsATimeoutInTheLateSlot() async throws {
    let (output, report) = try await harness.run("timeout", ["mode=each"])
    #expect(DemoHarness.normalized(output) == """
      timeout · delays=1,2,7 · timeout=5 · mode=each
       0.00s  [0] A  started
       0.00s  [1] B  started
       0.00s  [2] C  started
       1.00s  [0] A  finished 1st  "A"
       2.00s  [1] B  finished 2nd  "B"
       5.00s  [2] C  cancelled
       5.00s  ▲      gather returned: ["A", "B", TimeoutError(timed out after 5.0 seconds)]

      Summary
      outcome     returned
      elapsed     5.00s (ideal 5.00s)
      sequential  10.00s if awaited one by one
      received    ["A", "B", TimeoutError(timed out after 5.0 seconds)]
      finished    [0] A 1st, [1] B 2nd
      cancelled   [2] C

      Each task had its own deadline: [2] C was cancelled at 5.00s and its slot holds
      a TimeoutError, while [0] A, [1] B kept their results.

      """)
    #expect(report.outcome == .returned)
    #expect(report.elapsed == 5)
  }

  @Test func blockingTasksRunOnePerCoreOnThePool() async throws {
    let (output, report) = try await harness.run("blocking")
    #expect(DemoHarness.normalized(output) == (try DemoGoldens.transcript("blocking")))
    #expect(report.elapsed == 2)
    #expect(report.maxRunning == 2)
  }

  @Test func awaitingTasksAllWaitTogether() async throws {
    let (output, report) = try await harness.run("blocking", ["mode=await"])
    #expect(DemoHarness.normalized(output) == """
      blocking · tasks=3 · delay=1 · mode=await
       0.00s  [0] A  started
       0.00s  [0] A  waiting
       0.00s  [1] B  started
       0.00s  [1] B  waiting
       0.00s  [2] C  started
       0.00s  [2] C  waiting
       1.00s  [0] A  finished 1st  "A"
       1.00s  [1] B  finished 2nd  "B"
       1.00s  [2] C  finished 3rd  "C"
       1.00s  ▲      gather returned: ["A", "B", "C"]

      Summary
      outcome     returned
      elapsed     1.00s (ideal 1.00s)
      sequential  3.00s if awaited one by one
      speedup     3.0×
      received    ["A", "B", "C"]
      finished    [0] A 1st, [1] B 2nd, [2] C 3rd

      await suspends the task instead of holding its thread: all 3 waited together,
      and gather returned at 1.00s.

      """)
    #expect(report.elapsed == 1)
  }

  @Test func blockingCallsOnThreadsOfTheirOwnOverlap() async throws {
    let (output, report) = try await harness.run("blocking", ["mode=thread", "tasks=5"])
    #expect(DemoHarness.normalized(output) == """
      blocking · tasks=5 · delay=1 · mode=thread
       0.00s  [0] A  started
       0.00s  [0] A  waiting
       0.00s  [1] B  started
       0.00s  [1] B  waiting
       0.00s  [2] C  started
       0.00s  [2] C  waiting
       0.00s  [3] D  started
       0.00s  [3] D  waiting
       0.00s  [4] E  started
       0.00s  [4] E  waiting
       1.00s  [0] A  finished 1st  "A"
       1.00s  [1] B  finished 2nd  "B"
       1.00s  [2] C  finished 3rd  "C"
       1.00s  [3] D  finished 4th  "D"
       1.00s  [4] E  finished 5th  "E"
       1.00s  ▲      gather returned: ["A", "B", "C", "D", "E"]

      Summary
      outcome     returned
      elapsed     1.00s (ideal 1.00s)
      sequential  5.00s if awaited one by one
      speedup     5.0×
      received    ["A", "B", "C", "D", "E"]
      finished    [0] A 1st, [1] B 2nd, [2] C 3rd, [3] D 4th, [4] E 5th

      Each blocking call ran on a worker thread, as asyncio.to_thread does, while its
      task suspended: all 5 overlapped, and gather returned at 1.00s.

      """)
    #expect(report.elapsed == 1)
  }

  /// More calls than asyncio.to_thread's pool has threads (min(32, cores + 4): 6 on the test
  /// clock's 2 cores) wait for a worker, as CPython's do: G and H are waiting until a worker
  /// picks their call up at 1 s (they were once drawn running from 0 s, and `░ waiting` never
  /// showed).
  @Test func blockingCallsBeyondThePoolsWorkersWaitForOne() async throws {
    let (output, report) = try await harness.run("blocking", ["mode=thread", "tasks=8"])
    #expect(DemoHarness.normalized(output) == """
      blocking · tasks=8 · delay=1 · mode=thread
       0.00s  [0] A  started
       0.00s  [0] A  waiting
       0.00s  [1] B  started
       0.00s  [1] B  waiting
       0.00s  [2] C  started
       0.00s  [2] C  waiting
       0.00s  [3] D  started
       0.00s  [3] D  waiting
       0.00s  [4] E  started
       0.00s  [4] E  waiting
       0.00s  [5] F  started
       0.00s  [5] F  waiting
       0.00s  [6] G  waiting
       0.00s  [7] H  waiting
       1.00s  [0] A  finished 1st  "A"
       1.00s  [1] B  finished 2nd  "B"
       1.00s  [2] C  finished 3rd  "C"
       1.00s  [3] D  finished 4th  "D"
       1.00s  [4] E  finished 5th  "E"
       1.00s  [5] F  finished 6th  "F"
       1.00s  [6] G  started
       1.00s  [7] H  started
       2.00s  [6] G  finished 7th  "G"
       2.00s  [7] H  finished 8th  "H"
       2.00s  ▲      gather returned: ["A", "B", "C", "D", "E", "F", "G", "H"]

      Summary
      outcome     returned
      elapsed     2.00s (ideal 2.00s)
      sequential  8.00s if awaited one by one
      speedup     4.0×
      received    ["A", "B", "C", "D", "E", "F", "G", "H"]
      finished    [0] A 1st, [1] B 2nd, [2] C 3rd, [3] D 4th, [4] E 5th, [5] F 6th,
                  [6] G 7th, [7] H 8th

      asyncio.to_thread's calls share one pool of min(32, cores + 4) = 6 worker
      threads: 8 calls ran at most 6 at a time, in 2 rounds, and gather returned at
      2.00s.

      """)
    #expect(report.elapsed == 2)
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
