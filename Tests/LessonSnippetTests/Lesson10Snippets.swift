import GatherKit
import Testing

func sumOfSquares(upTo n: Int) throws -> Int {
  var total = 0
  for i in 0..<n {
    if i % 100_000 == 0 { try Task.checkCancellation() }
    total &+= i &* i
  }
  return total
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson10Snippets {
  @Test func sumOfSquaresComputesTheSum() throws {
    #expect(try sumOfSquares(upTo: 4) == 0 + 1 + 4 + 9)
    #expect(try sumOfSquares(upTo: 0) == 0)
  }

  @Test func aCancelledComputationStopsAtItsNextCheck() async {
    // Far too long to finish within the time limit unless the check stops it.
    let computation = Task { try sumOfSquares(upTo: Int.max) }
    computation.cancel()
    await #expect(throws: CancellationError.self) { try await computation.value }
  }

  @Test func aGroupWithAFailingChildCancelsTheComputation() async {
    let operations: [@Sendable () async throws -> Int] = [
      { try sumOfSquares(upTo: Int.max) },
      { throw CardDeclined() },
    ]
    await #expect(throws: CardDeclined.self) { try await gather(operations) }
  }
}
