import Foundation

/// A recorded run read back: its header, the run's JSON Lines exactly as they were written, and
/// those lines parsed into the entries a `RunTimeline` takes.
///
/// ```swift
/// let recording = try Recording.parse(text, file: "run.jsonl")
/// recording.lines.first  // {"type":"demo","demo":"ordering",…}
/// ```
public struct Recording: Sendable, Equatable {
  public var header: RecordingHeader
  /// The run's own header (`{"type":"demo",…}`); nil for a run that has none (a traced program's).
  public var run: DemoJSONHeader?
  /// Every line after the recording header, unchanged: what `replay --json` prints.
  public var lines: [String]
  /// The `event`, `phase`, `join` and `deadline` lines, in order.
  public var entries: [DemoLogEntry]
  /// The result line's `outcome`, as recorded ("interrupted" for a run stopped by Ctrl-C).
  public var recordedOutcome: String?
  /// The result line's exit `status`, where it has one (a traced program's).
  public var recordedStatus: Int?

  public init(
    header: RecordingHeader,
    run: DemoJSONHeader?,
    lines: [String],
    entries: [DemoLogEntry],
    recordedOutcome: String?,
    recordedStatus: Int? = nil
  ) {
    self.header = header
    self.run = run
    self.lines = lines
    self.entries = entries
    self.recordedOutcome = recordedOutcome
    self.recordedStatus = recordedStatus
  }

  /// Reads the text of a recording; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws(RecordingError) -> Recording {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // A complete file ends with a newline; its last line was cut short when it does not.
    let endsWithNewline = lines.last == ""
    if endsWithNewline { lines.removeLast() }
    guard let first = lines.first, lines.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else {
      throw RecordingError(file: file, line: 1, problem: .empty)
    }
    let header: RecordingHeader
    do {
      header = try RecordingHeader.parse(first)
    } catch {
      throw RecordingError(file: file, line: 1, problem: lines.count == 1 && !endsWithNewline && first.hasPrefix("{") ? .cutShort : error)
    }
    var run: DemoJSONHeader?
    var entries: [DemoLogEntry] = []
    var result: (outcome: String?, status: Int?) = (nil, nil)
    var sawResult = false
    for (offset, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
      let number = offset + 1
      do {
        switch try DemoJSONLine.parse(line) {
        case .header(let value): if run == nil { run = value }
        case .entry(let entry): entries.append(entry)
        case .result(let text):
          sawResult = true
          result = Self.result(text)
        case .other: break
        }
      } catch {
        let isLast = offset == lines.count - 1
        if isLast, !endsWithNewline, error == .notJSON {
          throw RecordingError(file: file, line: number, problem: .cutShort)
        }
        throw RecordingError(file: file, line: number, problem: .badLine(error))
      }
    }
    guard sawResult else {
      throw RecordingError(file: file, line: lines.count + 1, problem: .noResult)
    }
    return Recording(
      header: header, run: run, lines: Array(lines.dropFirst()), entries: entries, recordedOutcome: result.outcome,
      recordedStatus: result.status
    )
  }

  /// The result line's outcome and exit status (`{"type":"result","outcome":"returned","status":0,…}`).
  private static func result(_ text: String) -> (outcome: String?, status: Int?) {
    struct Result: Decodable {
      var outcome: String?
      var status: Int?
    }
    let result = try? JSONDecoder().decode(Result.self, from: Data(text.utf8))
    return (result?.outcome, result?.status)
  }

  /// Reads the file at `path`: an unreadable file is a `RecordingReadError` (exit 66), a file
  /// that is not a good recording a `RecordingError` (exit 65).
  public static func read(path: String) throws -> Recording {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw RecordingReadError(path: path, reason: FileProblem.reason(path: path, fallback: error))
    }
    return try parse(String(decoding: data, as: UTF8.self), file: path)
  }
}

/// A recording that could not be read at all (exit 66).
public struct RecordingReadError: Error, Equatable, CustomStringConvertible {
  public var path: String
  public var reason: String

  public var description: String { "Cannot read the recording '\(path)': \(reason)." }
}

/// An output file that could not be written (exit 73).
public struct OutputFileError: Error, Equatable, CustomStringConvertible {
  public var path: String
  public var reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  public var description: String { "Cannot write '\(path)': \(reason)." }
}

/// The system's words for why a file cannot be used: "no such file or directory".
enum FileProblem {
  static func reason(errno code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
  }

  /// Why `path` cannot be read, checked the way the system would say it.
  static func reason(path: String, fallback: any Error) -> String {
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return reason(errno: ENOENT) }
    if isDirectory.boolValue { return reason(errno: EISDIR) }
    if !FileManager.default.isReadableFile(atPath: path) { return reason(errno: EACCES) }
    return (fallback as NSError).localizedDescription
  }
}
