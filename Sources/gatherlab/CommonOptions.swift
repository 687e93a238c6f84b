import ArgumentParser

/// Options every command that prints lessons or demos shares.
struct OutputOptions: ParsableArguments {
  @Flag(name: .customLong("no-color"), help: "Plain text: no colors or cursor movement (also NO_COLOR, TERM=dumb).")
  var noColor = false

  @Option(name: .customLong("width"), help: ArgumentHelp("Wrap text to N columns (default: the terminal's, at most 100).", valueName: "N"))
  var width: Int?

  func validate() throws {
    if let width, !(20...400).contains(width) {
      throw ValidationError("--width must be between 20 and 400 columns, got \(width).")
    }
  }
}

/// Where the lessons come from.
struct LessonOptions: ParsableArguments {
  @Option(name: .customLong("lessons"), help: ArgumentHelp("Read lessons from DIR instead of the bundled ones.", valueName: "DIR"))
  var lessonsDirectory: String?
}
