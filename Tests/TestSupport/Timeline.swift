import GatherKit
import Synchronization
import Testing

/// Records what happens on a test clock as marble-diagram lines: `"1s B finished B"`.
///
/// Lines are ordered by instant; within one instant, by task letter, with the caller last, so a
/// test can write out the whole timeline it expects regardless of scheduling order. The callers
/// run on its clock's executor, so after each step the woken tasks have recorded their events.
public final class Timeline: Sendable {
  public let clock: ClockStepper
  private let entries: Entries

  public init() {
    entries = Entries()
    clock = ClockStepper()
  }

  /// The lines recorded so far.
  private final class Entries: Sendable {
    let list = Mutex<[(instant: Duration, order: Int, sequence: Int, text: String)]>([])
    var count: Int { list.withLock { $0.count } }
  }

  public var observer: TaskObserver<String, ClockStepper.Instant> {
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
  public func note(_ text: String) {
    record("caller \(text)", order: Int.max, at: clock.now)
  }

  private func record(_ text: String, order: Int, at instant: ClockStepper.Instant) {
    let offset = ClockStepper.Instant().duration(to: instant)
    entries.list.withLock { $0.append((offset, order, $0.count, text)) }
  }

  public var lines: [String] {
    entries.list.withLock { entries in
      entries.sorted { ($0.instant, $0.order, $0.sequence) < ($1.instant, $1.order, $1.sequence) }
        .map { "\(Self.format($0.instant)) \($0.text)" }
    }
  }

  public var count: Int { entries.count }

  public func settle() async { await clock.settle() }
  public func advance(by duration: Duration) async { await clock.advance(by: duration) }
  /// Moves the clock until every caller started with `call` has returned and no task sleeps on
  /// the clock any more (orphans the callers left behind included): counted, not guessed from a
  /// quiet spell.
  public func run() async {
    await clock.run { [self] in openCalls.withLock { $0 } == 0 && clock.pendingSleepers == 0 && clock.wokenSleepers == 0 }
  }

  /// Callers started with `call` that have not returned yet.
  private let openCalls = Mutex(0)

  /// Operations written as a marble row: `"A3 B1 C2"` is A returning after 3 s, B after 1 s,
  /// C after 2 s; a `!` (`"A1!"`) makes it throw instead.
  public func tasks(_ row: String) -> [@Sendable () async throws -> String] {
    row.split(separator: " ").enumerated().map { index, item in
      let fails = item.hasSuffix("!")
      let seconds = Double(item.dropFirst().filter { $0 != "!" }) ?? 0
      return fails ? failing(index, after: seconds) : succeeding(index, after: seconds)
    }
  }

  /// Runs `body` as the calling code, on the clock's executor, noting when it returns ("got …")
  /// or throws ("caught …").
  public func call<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) -> Task<Void, Never> {
    openCalls.withLock { $0 += 1 }
    return clock.start { [self] in
      defer { openCalls.withLock { $0 -= 1 } }
      do {
        let value = try await body()
        note("got \(value)")
      } catch {
        note("caught \(error)")
      }
    }
  }

  /// An operation that sleeps `seconds` on the test clock, then returns its letter.
  public func succeeding(_ index: Int, after seconds: Double) -> @Sendable () async throws -> String {
    let clock = clock
    return {
      try await clock.sleep(for: .seconds(seconds))
      return Self.letter(index)
    }
  }

  /// An operation that sleeps `seconds` on the test clock, then throws `DemoFailure`.
  public func failing(_ index: Int, after seconds: Double) -> @Sendable () async throws -> String {
    let clock = clock
    return {
      try await clock.sleep(for: .seconds(seconds))
      throw DemoFailure(task: Self.letter(index))
    }
  }

  public static func letter(_ index: Int) -> String {
    String(UnicodeScalar(UInt8(65 + index)))
  }

  public static func format(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
  }
}

public struct DemoFailure: Error, Equatable, CustomStringConvertible {
  public let task: String
  public init(task: String) { self.task = task }
  public var description: String { "\(task) failed" }
}
