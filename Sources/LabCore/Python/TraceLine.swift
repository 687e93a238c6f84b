import Foundation

/// One line the tracer writes on its FIFO (DESIGN §10): a task event with its `id`, label,
/// `parent` and `gather`/`group` ids; a gather or TaskGroup being set up; a join; a deadline; a
/// line the program printed; the tracer's header.
public struct TraceLine: Sendable, Equatable, Decodable {
  public var type: String
  public var t: Double?
  public var id: Int?
  public var task: String?
  public var event: String?
  public var value: String?
  public var error: String?
  public var parent: Int?
  public var gather: Int?
  public var group: Int?
  public var label: String?
  public var outcome: String?
  public var text: String?
  public var runtime: String?
  public var orphans: [Int]?
  /// A hidden task: why it is not the program's ("asyncio.run's shutdown").
  public var why: String?
  /// An `await` line: what the task waits on now ("sleep 0.5s", "task #12", "Queue.get"); nil
  /// when it runs again.
  public var on: String?
  /// A gather's tasks; an `await` line's awaited tasks.
  public var tasks: [Int]?

  public init(type: String, t: Double? = nil, id: Int? = nil, task: String? = nil, event: String? = nil, text: String? = nil) {
    self.type = type
    self.t = t
    self.id = id
    self.task = task
    self.event = event
    self.text = text
  }

  /// Reads one line; nil for a line that is not one of the tracer's.
  public static func parse(_ text: String) -> TraceLine? {
    TraceLineScanner.line(ArraySlice(text.utf8))
  }


  /// What the program wrote to its stdout (`type` "output") or stderr ("error-output"), as it
  /// arrived: the texts of one stream, joined, are its bytes.
  public static func outputJSON(time: Double, text: String, type: String = "output") -> String {
    JSONValue.object([("type", .string(type)), ("t", .seconds(time)), ("text", .string(text))]).text
  }
}
