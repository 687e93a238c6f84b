import Foundation
import LabTerminal

/// `trace --schedules N` (DESIGN §13): the program run on virtual time with seeds 1…N, and the
/// distinct behaviours those runs showed (exit status, printed output, the order tasks ended in),
/// each with the first seed that showed it, so `trace FILE --clock virtual --seed S` replays it.
///
/// The reduction (`behaviours(_:)`) is pure; `explore` runs the seeds, a few at once, with any
/// `run` (the command line's runs a `TracedProgram`; tests pass fakes).
public enum ScheduleExploration {
  /// What one seed's run did.
  public struct Run: Sendable, Equatable {
    public var seed: Int
    public var status: Int32
    /// The program's printed lines, in order.
    public var output: [String]
    /// The tasks in the order they ended: their labels, with `(failed)` or `(cancelled)` after
    /// those that did not finish.
    public var endOrder: [String]

    public init(seed: Int, status: Int32, output: [String], endOrder: [String]) {
      self.seed = seed
      self.status = status
      self.output = output
      self.endOrder = endOrder
    }

    /// The run told by a traced program's messages and its exit status. The program's output
    /// comes in chunks as its stdout was flushed: its lines are what the chunks make together.
    public static func from(seed: Int, status: Int32, messages: [TracedProgram.Message]) -> Run {
      var output = ""
      var labels: [Int: String] = [:]
      var ended: [String] = []
      for message in messages {
        switch message {
        case .output(_, let text):
          output += text
        case .errorOutput:
          continue
        case .trace(_, let line):
          switch line.type {
          case "output": output += (line.text ?? "") + "\n"
          case "event":
            guard let id = line.id else { continue }
            if let task = line.task { labels[id] = task }
            let label = labels[id] ?? "task \(id)"
            switch line.event {
            case "finished": ended.append(label)
            case "failed": ended.append(label + " (failed)")
            case "cancelled": ended.append(label + " (cancelled)")
            default: break
            }
          default: continue
          }
        }
      }
      var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if lines.last == "" { lines.removeLast() }
      return Run(seed: seed, status: status, output: lines, endOrder: ended)
    }
  }

  /// One distinct behaviour: what the runs showing it did, and which seeds showed it.
  public struct Behaviour: Sendable, Equatable {
    public var status: Int32
    public var output: [String]
    public var endOrder: [String]
    /// In increasing order: the first replays it.
    public var seeds: [Int]

    public var firstSeed: Int { seeds[0] }
  }

  /// The distinct behaviours among `runs`, in the order of the first seed showing each.
  public static func behaviours(_ runs: [Run]) -> [Behaviour] {
    var found: [Behaviour] = []
    for run in runs.sorted(by: { $0.seed < $1.seed }) {
      if let index = found.firstIndex(where: { $0.status == run.status && $0.output == run.output && $0.endOrder == run.endOrder }) {
        found[index].seeds.append(run.seed)
      } else {
        found.append(Behaviour(status: run.status, output: run.output, endOrder: run.endOrder, seeds: [run.seed]))
      }
    }
    return found
  }

  /// Runs seeds 1…`count`, at most `width` at once; nil from `run` (interrupted, or it could not
  /// start) stops the exploration and is returned as the error it carries.
  public static func explore<Failure: Error>(
    count: Int,
    width: Int,
    run: @escaping @Sendable (Int) async -> Result<Run, Failure>
  ) async -> Result<[Run], Failure> {
    guard count >= 1 else { return .success([]) }
    return await runSeeds(1...count, width: width, run)
  }

  /// `run` for each of `seeds`, at most `width` at once; the results in seed order. The first
  /// failure cancels the runs still going and is returned. (`trace --schedules` and `check`'s
  /// schedules both run their seeds through this.)
  public static func runSeeds<T: Sendable, Failure: Error>(
    _ seeds: ClosedRange<Int>,
    width: Int,
    _ run: @escaping @Sendable (Int) async -> Result<T, Failure>
  ) async -> Result<[T], Failure> {
    await withTaskGroup(of: (Int, Result<T, Failure>).self) { group in
      var next = seeds.lowerBound
      var found: [(Int, T)] = []
      func add() {
        let seed = next
        next += 1
        group.addTask {
          let result = await run(seed)  // bound first: the -O task-group trap
          return (seed, result)
        }
      }
      while next <= seeds.upperBound, next < seeds.lowerBound + max(1, width) { add() }
      while let (seed, result) = await group.next() {
        switch result {
        case .success(let value):
          found.append((seed, value))
          if next <= seeds.upperBound, !Task.isCancelled { add() }
        case .failure(let error):
          group.cancelAll()
          return .failure(error)
        }
      }
      return .success(found.sorted { $0.0 < $1.0 }.map(\.1))
    }
  }

  /// The command that replays `seed`: `gatherlab trace race.py --clock virtual --seed 7`.
  public static func replayCommand(file: String, arguments: [String], seed: Int) -> String {
    (["gatherlab", "trace", file, "--clock", "virtual", "--seed", String(seed)] + (arguments.isEmpty ? [] : ["--"] + arguments))
      .map(shellWord).joined(separator: " ")
  }

  /// `word`, quoted for a POSIX shell when it needs to be.
  public static func shellWord(_ word: String) -> String {
    let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
      CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-_./=:,+@%".unicodeScalars.contains(scalar)
    }
    return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// The report for the terminal: how many behaviours, then each with its first seed, what it did
  /// and the command that replays it.
  public static func report(file: String, arguments: [String], runs: [Run], width: Int) -> [String] {
    let found = behaviours(runs)
    let count = runs.count
    let head =
      found.count == 1
      ? "\(count) schedule\(count == 1 ? "" : "s") of \(file) on virtual time (seeds 1-\(count)): one behaviour, the same every time."
      : "\(count) schedules of \(file) on virtual time (seeds 1-\(count)): \(found.count) different behaviours."
    let columns = max(20, min(width, 100) - 1)
    var lines = TextWrapper.wrap(head, width: columns)
    for (index, behaviour) in found.enumerated() {
      let runsText = behaviour.seeds.count == 1 ? "1 schedule" : "\(behaviour.seeds.count) schedules"
      lines.append("")
      lines += TextWrapper.wrap(
        "\(index + 1). first seen with seed \(behaviour.firstSeed) (\(runsText)): exit status \(behaviour.status)", width: columns, indent: 3)
      if !behaviour.endOrder.isEmpty {
        lines += TextWrapper.wrap("tasks ended: " + behaviour.endOrder.joined(separator: ", "), width: columns - 3).map { "   " + $0 }
      }
      let shown = behaviour.output.suffix(3)
      if behaviour.output.count > shown.count { lines.append("   … \(behaviour.output.count - shown.count) lines of output before these") }
      lines += shown.map { "   » " + $0 }
      // The command is never broken (a line the terminal wraps is still one line to copy): on a
      // narrow terminal it gets a line of its own.
      let replay = replayCommand(file: file, arguments: arguments, seed: behaviour.firstSeed)
      lines += "   replay: ".count + replay.count <= columns ? ["   replay: " + replay] : ["   replay:", "   " + replay]
    }
    return lines
  }

  /// The same as one JSON object on one line.
  public static func json(file: String, arguments: [String], runs: [Run]) -> String {
    let found = behaviours(runs)
    return JSONValue.object([
      ("type", "schedules"),
      ("file", .string(file)),
      ("schedules", .integer(runs.count)),
      ("behaviours", .array(found.map { behaviour in
        .object([
          ("seed", .integer(behaviour.firstSeed)),
          ("seeds", .array(behaviour.seeds.map(JSONValue.integer))),
          ("status", .integer(Int(behaviour.status))),
          ("output", .array(behaviour.output.map(JSONValue.string))),
          ("ended", .array(behaviour.endOrder.map(JSONValue.string))),
          ("replay", .string(replayCommand(file: file, arguments: arguments, seed: behaviour.firstSeed))),
        ])
      })),
    ]).text
  }
}
