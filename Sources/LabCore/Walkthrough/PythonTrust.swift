/// Whether the lessons' Python may run (DESIGN §9): the bundled course's runs unasked; lessons
/// from `--lessons DIR` are someone else's code, run only after the learner says yes, once a
/// session.
@MainActor
final class PythonTrust {
  /// `--lessons DIR`, or nil for the bundled course.
  let lessonsDirectory: String?
  private let screen: WalkthroughScreen
  private let reader: any LineReader
  /// The learner's answer this session, once asked.
  private var allowed: Bool?

  init(lessonsDirectory: String?, screen: WalkthroughScreen, reader: any LineReader) {
    self.lessonsDirectory = lessonsDirectory
    self.screen = screen
    self.reader = reader
  }

  /// True when the lessons' Python may run; asks the first time for lessons from outside.
  func allowsPython() -> Bool {
    guard let directory = lessonsDirectory else { return true }
    if let allowed { return allowed }
    screen.say("The lessons in \(directory) are not gatherlab's own, so their Python programs run only if you say so.")
    let yes: Bool
    if case .line(let reply) = reader.readLine(prompt: "Run them with python3 this session? [y/N] ") {
      yes = ["y", "yes"].contains(reply.trimmingWhitespace().lowercased())
    } else {
      yes = false
    }
    allowed = yes
    if !yes { screen.say("Their Python will not run; the lessons' own answers decide.", style: .dim) }
    return yes
  }
}
