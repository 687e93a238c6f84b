import LabCore
import TestSupport
import Testing

/// "The same moment" is 20 ms nominal, or 5 ms of real time when that is more: at speed 100 a
/// loaded machine's few milliseconds of lateness must not drop a sentence, while at speed 1 the
/// same nominal gap is a real one.
@Suite struct SameMomentTests {
  @Test func isTwentyMillisecondsNominalOrFiveOfRealTime() {
    #expect(DemoReport.sameMoment(atSpeed: 0.1) == 0.02)
    #expect(DemoReport.sameMoment(atSpeed: 1) == 0.02)
    #expect(DemoReport.sameMoment(atSpeed: 4) == 0.02)
    #expect(DemoReport.sameMoment(atSpeed: 10) == 0.05)
    #expect(DemoReport.sameMoment(atSpeed: 100) == 0.5)
  }

  /// gather returned 3 ms of real time after its slowest task at speed 100 (0.3 s nominal).
  @Test func aReturnAFewRealMillisecondsLateAtSpeed100StillTookAsLongAsTheSlowestTask() async throws {
    var (_, report) = try await DemoHarness().run("ordering")
    report.elapsed += 0.3
    let demo = OrderingDemo()

    report.speed = 100
    #expect(demo.said(report).map(\.id).contains("ordering.slowest"))
    report.speed = 1
    #expect(!demo.said(report).map(\.id).contains("ordering.slowest"))
  }

  @Test func endsAFewRealMillisecondsApartAtSpeed100AreTied() async throws {
    var (_, report) = try await DemoHarness().run("ordering", ["delays=1,1.3"])
    #expect(report.endOrder == .argumentOrder)
    report.speed = 100
    #expect(report.endOrder == .tied)
    #expect(report.same(1, 1.3) && !report.same(1, 1.6) && !report.same(nil, 1))
  }
}
