import Foundation
import LabTerminal
import Synchronization

/// Runs a learner's file for an exercise check: under the tracer, with no input (stdin is
/// /dev/null), in its own process group, stopped at the hang limit; the trace reduced to
/// `RunFacts`, and kept to draw its timeline.
public struct ExerciseRun: Sendable {
  public let interpreter: PythonInterpreter
  public let path: String
  /// The clock the program's loop reads (DESIGN §13): virtual time unless asked otherwise.
  public var clock: PythonClock
  /// Real seconds before a program is taken to hang and is stopped (10 s, on either clock).
  public var hangLimit: Duration = .seconds(10)
  /// On virtual time, the program's clock may not pass this many seconds (60): a jump past it
  /// ends the program there, a hang in an instant rather than in 10 real seconds. A loop with
  /// nothing on its clock that nothing can wake (every task waits on something no one will set)
  /// ends it at once too.
  public var virtualLimit: Double = 60

  public init(interpreter: PythonInterpreter, path: String, clock: PythonClock = .virtual(seed: 0)) {
    self.interpreter = interpreter
    self.path = path
    self.clock = clock
  }

  /// What one run gave: its facts, and what draws its timeline.
  public struct Traced: Sendable {
    public var facts: RunFacts
    var state: TraceState
    /// The clock it ran on (and its seed).
    public var clock: PythonClock = .real
    public var runtime: String? { state.runtime }

    /// A stuck run's picture of where each task waited when nothing could wake them (what
    /// `trace` shows after Ctrl-C); empty for any other run.
    public func awaitPicture(width: Int) -> [StyledText] {
      guard facts.stuck, let instant = facts.hungAfter else { return [] }
      return TraceTreeRenderer.awaitPicture(state.forest, now: instant, width: width)
    }

    /// The run's final timeline, the rows of `result` marked `▶` and its instant on the axis.
    public func timeline(marking result: CheckResult?, title: String, width: Int) -> [StyledText] {
      var snapshot = state.timeline.snapshot(
        title: title + (clock.seed > 0 ? " · seed \(clock.seed)" : "") + (state.runtime.map { " · " + $0 } ?? ""), speed: 1, now: max(state.lastTime, facts.lastTime), isFinal: true
      )
      if let result {
        snapshot.highlight = Set(result.rows.compactMap { state.names[$0] })
        if let instant = result.instant {
          snapshot.join = TimelineMarker(time: instant, label: "▶ " + result.name)
        }
      }
      // A screenful at most: the marked rows first among those kept.
      let room = 16
      if snapshot.rows.count > room {
        let marked = snapshot.rows.filter { snapshot.highlight.contains($0.name) }
        let rest = snapshot.rows.filter { !snapshot.highlight.contains($0.name) }
        let hidden = snapshot.rows.count - room
        snapshot.rows = Array((marked + rest).prefix(room))
        return TimelineRenderer.render(snapshot, width: width) + [StyledText("… and \(hidden) more tasks", style: .dim)]
      }
      return TimelineRenderer.render(snapshot, width: width)
    }
  }

  private final class Box: Sendable {
    let state = Mutex((builder: RunFactsBuilder(), trace: TraceState()))
  }

  public func run() async throws(TraceError) -> Traced {
    var quiet = TracedProgram(interpreter: interpreter, path: path, arguments: [])
    quiet.passesStandardInput = false
    quiet.interruptsWhenCancelled = false  // a hang is killed, not asked to stop
    quiet.pythonClock = clock
    // The tracer notes a read of stdin (exercises take no input); `trace` leaves sys.stdin as is.
    quiet.environment["GATHERLAB_WATCH_STDIN"] = "1"
    if clock.isVirtual {
      quiet.environment["GATHERLAB_VIRTUAL_LIMIT"] = CheckSeconds.number(virtualLimit)
      // A loop that nothing can wake any more ends the program at once (_gatherlab_clock.py's
      // "A stuck loop"), not after the 10 s of real time.
      quiet.environment["GATHERLAB_STOP_STUCK"] = "1"
    }
    let program = quiet
    let box = Box()
    // Past the output limit nothing more is kept: the program is stopped there, not left to
    // print on until the hang limit (seen: 9 MB of prints ran into the 10 s limit under load).
    let (flood, flooded) = AsyncStream<Void>.makeStream()
    let wall = ContinuousClock()
    let began = wall.now
    let receive: @Sendable ([TracedProgram.Message]) -> Void = { messages in
      let elapsed = began.duration(to: wall.now)
      let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      let truncated = box.state.withLock { state in
        for message in messages {
          state.builder.apply(message)
          if case .output = message, state.builder.facts.outputTruncated { continue }
          if case .trace(_, let line) = message, line.type == "output", state.builder.facts.outputTruncated { continue }
          state.trace.apply(message, at: now)
        }
        return state.builder.facts.outputTruncated
      }
      if truncated {
        flooded.yield()
        flooded.finish()
      }
    }
    let limit = hangLimit
    enum Ending: Sendable {
      case ran(Result<TracedProgram.Outcome, TraceError>)
      case hung
      case flooded
    }
    let ending: Ending = await withTaskGroup(of: Ending.self) { group in
      group.addTask {
        do throws(TraceError) { return .ran(.success(try await program.run(receive))) } catch { return .ran(.failure(error)) }
      }
      group.addTask {
        try? await Task.sleep(for: limit)
        return .hung
      }
      group.addTask {
        for await _ in flood { return .flooded }
        // Ended without a flood: wait to be cancelled.
        try? await Task.sleep(for: .seconds(86_400))
        return .hung
      }
      let first = await group.next() ?? .hung
      group.cancelAll()
      // Wait for the program's end (cancelling it kills its process group).
      while await group.next() != nil {}
      return first
    }
    let pythonClock = clock
    var hungAfter: Double?
    var stoppedForOutput = false
    let outcome: TracedProgram.Outcome
    switch ending {
    case .flooded:
      stoppedForOutput = true
      outcome = TracedProgram.Outcome(status: 137, standardError: "")
    case .ran(let result):
      outcome = try result.get()
    case .hung:
      hungAfter = Double(limit.components.seconds)
      outcome = TracedProgram.Outcome(status: 137, standardError: "")
    }
    return box.state.withLock { state in
      state.builder.finish(status: outcome.status, standardError: outcome.standardError, hungAfter: hungAfter, stoppedForOutput: stoppedForOutput)
      return Traced(facts: state.builder.facts, state: state.trace, clock: pythonClock)
    }
  }
}
