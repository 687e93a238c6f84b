// Snippets that several lessons share: simulated work that sleeps on an injected clock.

// Stands in for a network call: waits, then returns the name.
func fetch(
  _ name: String,
  after delay: Duration,
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> String {
  try await clock.sleep(for: delay)
  return name
}

func job(
  _ name: String,
  seconds: Int,
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> String {
  try await clock.sleep(for: .seconds(seconds))
  print("Task \(name) done")
  return name
}

struct CardDeclined: Error {}

func chargeCard(clock: some Clock<Duration>) async throws -> String {
  try await clock.sleep(for: .seconds(1))
  throw CardDeclined()
}

func sendReceipt(clock: some Clock<Duration>) async throws -> String {
  do {
    try await clock.sleep(for: .seconds(2))
  } catch {
    print("receipt cancelled")
    throw error
  }
  print("receipt sent")
  return "sent"
}
