import Foundation
import Testing

/// Ctrl-C at the walkthrough's prompt, typed as fast as a person (or a paste) can, many times
/// over: the half-typed line must go every time, and the keys after it must start a new line.
extension EndToEnd {
  @Suite(.timeLimit(.minutes(3)))
  struct PromptInterruptTests {
    let home: URL

    let lessons: URL

    /// A fixture course of twelve one-line lessons, so the test depends on no lesson's text.
    init() throws {
      home = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")
      lessons = home.appending(path: "lessons")
      try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
      for number in 1...12 {
        let id = "lesson-\(number)"
        let text = "---\nid: \(id)\ntitle: Lesson \(number)\nsection: Section \(number)\n---\nText of lesson \(number).\n"
        try Data(text.utf8).write(to: lessons.appending(path: String(format: "%02d-%@.md", number, id)))
      }
    }

    /// Each round types `goto 12`, Ctrl-C and `goto N` (N from 2 to 11 in turn), as separate
    /// writes or as one; had Ctrl-C not cleared the line, `goto 12goto N` would be an unknown
    /// lesson (or a key typed after Ctrl-C would have been lost) and the prompt would not move
    /// to lesson N.
    @Test(arguments: [false, true])
    func ctrlCClearsTheLineEveryTimeHoweverFastTheNextKeysFollow(inOneWrite: Bool) async throws {
      let terminal = try PseudoTerminal.gatherlab(
        ["--lessons", lessons.path], environment: ["GATHERLAB_HOME": home.path], rows: 30, columns: 80
      )
      try await terminal.waitFor("gatherlab 1/12 lesson-1 1/1 › ")
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
        try await terminal.waitFor("gatherlab \(target)/12 lesson-\(target) 1/1 › ", after: mark)
      }
      #expect(!stripANSI(terminal.output).contains("Unknown lesson"))
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }
  }
}
