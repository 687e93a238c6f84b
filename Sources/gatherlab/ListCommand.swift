import ArgumentParser
import Foundation
import LabCore
import LabTerminal

struct ListCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "list"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "List the lessons (✓ done, ▸ current, prediction scores) and the demos with their parameters.",
    discussion: """
      Examples:
        gatherlab list
        gatherlab list --json | python3 -m json.tool
      """
  )

  @Flag(help: "Print one JSON object: {\"lessons\": [...], \"demos\": [...]}.")
  var json = false

  @OptionGroup var output: OutputOptions
  @OptionGroup var lessons: LessonOptions

  /// What the options say, as plain values.
  struct Settings: Equatable {
    var json = false
    var noColor = false
    var width: Int?
    var lessonsDirectory: String?

    /// What `gatherlab list` with nothing after it runs (`Gatherlab.runWithoutParsing`).
    static let defaults = Settings()
  }

  var settings: Settings {
    Settings(json: json, noColor: output.noColor, width: output.width, lessonsDirectory: lessons.lessonsDirectory)
  }

  func run() async throws {
    try await Self.run(settings)
  }

  static func run(_ settings: Settings) async throws {
    let environment = ProcessEnvironment.current()
    let console = StandardConsole(
      capabilities: OutputOptions.capabilities(noColor: settings.noColor, width: settings.width, environment: environment)
    )
    let catalog = try LessonOptions.loadCatalog(directory: settings.lessonsDirectory)
    let registry = DemoRegistry.standard
    let store = FileProgressStore(directory: FileProgressStore.stateDirectory(environment: environment))
    let progress = store.peek()
    let done = Set(progress?.completed ?? [])
    // The exercises with their state, from their front matter's id, lesson and title only (the
    // full parse was two thirds of `list`'s start-up); a set whose summaries cannot be read is
    // left out here (`lint` reports it).
    let exercises = ExerciseSummary.read(ExerciseCatalog.bundledFiles(executablePath: executablePath(), markdownOnly: true))
    let records = progress?.exercises ?? [:]
    if settings.json {
      console.writeLine(JSONValue.object([
        ("lessons", .array(catalog.listEntries(done: done, answers: progress?.predictions ?? [:]).map(\.json))),
        ("demos", DemoListing.json(registry)),
        ("exercises", exercises.map { ExercisesCommand.json($0, records: records) } ?? .array([])),
      ]).text)
      return
    }
    let width = min(console.capabilities.width, 100)
    let answers = progress?.predictions ?? [:]
    let scores = Dictionary(uniqueKeysWithValues: catalog.lessons.compactMap { lesson in
      PredictionScore(of: lesson, answers: answers).text.map { (lesson.id, $0) }
    })
    console.writeLines(
      [StyledText("Lessons", style: .bold)]
        + LessonListing.lines(catalog, done: done, current: progress?.current, scores: scores, width: width)
        + [StyledText(), StyledText("Demos", style: .bold)]
        + DemoListing.lines(registry, width: width)
        + (exercises.map { exercises in
          let passed = exercises.filter { records[$0.id]?.passed == true }.count
          return [StyledText(), StyledText("Exercises", style: .bold) + StyledText(" · \(passed) of \(exercises.count) passed (✓ passed, ✗ tried, · not started)", style: .dim)]
            + ExercisesCommand.lines(exercises, records: records, width: width)
        } ?? [])
    )
  }
}
