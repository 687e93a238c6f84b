import ArgumentParser

struct ShowCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "show", abstract: "Render one lesson and exit.")
}
