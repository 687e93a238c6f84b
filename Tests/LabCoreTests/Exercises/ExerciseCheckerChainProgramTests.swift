import Foundation
import LabCore
import Testing
import TestSupport

/// `cancelled:` on real programs from the exercises' alternatives/ and wrong/, under every CPython
/// 3.11+ this machine has, on virtual time: a correct solution that wraps the cancelled coroutine
/// in its own coroutine passes, and a wrapper does not let a wrong one pass.
@Suite(.timeLimit(.minutes(2)))
struct ExerciseCheckerChainProgramTests {
  static let versions = TracedProgramTests.versions
  static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The `cancelled` line `check` gives `file` of `exercise` under 3.`minor` (no schedules).
  static func cancelledLine(_ exercise: String, _ file: String, minor: Int) async throws -> String? {
    let catalog = try ExerciseCatalog.load(ExerciseCatalog.embeddedFiles()).get()
    let found = try #require(catalog.exercise(exercise))
    let python = try PythonInterpreter.find(explicit: try #require(TracedProgramTests.interpreter(minor)), environment: [:])
    var checking = ExerciseChecking(interpreter: python, schedules: 0, parallelism: 1)
    // Not a test of hangs: beside the other real-clock suites, hundreds of CPythons share two
    // cores, and a fresh-clone CI saw three of these runs pass check's 10 s of real time (their
    // `cancelled` line then says what a stopped run gives). Their virtual clocks are unaffected.
    checking.hangLimit = .seconds(100)
    let checked = try await checking.check(found, file: repository.appending(path: "Exercises/" + file).path)
    return checked.results.first { $0.name == "cancelled" }?.line
  }

  static let cases: [(exercise: String, file: String, line: String)] = [
    ("cleanup-cancel", "15-cleanup-cancel/alternatives/fetch_wrapper.py", "✓ download was cancelled inside fetch_one('report.pdf')"),
    (
      "checkout-receipt", "05-checkout-receipt/alternatives/timed_steps.py",
      "✓ send_receipt was cancelled inside timed('receipt', <coroutine>) 0 s after the first failure (within 0.1 s)"
    ),
    (
      "fastest-mirror", "07-fastest-mirror/alternatives/wrapped_downloads.py",
      "✓ download('mirror-a') was cancelled inside fetch('mirror-a'); download('mirror-c') was cancelled inside fetch('mirror-c')"
    ),
    ("status-retries", "18-status-retries/alternatives/logged_checks.py", "✓ check_payments was cancelled inside logged('payments', <coroutine>)"),
    (
      "station-errors", "17-station-errors/alternatives/timed_readings.py",
      "✓ read_station('summit') was cancelled inside timed_reading('summit') 0 s after the first failure (within 0.1 s)"
    ),
    (
      "checkout-receipt", "05-checkout-receipt/wrong/wrapped_late_cancel.py",
      "✗ send_receipt was cancelled inside step(<coroutine>) 0.9 s after the first failure; the exercise asks within 0.1 s"
    ),
    ("fastest-mirror", "07-fastest-mirror/wrong/wrapped_cancels_by_position.py", "✗ no task running download('mirror-a') was cancelled"),
    (
      "fastest-mirror", "07-fastest-mirror/wrong/wrapper_swallows_cancel.py",
      "✗ fetch('mirror-a') (inside it: download('mirror-a')) finished at 0.4 s: it was never cancelled; "
        + "fetch('mirror-c') (inside it: download('mirror-c')) finished at 0.4 s: it was never cancelled"
    ),
  ]

  @Test(arguments: versions, 0..<cases.count)
  func aWrappedCoroutineIsFoundInsideItsTask(_ minor: Int, _ index: Int) async throws {
    let (exercise, file, line) = Self.cases[index]
    #expect(try await Self.cancelledLine(exercise, file, minor: minor) == line, "\(file) on 3.\(minor)")
  }
}
