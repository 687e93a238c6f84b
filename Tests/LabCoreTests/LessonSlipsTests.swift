import Foundation
import LabCore
import Testing

/// The slips an asyncio reviewer found in part one (issue 23, item 4), each kept fixed: the
/// corrected sentence stays in its lesson and the slip does not come back. Outputs that differ by
/// version are checked by running every CPython 3.11+ (`LessonContentTests`); these are the claims
/// no run decides.
@Suite struct LessonSlipsTests {
  struct Slip: CustomTestStringConvertible, Sendable {
    let lesson: String
    let says: [String]
    let never: [String]
    let testDescription: String
  }

  static let slips: [Slip] = [
    Slip(
      lesson: "what-is-gather",
      says: ["although a popular guide to `gather()` says so (part one of this course follows that guide section by section, and boxes headed \"A popular guide says\" quote it where it goes wrong)"],
      never: ["the guide this course follows"],
      testDescription: "1: the guide is introduced for a learner who never read it (item 3)"),
    Slip(
      lesson: "how-it-works",
      says: ["main holds it until it first suspends", "It keeps it until it *suspends*: an `await` on something already done",
             "wait until `main` first suspends"],
      never: ["until its first await", "wait for the first `await`"],
      testDescription: "3: main keeps the thread until it first suspends, not until its first await"),
    Slip(
      lesson: "how-it-works",
      says: ["gather's docstring (`help(asyncio.gather)`, not the documentation page) says they \"will not necessarily be scheduled in the same order as passed in\""],
      never: [],
      testDescription: "3: gather's order note is in its docstring"),
    Slip(
      lesson: "gather-vs-wait",
      says: ["| Tasks can outlive the call | yes, after an error or a cancelled child |"],
      never: [],
      testDescription: "8: tasks outlive gather after an error or a cancelled child"),
    Slip(
      lesson: "limiting-concurrency",
      says: ["12: main, bounded_map and the 10 workers", "only the 10 worker tasks exist",
             "The workers share one iterator: each `for` step takes the next URL that no other worker has taken"],
      never: [],
      testDescription: "9: the worker counts and the shared iterator"),
    Slip(
      lesson: "performance",
      says: ["The free-threaded builds, `python3.13t` and `python3.14t`, have no GIL, and there pure-Python threads do run in parallel.",
             "or from Python 3.13 `min(32, os.process_cpu_count() + 4)`"],
      never: [],
      testDescription: "10: free-threaded builds, and the pool size from process_cpu_count"),
    Slip(
      lesson: "best-practices",
      says: ["At the deadline the block cancels the *task* running it, `main`.",
             "So code inside the block that catches `CancelledError` and carries on gets no `TimeoutError` at all",
             "why: At the deadline the block cancels the task running it, main;",
             "waits for it to stop, then raises TimeoutError itself"],
      never: ["the block cancels the awaited gather"],
      testDescription: "12: timeout() cancels the task; which call raises TimeoutError"),
  ]

  /// The lesson's source with each run of whitespace made one space, so a sentence is found
  /// wherever its lines break.
  static func source(of id: String) throws -> String {
    let lesson = try #require(LessonContentTests.catalog?.lessons.first { $0.id == id })
    let url = LessonContentTests.repository.appending(path: "Lessons/\(lesson.fileName)")
    return try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  @Test(arguments: slips)
  func theSlipStaysFixed(_ slip: Slip) throws {
    let text = try Self.source(of: slip.lesson)
    for sentence in slip.says {
      #expect(text.contains(sentence), "\(slip.lesson) no longer says: \(sentence)")
    }
    for sentence in slip.never {
      #expect(!text.contains(sentence), "\(slip.lesson) says again: \(sentence)")
    }
  }
}
