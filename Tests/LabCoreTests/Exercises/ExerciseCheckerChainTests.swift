import Foundation
import LabCore
import Testing

/// `cancelled:` finds the coroutine it names inside a task of the learner's own coroutine
/// (`create_task(fetch_one(url))` awaiting `download(url)`, `create_task(guarded(send_receipt()))`),
/// from the chain the tracer saw when the task was cancelled; and a wrapper does not let a program
/// that cancels the wrong thing pass.
@Suite struct ExerciseCheckerChainTests {
  typealias Task = RunFacts.TaskFact

  /// Seen: a correct solution of cleanup-cancel that wrapped the download in its own coroutine
  /// failed with "no task of download ran".
  @Test func aDownloadCancelledInsideTheLearnersOwnCoroutineCounts() {
    let facts = ExerciseCheckTests.facts(mainEnd: 1.5, [
      Task(id: 2, label: "fetch_one('report.pdf')", parent: 1, created: 0, ended: 1, end: "cancelled", chain: ["fetch_one('report.pdf')", "download('report.pdf', 5.0)"]),
    ])
    let result = ExerciseChecker.evaluate(.cancelled(["download"], within: nil), on: facts)
    #expect(result.line == "✓ download was cancelled inside fetch_one('report.pdf')")
    #expect(result.rows == [2])
  }

  static func checkout(receipt: Task, stock: Task? = nil) -> RunFacts {
    ExerciseCheckTests.facts(mainEnd: 2.5, [
      Task(id: 2, label: "guarded(<coroutine>)", parent: 1, created: 0, ended: 1.0, end: "failed"),
      receipt,
    ] + (stock.map { [$0] } ?? []))
  }

  @Test(arguments: [
    // (when the wrapper around send_receipt ended, and how; the line)
    (1.0, "cancelled", "✓ send_receipt was cancelled inside guarded(<coroutine>) 0 s after the first failure (within 0.1 s)"),
    (1.1, "cancelled", "✓ send_receipt was cancelled inside guarded(<coroutine>) 0.1 s after the first failure (within 0.1 s)"),
    (1.5, "cancelled", "✗ send_receipt was cancelled inside guarded(<coroutine>) 0.5 s after the first failure; the exercise asks within 0.1 s"),
    // cancel() reached it, and the wrapper swallowed the CancelledError and returned.
    (1.0, "finished", "✗ guarded(<coroutine>) (inside it: send_receipt()) finished at 1 s: it was never cancelled"),
  ])
  func aWrappedReceiptIsHeldToTheSameDeadline(ended: Double, end: String, line: String) {
    let receipt = Task(id: 3, label: "guarded(<coroutine>)", parent: 1, created: 0, ended: ended, end: end, chain: ["guarded(<coroutine>)", "send_receipt()"])
    let result = ExerciseChecker.evaluate(.cancelled(["send_receipt"], within: 0.1), on: Self.checkout(receipt: receipt))
    #expect(result.line == line)
    #expect(result.rows == [3])
  }

  /// The wrong program: every step wrapped, and the stock reservation cancelled instead of the
  /// receipt. The receipt's wrapper was never cancelled, so the tracer never looked inside it.
  @Test func cancellingTheWrongWrappedTaskDoesNotPass() {
    let receipt = Task(id: 3, label: "guarded(<coroutine>)", parent: 1, created: 0, ended: 2, end: "finished")
    let stock = Task(id: 4, label: "guarded(<coroutine>)", parent: 1, created: 0, ended: 1, end: "cancelled", chain: ["guarded(<coroutine>)", "reserve_stock()"])
    let result = ExerciseChecker.evaluate(.cancelled(["send_receipt"], within: 0.1), on: Self.checkout(receipt: receipt, stock: stock))
    #expect(result.line == "✗ no task running send_receipt was cancelled")
    #expect(!result.passed)
    #expect(result.rows == [])
  }

  /// A name with arguments (`download('mirror-a')`) matches a coroutine on the chain by its whole
  /// label, and only that one.
  @Test func aLabelWithArgumentsMatchesOnlyThatCoroutineInside() {
    let facts = ExerciseCheckTests.facts(mainEnd: 0.6, [
      Task(id: 2, label: "fetch('mirror-a')", parent: 1, created: 0, ended: 0.5, end: "cancelled", chain: ["fetch('mirror-a')", "download('mirror-a')"]),
      Task(id: 3, label: "fetch('mirror-b')", parent: 1, created: 0, ended: 0.5, end: "finished"),
      Task(id: 4, label: "fetch('mirror-c')", parent: 1, created: 0, ended: 0.5, end: "cancelled", chain: ["fetch('mirror-c')", "download('mirror-c')"]),
    ])
    let both = ExerciseChecker.evaluate(.cancelled(["download('mirror-a')", "download('mirror-c')"], within: nil), on: facts)
    #expect(both.line == "✓ download('mirror-a') was cancelled inside fetch('mirror-a'); download('mirror-c') was cancelled inside fetch('mirror-c')")
    #expect(both.rows == [2, 4])
    let fastest = ExerciseChecker.evaluate(.cancelled(["download('mirror-b')"], within: nil), on: facts)
    #expect(fastest.line == "✗ no task running download('mirror-b') was cancelled")
  }

  /// A task given `name=` is labelled by it: its own coroutine, first on its chain, still counts.
  @Test func aNamedTaskCountsByTheCoroutineItRan() {
    let facts = ExerciseCheckTests.facts(mainEnd: 1.5, [
      Task(id: 2, label: "report download", parent: 1, created: 0, ended: 1, end: "cancelled", chain: ["download('report.pdf', 5.0)"]),
    ])
    let result = ExerciseChecker.evaluate(.cancelled(["download"], within: nil), on: facts)
    #expect(result.line == "✓ download was cancelled inside report download")
  }

  /// Tasks of the name itself are said as before; a failing name is said alone.
  @Test func aTaskOfTheNameItselfIsSaidAsBeforeAndOnlyFailuresAreShown() {
    let facts = ExerciseCheckTests.facts(mainEnd: 2.5, [
      Task(id: 2, label: "charge_card()", parent: 1, created: 0, ended: 1.0, end: "failed"),
      Task(id: 3, label: "send_receipt()", parent: 1, created: 0, ended: 1.0, end: "cancelled", chain: ["send_receipt()"]),
      Task(id: 4, label: "notify(<coroutine>)", parent: 1, created: 0, ended: 2.0, end: "finished"),
    ])
    let passing = ExerciseChecker.evaluate(.cancelled(["send_receipt"], within: 0.1), on: facts)
    #expect(passing.line == "✓ send_receipt was cancelled 0 s after the first failure (within 0.1 s)")
    let mixed = ExerciseChecker.evaluate(.cancelled(["send_receipt", "notify"], within: 0.1), on: facts)
    #expect(mixed.line == "✗ notify(<coroutine>) finished at 2 s: it was never cancelled")
    #expect(mixed.rows == [3, 4])
  }

  /// main() is not one of the tasks a check names, even with the coroutine on its chain (a
  /// timeout cancelling main while it awaits download directly).
  @Test func mainsOwnChainIsNotATaskOfTheName() {
    var facts = ExerciseCheckTests.facts(mainEnd: 1.0, [])
    facts.tasks[0].chain = ["main()", "download('report.pdf', 5.0)"]
    let result = ExerciseChecker.evaluate(.cancelled(["download"], within: nil), on: facts)
    #expect(result.line == "✗ no task running download was cancelled")
  }

  /// Orphans and tasks left pending name each task by its label and, once it was cancelled, what
  /// it was running inside (asyncio.run's shutdown cancels what is left pending).
  @Test func orphansAndPendingTasksSayWhatRanInsideThem() {
    var facts = ExerciseCheckTests.facts(mainEnd: 2.5, [
      Task(id: 2, label: "step(<coroutine>)", parent: 1, created: 0, ended: 1.0, end: "failed", chain: ["step(<coroutine>)", "charge_card()"]),
      Task(id: 3, label: "step(<coroutine>)", parent: 1, created: 0, ended: 1.9, end: "cancelled", chain: ["step(<coroutine>)", "send_receipt()"]),
      Task(id: 4, label: "report download", parent: 1, created: 0, ended: 2.6, end: "cancelled", chain: ["download('report.pdf', 5.0)"]),
      Task(id: 5, label: "download('b')", parent: 1, created: 0, ended: 2.6, end: "cancelled", chain: ["download('b')"]),
    ])
    facts.joins = [RunFacts.Join(time: 1, orphans: [3])]
    #expect(ExerciseChecker.evaluate(.noOrphans, on: facts).line
      == "✗ step(<coroutine>) (inside it: send_receipt()) ran on after its gather raised at 1 s; the exercise asks for no orphans")
    #expect(ExerciseChecker.evaluate(.noPendingAtExit, on: facts).line
      == "✗ report download (inside it: download('report.pdf', 5.0)), download('b') were still pending when main() returned; asyncio.run cancelled them on its way out")
  }
}
