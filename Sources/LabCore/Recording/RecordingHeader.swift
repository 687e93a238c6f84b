import Foundation

/// The first line of a recording: what was run and on what size of terminal, so a replay or an
/// export can draw it again at that size (DESIGN §11).
///
/// ```text
/// {"type":"recording","version":1,"command":["gatherlab","run","ordering"],"columns":80,"rows":24}
/// ```
///
/// A run on virtual time (DESIGN §13) says so: `…,"rows":24,"clock":"virtual","seed":0}`. Readers
/// that do not know the fields ignore them.
public struct RecordingHeader: Sendable, Equatable {
  /// The format version this gatherlab writes and reads.
  public static let currentVersion = 1

  public var version: Int
  /// The command line that made the recording, program name first.
  public var command: [String]
  /// The terminal's size when the run was recorded.
  public var columns: Int
  public var rows: Int
  /// "virtual" for a Python run on virtual time, with its seed; nil (not written) on real time.
  public var clock: String?
  public var seed: Int?

  public init(
    version: Int = RecordingHeader.currentVersion, command: [String], columns: Int, rows: Int, clock: String? = nil, seed: Int? = nil
  ) {
    self.version = version
    self.command = command
    self.columns = columns
    self.rows = rows
    self.clock = clock
    self.seed = seed
  }

  /// The header as its JSON line.
  public var line: String {
    JSONValue.object([
      ("type", "recording"),
      ("version", .integer(version)),
      ("command", .array(command.map(JSONValue.string))),
      ("columns", .integer(columns)),
      ("rows", .integer(rows)),
    ] + (clock.map { [("clock", .string($0))] } ?? []) + (seed.map { [("seed", .integer($0))] } ?? [])).text
  }

  /// Reads a header line; throws one sentence saying why it is not one.
  public static func parse(_ text: String) throws(RecordingProblem) -> RecordingHeader {
    let raw: Raw
    do {
      raw = try JSONDecoder().decode(Raw.self, from: Data(text.utf8))
    } catch {
      throw .notARecording
    }
    guard raw.type == "recording" else { throw .notARecording }
    guard let version = raw.version else { throw .field("version") }
    guard version <= currentVersion, version >= 1 else { throw .newerVersion(version) }
    return RecordingHeader(
      version: version,
      command: raw.command ?? [],
      // A size out of reason (or missing) falls back to the classic terminal.
      columns: raw.columns.flatMap { (20...1000).contains($0) ? $0 : nil } ?? 80,
      rows: raw.rows.flatMap { (5...500).contains($0) ? $0 : nil } ?? 24,
      clock: raw.clock,
      seed: raw.seed
    )
  }

  private struct Raw: Decodable {
    var type: String?
    var version: Int?
    var command: [String]?
    var columns: Int?
    var rows: Int?
    var clock: String?
    var seed: Int?

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      type = try? container.decode(String.self, forKey: .type)
      version = try? container.decode(Int.self, forKey: .version)
      command = try? container.decode([String].self, forKey: .command)
      columns = try? container.decode(Int.self, forKey: .columns)
      rows = try? container.decode(Int.self, forKey: .rows)
      clock = try? container.decode(String.self, forKey: .clock)
      seed = try? container.decode(Int.self, forKey: .seed)
    }

    enum CodingKeys: String, CodingKey { case type, version, command, columns, rows, clock, seed }
  }
}
