import Testing

func uploadReactingAtOnce(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> String {
  try await withTaskCancellationHandler {
    try await clock.sleep(for: .seconds(2))
    return "uploaded"
  } onCancel: {
    print("upload: cancel requested")
  }
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson15Snippets {
  @Test func theHandlerRunsAtTheRequestAndTheSleepThenThrows() async throws {
    let run = ScriptedRun { clock in
      let upload = Task { try await uploadReactingAtOnce(clock: clock) }
      try await clock.sleep(for: .milliseconds(500))
      upload.cancel()
      return await upload.result
    }
    await run.advance(to: 0.5, onceSleeping: 2)
    let result = try await run.value()
    #expect(throws: CancellationError.self) { try result.get() }
    #expect(run.lines == ["0.5s upload: cancel requested"])
    #expect(run.secondsWhenReturned == 0.5)
  }
}
