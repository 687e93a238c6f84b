import ArgumentParser

@main
struct Gatherlab: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gatherlab",
    abstract: "Learn Python's asyncio.gather() by running real Swift concurrency demos.",
    version: "0.1.0",
    subcommands: [ShowCommand.self, LintCommand.self]
  )
}
