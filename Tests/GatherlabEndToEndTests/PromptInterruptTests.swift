import Foundation
import Testing

/// Ctrl-C at the walkthrough's prompt, typed as fast as a person (or a paste) can, many times
/// over: the half-typed line must go every time, and the keys after it must start a new line.
extension EndToEnd {
  @Suite(.timeLimit(.minutes(3)))
  struct PromptInterruptTests {
    let home: URL

    init() throws {
      home = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    /// Each round types `goto 12`, Ctrl-C and `goto N` (N from 2 to 11 in turn), as separate
    /// writes or as one; had Ctrl-C not cleared the line, `goto 12goto N` would be an unknown
    /// lesson and the prompt would not move to lesson N.
    @Test(arguments: [false, true])
    func ctrlCClearsTheLineEveryTimeHoweverFastTheNextKeysFollow(inOneWrite: Bool) async throws {
      let terminal = try PseudoTerminal.gatherlab(environment: ["GATHERLAB_HOME": home.path], rows: 30, columns: 80)
      try await terminal.waitFor("gatherlab 1/13 what-is-gather › ")
      for round in 0..<50 {
        let target = 2 + round % 10
        let mark = terminal.mark()
        if inOneWrite {
          try terminal.write("goto 12\u{03}goto \(target)\r")
        } else {
          try terminal.write("goto 12")
          try terminal.write("\u{03}")
          try terminal.write("goto \(target)\r")
        }
        try await terminal.waitFor("gatherlab \(target)/13 ", after: mark)
      }
      #expect(!stripANSI(terminal.output).contains("Unknown lesson"))
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }
  }
}
