import ArgumentParser

struct LintCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "lint", abstract: "Check lesson files.")
}
