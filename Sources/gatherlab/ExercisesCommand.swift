import ArgumentParser
import Foundation
import LabCore
import LabTerminal

struct ExercisesCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "exercises"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "List the exercises (✓ passed, ✗ tried, · not started).",
    discussion: """
      Examples:
        gatherlab exercises
        gatherlab exercise checkout-receipt
      """
  )

  @Flag(help: "Print one JSON object: {\"exercises\": [{\"number\", \"id\", \"lesson\", \"title\", \"state\", \"attempts\", \"file\"}]}.")
  var json = false

  @OptionGroup var exerciseOptions: ExerciseOptions
  @OptionGroup var output: OutputOptions

  func run() async throws {
    let catalog = try ExerciseOptions.catalog()
    let records = ExerciseProgress.records()
    let console = StandardConsole(capabilities: output.capabilities())
    let workspace = exerciseOptions.resolvedWorkspace
    if json {
      let files = Dictionary(catalog.exercises.map { ($0.id, workspace.path(for: $0)) }) { first, _ in first }
      console.writeLine(JSONValue.object([("exercises", Self.json(catalog.exercises.map(\.summary), records: records, files: files))]).text)
      return
    }
    let width = min(console.capabilities.width, 100)
    let passed = catalog.exercises.filter { records[$0.id]?.passed == true }.count
    console.writeLines(
      TextWrapper.wrap(
        StyledText("Exercises", style: .bold)
          + StyledText(" · \(passed) of \(catalog.exercises.count) passed · files in \(workspace.directory)", style: .dim),
        width: width)
        + Self.lines(catalog.exercises.map(\.summary), records: records, width: width)
        + [StyledText(), StyledText("Start one with: gatherlab exercise ID (or its number)")]
    )
  }

  static func state(_ record: ExerciseRecord?) -> String {
    guard let record else { return "not started" }
    return record.passed ? "passed" : "tried"
  }

  /// `files`: each exercise's file in the workspace, by id (`exercises --json` gives them).
  static func json(_ exercises: [ExerciseSummary], records: [String: ExerciseRecord], files: [String: String]? = nil) -> JSONValue {
    .array(exercises.map { exercise in
      var members: [(key: String, value: JSONValue)] = [
        ("number", .integer(exercise.number)), ("id", .string(exercise.id)), ("lesson", .string(exercise.lesson)),
        ("title", .string(exercise.title)), ("state", .string(state(records[exercise.id]))),
        ("attempts", .integer(records[exercise.id]?.attempts ?? 0)),
      ]
      if let file = files?[exercise.id] { members.append(("file", .string(file))) }
      return .object(members)
    })
  }

  /// `text` cut or padded with spaces to `width` UTF-16 units, as NSString's
  /// `padding(toLength:withPad:startingAt:)`, without bridging to NSString: that was a twentieth
  /// of `list`'s start-up.
  static func padded(_ text: String, to width: Int) -> String {
    let units = text.utf16.count
    guard units > width else { return text + String(repeating: " ", count: width - units) }
    return String(decoding: Array(text.utf16.prefix(width)), as: UTF16.self)
  }

  /// `✓ 05 checkout-receipt    No receipt for a declined card`, one per exercise.
  static func lines(_ exercises: [ExerciseSummary], records: [String: ExerciseRecord], width: Int) -> [StyledText] {
    let idWidth = exercises.map(\.id.count).max() ?? 10
    return exercises.map { exercise in
      let record = records[exercise.id]
      let mark = ExerciseProgress.mark(record)
      let style: TextStyle = record?.passed == true ? .color(.green) : record == nil ? .dim : .color(.yellow)
      let number = exercise.paddedNumber
      let head = "\(number) " + padded(exercise.id, to: idWidth) + "  "
      let room = max(10, width - 3 - head.count - 1)
      let title = exercise.title.count > room ? String(exercise.title.prefix(room - 1)) + "…" : exercise.title
      return StyledText(mark + " ", style: style) + StyledText(head) + StyledText(title, style: .dim)
    }
  }
}
