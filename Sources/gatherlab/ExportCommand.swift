import ArgumentParser
import Foundation
import LabCore

struct ExportCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "export"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Turn a recorded run into an SVG timeline, an asciicast, or a Perfetto trace.",
    discussion: """
      svg: the final timeline as one standalone SVG, for a slide. cast: an asciicast v2 \
      recording of the live view (asciinema play FILE.cast). trace: Chrome trace-event JSON, \
      for ui.perfetto.dev or chrome://tracing. OUT defaults to FILE with the format's extension \
      (.svg, .cast, .trace.json); -o - writes to standard output.

      Examples:
        gatherlab run error-cancel mode=gather --record class.jsonl
        gatherlab export class.jsonl --to svg
        gatherlab export class.jsonl --to cast -o class.cast
        gatherlab export class.jsonl --to trace
      """
  )

  typealias Format = ExportFormat

  @Argument(help: ArgumentHelp("A recording made with --record.", valueName: "FILE"))
  var file: String

  @Option(name: .customLong("to"), help: ArgumentHelp("The format: svg, cast or trace.", valueName: "FORMAT"))
  var format: Format

  @Option(name: .customShort("o"), help: ArgumentHelp("Where to write it (default: FILE with the format's extension; - for standard output).", valueName: "OUT"))
  var output: String?

  func run() async throws {
    let destination = output ?? Self.defaultOutput(for: file, format: format)
    if destination != "-", URL(fileURLWithPath: destination).standardizedFileURL == URL(fileURLWithPath: file).standardizedFileURL {
      throw UsageError("The export would overwrite the recording '\(file)'; choose another name with -o.")
    }
    let run = RecordedRun(try loadRecording(file))
    let text = format.exporter.export(run)
    if destination == "-" {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    do {
      try OutputFile.write(text, to: destination)
    } catch {
      StandardError.error(error.description)
      throw ExitCode(73)
    }
    print("Wrote \(destination).")
  }

  /// `class.jsonl` → `class.svg`; a name without an extension gets one added.
  static func defaultOutput(for file: String, format: Format) -> String {
    let slash = file.lastIndex(of: "/")
    let nameStart = slash.map { file.index(after: $0) } ?? file.startIndex
    let dot = file[nameStart...].lastIndex(of: ".").flatMap { $0 == nameStart ? nil : $0 }
    return String(file[..<(dot ?? file.endIndex)]) + format.exporter.fileExtension
  }
}

extension ExportFormat: ExpressibleByArgument {}
