import Foundation
import LabCore
import Testing

extension EndToEnd {
  /// `save FILE` and `replay` in a piped walkthrough session, through the real executable.
  @Suite(.timeLimit(.minutes(2)))
  struct WalkthroughRunsPipedTests {
    let home = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")

    @Test func aPipedSessionSavesTheLastRunAndReplaysIt() async throws {
      let file = home.path + "-run.jsonl"
      defer {
        try? FileManager.default.removeItem(atPath: file)
        try? FileManager.default.removeItem(at: home)
      }
      let result = try await GatherlabProcess(
        ["--speed", "20"],
        environment: ["GATHERLAB_HOME": home.path],
        standardInput: "replay\nrun ordering\nsave \(file)\nreplay\n"
      ).run()
      #expect(result.status == .exited(0))
      let output = result.standardOutput
      #expect(output.contains("Nothing to replay yet: 'run' a demo first.\n"))
      #expect(output.contains("Saved 'run ordering' to"))
      #expect(output.contains("ordering · delays=3,1,2 · replay ×20\n"))
      let recording = try Recording.read(path: file)
      #expect(recording.header.command == ["gatherlab", "run", "ordering"])
      #expect(recording.run?.demo == "ordering")
      #expect(recording.recordedOutcome == "returned")
    }
  }
}
