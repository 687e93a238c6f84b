import Foundation

/// One line the tracer writes on its FIFO (DESIGN §10): a task event with its `id`, label,
/// `parent` and `gather`/`group` ids; a gather or TaskGroup being set up; a join; a deadline; a
/// line the program printed; the tracer's header; what a task waits on (`await`); a task asyncio
/// made for itself (`hidden`); the program's coroutines a task was running when it was cancelled
/// (`chain`). Unknown types and fields are read and ignored.
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
  /// A clock line's clock (`virtual` or `real`) and, for a real one, why (DESIGN §13).
  public var clock: String?
  /// An `await` line's: what the task now waits on ("sleep 0.5s", "Queue.get", "task #12"); nil
  /// when it runs again.
  public var on: String?
  /// An `await` line's awaited task ids; a `gather` line's members.
  public var tasks: [Int]?
  /// A `hidden` line's: why the tracer leaves the task out (asyncio made it for itself); a real
  /// `clock` line's: why the run is not on virtual time.
  public var why: String?
  /// A `chain` line's: the program's own coroutines on the task's await chain when `cancel()` was
  /// called on it (or on the task it awaited), outermost first, each labelled as a task is
  /// (`["fetch_one('a')", "download('a')"]`); asyncio's coroutines are left out.
  public var coroutines: [String]?

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
  /// arrived: the texts of one stream, joined, are its bytes. Timed to the tenth of a millisecond,
  /// as the tracer times its lines (rounded to the millisecond, a write just after a task's end
  /// at 1.2313 read 1.231, before it).
  public static func outputJSON(time: Double, text: String, type: String = "output") -> String {
    JSONValue.object([("type", .string(type)), ("t", .number(tracerInstant(time))), ("text", .string(text))]).text
  }

  /// `seconds` to the tenth of a millisecond, as the tracer writes its instants (`%.4f`).
  public static func tracerInstant(_ seconds: Double) -> Double {
    (seconds * 10_000).rounded() / 10_000
  }
}
