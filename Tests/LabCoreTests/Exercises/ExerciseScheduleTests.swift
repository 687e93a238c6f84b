import Foundation
import LabCore
import Testing

/// `schedules: N` (DESIGN §13): the verdicts of the unperturbed run and of seeds 1…N merged into
/// one per check, the seed that broke each named, and one verdict for the schedules themselves;
/// the hang on virtual time; what the report says when schedules did not run.
@Suite struct ExerciseScheduleTests {
  static func result(_ name: String, _ passed: Bool, _ sentence: String, seed: Int = 0) -> CheckResult {
    CheckResult(name: name, passed: passed, measured: .integer(passed ? 1 : 0), bound: "1", sentence: sentence).at(seed: seed)
  }

  static let base = [result("running", true, "4 tasks ran at once"), result("output", true, "the output is the 4 lines asked for")]

  @Test func everyScheduleHoldingAddsAPassingSchedulesVerdict() {
    let seeds = (1...20).map { seed in (seed: seed, results: Self.base.map { $0.at(seed: seed) }) }
    let merged = ExerciseChecking.merge(base: Self.base, schedules: seeds, asked: 20)
    #expect(merged.failing == [])
    #expect(merged.results.map(\.line) == [
      "✓ 4 tasks ran at once",
      "✓ the output is the 4 lines asked for",
      "✓ every check held on all 20 perturbed schedules (seeds 1-20) too",
    ])
    #expect(merged.results.map(\.seed) == [0, 0, 0])
    #expect(merged.results[2].measured == .integer(20))
    #expect(merged.results[2].bound == "20")
  }

  @Test func aCheckBrokenOnSomeSeedsIsToldAsTheLowestOfThemSawIt() {
    let broken = { (seed: Int) in
      (seed: seed, results: [Self.result("running", true, "4 tasks ran at once", seed: seed), Self.result("output", false, "output line 2 is '/blog'", seed: seed)])
    }
    let good = { (seed: Int) in (seed: seed, results: Self.base.map { $0.at(seed: seed) }) }
    // Out of order on purpose: the merge sorts by seed.
    let seeds = [good(1), broken(9), good(2), broken(4), good(3)]
    let merged = ExerciseChecking.merge(base: Self.base, schedules: seeds, asked: 5)
    #expect(merged.failing == [4, 9])
    #expect(merged.results.map(\.line) == [
      "✓ 4 tasks ran at once",
      "✗ on seed 4: output line 2 is '/blog'",
      "✗ 2 of 5 perturbed schedules broke a check (seeds 4, 9): the program is right only when its timers fire in a lucky order",
    ])
    #expect(merged.results.map(\.seed) == [0, 4, 4])
    #expect(merged.results[2].measured == .integer(3))
  }

  @Test func eachCheckIsToldByTheSeedThatBrokeItAndTheRunsOwnProblemsByTheFirstFailingSeed() {
    let seeds = [
      (seed: 1, results: [Self.result("run", false, "the program ended with an uncaught exception: KeyError", seed: 1),
                          Self.result("running", true, "4 tasks ran at once", seed: 1), Self.result("output", false, "output line 1 is 'x'", seed: 1)]),
      (seed: 2, results: [Self.result("running", false, "2 tasks ran at once", seed: 2), Self.result("output", false, "output line 1 is 'y'", seed: 2)]),
    ]
    let merged = ExerciseChecking.merge(base: Self.base, schedules: seeds, asked: 2)
    #expect(merged.results.map(\.line) == [
      "✗ on seed 1: the program ended with an uncaught exception: KeyError",
      "✗ on seed 2: 2 tasks ran at once",
      "✗ on seed 1: output line 1 is 'x'",
      "✗ 2 of 2 perturbed schedules broke a check (seeds 1, 2): the program is right only when its timers fire in a lucky order",
    ])
  }

  @Test func oneScheduleIsSaidInTheSingular() {
    let merged = ExerciseChecking.merge(base: Self.base, schedules: [(seed: 1, results: Self.base)], asked: 1)
    #expect(merged.results.last?.line == "✓ every check held on the 1 perturbed schedule (seed 1) too")
  }

  @Test func aFailureOnTheUnperturbedRunIsNotPrefixedWithASeed() {
    #expect(Self.result("output", false, "output line 1 is 'x'").line == "✗ output line 1 is 'x'")
    #expect(Self.result("output", true, "the output is right", seed: 3).line == "✓ the output is right")
  }

  @Test func theSchedulesNotRunAreSaidInOneLine() {
    typealias Summary = ExerciseChecking.ScheduleSummary
    let lines = { (summary: Summary, seed: Int) in ExerciseReport.scheduleNote(summary, seed: seed, width: 100).map(\.plainText) }
    #expect(lines(Summary(asked: 20, state: .skipped), 0) == ["The 20 perturbed schedules run once this unperturbed run passes."])
    #expect(lines(Summary(asked: 20, state: .realClock), 0) == [
      "On the real clock the program ran once; the 20 perturbed schedules need virtual time (leave out",
      "--clock real).",
    ])
    #expect(lines(Summary(asked: 20, state: .replay), 7) == ["Seed 7 alone; without --seed the check runs seeds 1-20."])
    #expect(lines(Summary(asked: 20, state: .ran(failing: [3])), 0) == [])
    #expect(lines(Summary(asked: 0, state: .none), 0) == [])
    #expect(Summary(asked: 20, state: .ran(failing: [3, 5])).run == 20)
    #expect(Summary(asked: 20, state: .skipped).run == 0)
  }

  @Test func aProgramStoppedAtTheVirtualLimitIsToldSoAndNotAsAnException() {
    var builder = RunFactsBuilder()
    builder.apply(.trace("", TraceLine(type: "event", t: 0, id: 1, task: "main()", event: "started")))
    builder.apply(.trace("", TraceLine(type: "limit", t: 60)))
    builder.finish(status: 124, standardError: "")
    let facts = builder.facts
    #expect(facts.hungAfter == 60)
    #expect(facts.hungOnVirtualTime)
    #expect(ExerciseChecker.evaluate([.exit(0)], on: facts).map(\.line) == [
      "✗ the program was still running at 60 s of virtual time and was stopped: does something loop or wait forever?",
      "✗ the program never exited by itself; the exercise asks for status 0",
    ])
  }

  @Test func aProgramStoppedAtTheRealLimitIsToldInRealSeconds() {
    var builder = RunFactsBuilder()
    builder.apply(.trace("", TraceLine(type: "event", t: 0, id: 1, task: "main()", event: "started")))
    builder.finish(status: 137, standardError: "", hungAfter: 10)
    #expect(!builder.facts.hungOnVirtualTime)
    #expect(ExerciseChecker.evaluate([], on: builder.facts).map(\.line) == [
      "✗ the program was still running after 10 s and was stopped: does something wait forever?",
    ])
  }
}
