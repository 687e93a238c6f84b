import Foundation

/// The environment an end-to-end test gives the program it runs: the test process's own, minus the
/// variables that change how a program lays out or colours its output, plus the test's overrides.
///
/// Without the removal a test would pass in CI and fail in a developer's shell that exports
/// `NO_COLOR` or `COLUMNS`. A test that cares sets them itself; `nil` removes a variable:
///
/// ```swift
/// let environment = ChildEnvironment.resolved(["NO_COLOR": "1", "COLUMNS": "40", "HOME": nil])
/// ```
enum ChildEnvironment {
  /// Variables removed unless a test sets them.
  static let formattingVariables: [String] = [
    "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLUMNS", "LINES", "TERM",
  ]

  /// The complete environment for a child process.
  static func resolved(_ overrides: [String: String?]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    for name in formattingVariables {
      environment[name] = nil
    }
    for (name, value) in overrides {
      environment[name] = value
    }
    return environment
  }

  /// The same environment as changes to the inherited one, the form swift-subprocess takes.
  static func changes(_ overrides: [String: String?]) -> [String: String?] {
    var changes: [String: String?] = [:]
    for name in formattingVariables {
      changes[name] = .some(nil)
    }
    for (name, value) in overrides {
      changes[name] = .some(value)
    }
    return changes
  }
}
