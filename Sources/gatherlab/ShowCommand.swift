import ArgumentParser
import Foundation
import LabCore
import LabTerminal

struct ShowCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "show"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Render one lesson and exit.",
    discussion: """
      LESSON is a lesson number (5 or 05), an id (results-order), or the start of an id (results).

      Examples:
        gatherlab show 1
        gatherlab show results-order --width 60
        gatherlab show 5 --no-color | less
        gatherlab show 14 --no-swift
      """
  )

  @Argument(help: ArgumentHelp("The lesson's number or id.", valueName: "LESSON"))
  var lesson: String

  @Flag(name: .customLong("no-swift"), help: "Read the lesson Python-only: without its Swift sections and snippets.")
  var noSwift = false

  @OptionGroup var output: OutputOptions
  @OptionGroup var lessons: LessonOptions

  func run() async throws {
    let catalog = try lessons.loadCatalog()
    let found: Lesson
    do {
      let match = try catalog.lesson(matching: lesson)
      found = noSwift ? match.hidingSwift() : match
    } catch {
      throw UsageError(error.description)
    }
    let console = StandardConsole(capabilities: output.capabilities())
    let width = min(console.capabilities.width, MarkdownRenderer.maximumWidth)
    let renderer = LessonRenderer(width: width, color: console.capabilities.color)
    console.write(renderer.string(for: found, total: catalog.count))
  }
}
