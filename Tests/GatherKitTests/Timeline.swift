import Clocks
import GatherKit
import Synchronization

/// Records what happens on a `TestClock` as marble-diagram lines: `"1s B finished B"`.
///
/// Lines are ordered by instant; within one instant, by task letter, with the caller last, so a
/// test can write out the whole timeline it expects regardless of scheduling order.
final class Timeline: Sendable {
  let clock: TestClock<Duration>
  private let entries = Mutex<[(instant: Duration, order: Int, sequence: Int, text: String)]>([])

  init(clock: TestClock<Duration> = TestClock()) {
    self.clock = clock
  }

  var observer: TaskObserver<String, TestClock<Duration>.Instant> {
    TaskObserver { [self] index, event, instant in
      let detail: String
      switch event {
      case .finished(let value): detail = " \(value)"
      case .failed(let error): detail = " \(error)"
      default: detail = ""
      }
      record("\(Self.letter(index)) \(event.name)\(detail)", order: index, at: instant)
    }
  }

  /// Notes something the calling code did, at the clock's current instant.
  func note(_ text: String) {
    record("caller \(text)", order: Int.max, at: clock.now)
  }

  private func record(_ text: String, order: Int, at instant: TestClock<Duration>.Instant) {
    let offset = TestClock<Duration>.Instant().duration(to: instant)
    entries.withLock { $0.append((offset, order, $0.count, text)) }
  }

  var lines: [String] {
    entries.withLock { entries in
      entries.sorted { ($0.instant, $0.order, $0.sequence) < ($1.instant, $1.order, $1.sequence) }
        .map { "\(Self.format($0.instant)) \($0.text)" }
    }
  }

  var count: Int { entries.withLock { $0.count } }

  /// Lets the other tasks run until nothing new has been recorded for a good while.
  ///
  /// `TestClock.run()` advances from one deadline to the next without waiting for the tasks it
  /// woke to record what they did, so their events could carry a later instant. Advancing in
  /// steps and settling after each keeps every event at the instant it happened.
  func settle() async {
    var last = -1
    var quietYields = 0
    while quietYields < 500 {
      await Task.yield()
      let current = count
      quietYields = current == last ? quietYields + 1 : 0
      last = current
    }
  }

  /// Advances the clock by `duration` and lets the woken tasks record their events.
  func advance(by duration: Duration) async {
    await clock.advance(by: duration)
    await settle()
  }

  /// Advances the clock in half-second steps until no task is sleeping on it.
  func run(limit: Duration = .seconds(60)) async {
    await settle()
    var elapsed = Duration.zero
    while elapsed < limit, (try? await clock.checkSuspension()) == nil {
      await advance(by: .milliseconds(500))
      elapsed += .milliseconds(500)
    }
  }

  /// An operation that sleeps `seconds` on the test clock, then returns its letter.
  func succeeding(_ index: Int, after seconds: Double) -> @Sendable () async throws -> String {
    let clock = clock
    return {
      try await clock.sleep(for: .seconds(seconds))
      return Self.letter(index)
    }
  }

  /// An operation that sleeps `seconds` on the test clock, then throws `DemoFailure`.
  func failing(_ index: Int, after seconds: Double) -> @Sendable () async throws -> String {
    let clock = clock
    return {
      try await clock.sleep(for: .seconds(seconds))
      throw DemoFailure(task: Self.letter(index))
    }
  }

  static func letter(_ index: Int) -> String {
    String(UnicodeScalar(UInt8(65 + index)))
  }

  static func format(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
  }
}

struct DemoFailure: Error, Equatable, CustomStringConvertible {
  let task: String
  var description: String { "\(task) failed" }
}
