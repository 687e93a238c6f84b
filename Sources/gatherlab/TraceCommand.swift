import ArgumentParser

struct TraceCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "trace", abstract: "Run your asyncio program under python3 and draw its tasks live.")
  func run() async throws {}
}
