import LabCore
import LabTerminal
import TestSupport
import Testing

/// The summary's speedup line is chosen by the run's facts: tasks that take no time have no
/// one-by-one time to be faster than.
@Suite struct DemoSpeedupTests {
  @Test func tasksThatTakeNoTimeGetNoSpeedupLineEvenWhenTheRunTookAMoment() async throws {
    var (_, report) = try await DemoHarness().run("ordering", ["delays=0,0,0"])
    // On the real clock the run takes a few milliseconds of scheduling: "speedup 0.0×" came out.
    report.elapsed = 0.003
    #expect(report.sequential == 0)
    #expect(report.speedup == nil)
    #expect(report.meaningfulSpeedup == nil)
    let summary = DemoTranscript.summary(report, takeaway: [], width: 80).map(\.plainText)
    #expect(!summary.contains { $0.hasPrefix("speedup") })
    #expect(summary.contains("sequential  0.00s if awaited one by one"))
  }

  @Test func tasksThatWaitStillGetTheirSpeedup() async throws {
    let (_, report) = try await DemoHarness().run("ordering", ["delays=1,2,3"])
    #expect(report.meaningfulSpeedup == 2)
  }
}
