import ArgumentParser
import LabCore
import LabTerminal

struct ListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the lessons and the demos with their parameters.",
    discussion: """
      Examples:
        gatherlab list
        gatherlab list --json | python3 -m json.tool
      """
  )

  @Flag(help: "Print one JSON object: {\"lessons\": [...], \"demos\": [...]}.")
  var json = false

  @OptionGroup var output: OutputOptions

  func run() async throws {
    let console = StandardConsole(capabilities: output.capabilities())
    let registry = DemoRegistry.standard
    if json {
      console.writeLine(JSONValue.object([("lessons", .array([])), ("demos", DemoListing.json(registry))]).text)
      return
    }
    console.writeLines([StyledText("Demos", style: .bold)] + DemoListing.lines(registry, width: min(console.capabilities.width, 100)))
  }
}
