/// What is wrong with one line of a recording; `RecordingError` adds the file and line.
public enum RecordingProblem: Error, Equatable, CustomStringConvertible {
  /// The file has no lines at all.
  case empty
  /// The first line is not a recording header.
  case notARecording
  /// The header's field is missing or of the wrong kind.
  case field(String)
  /// A recording from a newer gatherlab.
  case newerVersion(Int)
  /// A run line that cannot be read.
  case badLine(DemoJSONLineError)
  /// The last line stops in the middle: the file was cut short.
  case cutShort
  /// The run's lines end before its result line.
  case noResult

  public var description: String {
    switch self {
    case .empty:
      "the file is empty, not a recording (make one with gatherlab run DEMO --record FILE)"
    case .notARecording:
      #"not a gatherlab recording: the first line should be {"type":"recording","version":1,…}"#
    case .field(let name):
      "the recording header has no valid \"\(name)\""
    case .newerVersion(let version):
      "recording version \(version) is newer than this gatherlab reads (version \(RecordingHeader.currentVersion))"
    case .badLine(let error):
      "\(error)"
    case .cutShort:
      "the line stops in the middle: the recording is truncated"
    case .noResult:
      "the recording ends before the run's result line: it is truncated"
    }
  }
}

/// A recording that cannot be used, with where: `run.jsonl:7: missing or invalid "t"` (exit 65).
public struct RecordingError: Error, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var problem: RecordingProblem

  public init(file: String, line: Int, problem: RecordingProblem) {
    self.file = file
    self.line = line
    self.problem = problem
  }

  public var description: String { "\(file):\(line): \(problem)" }
}
