/// One way to turn a recorded run into a file (DESIGN §11): `export FILE --to FORMAT` picks one
/// by its `ExportFormat`, and every format answers the same two questions.
///
/// ```swift
/// let exporter = ExportFormat.svg.exporter
/// exporter.fileExtension        // ".svg"
/// exporter.export(run)          // "<svg …>…</svg>\n"
/// ```
public protocol RecordingExporter {
  /// What a file of this format ends in: ".svg", ".cast", ".trace.json".
  static var fileExtension: String { get }
  /// The whole file for `run`.
  static func export(_ run: RecordedRun) -> String
}

/// The formats `export` writes, by the name `--to` takes.
public enum ExportFormat: String, CaseIterable, Sendable {
  case svg, cast, trace

  /// The exporter that writes this format.
  public var exporter: any RecordingExporter.Type {
    switch self {
    case .svg: TimelineSVG.self
    case .cast: AsciicastExport.self
    case .trace: TraceEventExport.self
    }
  }
}

extension TimelineSVG: RecordingExporter {
  public static let fileExtension = ".svg"

  /// The run's final timeline as a standalone SVG; a trace's final tree, as the trace ends.
  public static func export(_ run: RecordedRun) -> String {
    if let trace = TraceRecording(run.recording) {
      let header = run.recording.header
      return TraceTreeSVG.document(TraceTreeSVG.lines(trace, columns: header.columns, rows: header.rows), title: trace.title)
    }
    return document(run.timeline(through: run.recording.entries.count).snapshot(title: run.title, speed: run.speed, now: run.end, isFinal: true))
  }
}

extension AsciicastExport: RecordingExporter {
  public static let fileExtension = ".cast"

  public static func export(_ run: RecordedRun) -> String { cast(run) }
}

extension TraceEventExport: RecordingExporter {
  public static let fileExtension = ".trace.json"

  public static func export(_ run: RecordedRun) -> String { json(run) }
}
