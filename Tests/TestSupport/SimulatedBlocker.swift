import GatherKit
import LabCore

/// A `ThreadBlocker` for test clocks: the pool is `cores` permits, and blocking sleeps on the
/// demo's clock while holding one, so tasks that block run `cores` at a time as on a real pool.
public struct SimulatedBlocker: ThreadBlocker {
  public let cores: Int
  private let pool: AsyncSemaphore

  public init(cores: Int) {
    self.cores = cores
    pool = AsyncSemaphore(permits: cores)
  }

  public func onPoolThread<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
    try await pool.acquire()
    defer { pool.release() }
    return try await body()
  }

  public func block<C: Clock>(for seconds: Double, on clock: C) async throws where C.Duration == Duration {
    try await clock.sleep(for: .seconds(seconds))
  }

  public func blockOnOwnThread<C: Clock>(for seconds: Double, on clock: C) async throws where C.Duration == Duration {
    try await clock.sleep(for: .seconds(seconds))
  }
}
