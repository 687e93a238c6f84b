import ArgumentParser
import Foundation
import LabCore
import LabTerminal


/// Options every command that prints lessons or demos shares.
struct OutputOptions: ParsableArguments {
  @Flag(name: .customLong("no-color"), help: "No colors (also NO_COLOR); the live view and keys still work.")
  var noColor = false

  @Option(name: .customLong("width"), help: ArgumentHelp("Wrap text to N columns (default: the terminal's, at most 100).", valueName: "N"))
  var width: Int?

  func validate() throws {
    if let width, !(20...400).contains(width) {
      throw ValidationError("--width must be between 20 and 400 columns, got \(width).")
    }
  }

  /// What standard output can do, with `--no-color` and `--width` applied.
  func capabilities() -> TerminalCapabilities {
    Self.capabilities(noColor: noColor, width: width)
  }

  static func capabilities(
    noColor: Bool,
    width: Int?,
    environment: [String: String] = ProcessEnvironment.current()
  ) -> TerminalCapabilities {
    var capabilities = TerminalCapabilities.detect(noColorFlag: noColor, environment: environment)
    if let width { capabilities.width = width }
    return capabilities
  }
}

/// `--speed X`, for the commands that run demos.
struct SpeedOption: ParsableArguments {
  @Option(help: ArgumentHelp(DemoSpeed.help, valueName: "X"), transform: DemoSpeed.argument)
  var speed: DemoSpeed = .normal
}

extension DemoSpeed {
  /// Parses `--speed`'s value. A transform rather than `ExpressibleByArgument`, whose failable
  /// initializer cannot say what a valid speed is: swift-argument-parser prints this error's
  /// sentence after "The value '0' is invalid for '--speed <X>': ".
  static func argument(_ text: String) throws -> DemoSpeed {
    do {
      return try DemoSpeed(parsing: text)
    } catch {
      throw SpeedArgumentError()
    }
  }
}

/// The end of swift-argument-parser's sentence about a bad `--speed`.
struct SpeedArgumentError: Error, CustomStringConvertible {
  var description: String { DemoSpeedError.expectation + "." }
}

/// Where the lessons come from.
struct LessonOptions: ParsableArguments {
  @Option(name: .customLong("lessons"), help: ArgumentHelp("Read lessons from DIR instead of the bundled ones.", valueName: "DIR"))
  var lessonsDirectory: String?
}

/// A usage problem found after parsing (unknown demo, bad parameter): one sentence, exit 64.
struct UsageError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
