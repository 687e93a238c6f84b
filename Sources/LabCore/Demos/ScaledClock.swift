/// A clock that runs `speed` times faster than real time while reading in nominal seconds.
///
/// Demos sleep and timestamp on this clock, so `--speed 10` makes a 3-second demo take 0.3 s of
/// real time while every reported time stays 3 s: `now` is real time elapsed × speed, and
/// sleeping until a nominal instant sleeps until real instant ÷ speed on `ContinuousClock`.
public struct ScaledClock: Clock {
  public struct Instant: InstantProtocol {
    /// Nominal time since the clock was made.
    public var offset: Duration

    public init(offset: Duration) {
      self.offset = offset
    }

    public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
    public func duration(to other: Instant) -> Duration { other.offset - offset }
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
  }

  /// The factor; `DemoSpeed` keeps it within 0.1–100, so the divisions below are safe.
  public let speed: Double
  private let origin: ContinuousClock.Instant
  private let base = ContinuousClock()

  public init(speed: DemoSpeed) {
    self.speed = speed.value
    origin = base.now
  }

  public var now: Instant { Instant(offset: (base.now - origin) * speed) }

  public var minimumResolution: Duration { base.minimumResolution * speed }

  public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
    try await base.sleep(until: origin + deadline.offset / speed, tolerance: tolerance.map { $0 / speed })
  }
}
