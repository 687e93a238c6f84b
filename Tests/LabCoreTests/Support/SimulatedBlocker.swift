import GatherKit
import LabCore

/// A `ThreadBlocker` for test clocks: the pool is `cores` permits, and blocking sleeps on the
/// demo's clock while holding one, so tasks that block run `cores` at a time as on a real pool.
struct SimulatedBlocker: ThreadBlocker {
  let cores: Int
  private let pool: AsyncSemaphore

  init(cores: Int) {
    self.cores = cores
    pool = AsyncSemaphore(permits: cores)
  }

  func onPoolThread<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
    try await pool.acquire()
    defer { pool.release() }
    return try await body()
  }

  func block<C: Clock>(for seconds: Double, on clock: C) async throws where C.Duration == Duration {
    try await clock.sleep(for: .seconds(seconds))
  }

  func blockOnOwnThread<C: Clock>(for seconds: Double, on clock: C) async throws where C.Duration == Duration {
    try await clock.sleep(for: .seconds(seconds))
  }
}
