import Foundation
import LabCore
import Synchronization
import Testing
import TestSupport

/// How a traced program's output reaches gatherlab while it runs, under real CPython: on virtual
/// time each write as soon as its bytes and its write line are both here (not at the program's
/// end), byte for byte however many small writes; on either clock in time order among the tracer's
/// lines (what `trace --json` prints). The real-clock runs are in `TraceOrderTests`, which runs in
/// the isolated real-clock phase (Makefile's REAL_CLOCK_TESTS).
enum TraceOutputDelivery {
  static func interpreter() throws -> PythonInterpreter {
    let path = try #require(PythonForTests.python3)
    return try PythonInterpreter.find(explicit: path, environment: [:])
  }

  /// Everything handed on, in order, with a hook that sees each batch as it comes.
  static func run(
    _ program: TracedProgram, onEach: @escaping @Sendable ([TracedProgram.Message]) -> Void = { _ in }
  ) async throws -> (messages: [TracedProgram.Message], outcome: TracedProgram.Outcome) {
    let messages = Mutex<[TracedProgram.Message]>([])
    let outcome = try await program.run { batch in
      messages.withLock { $0 += batch }
      onEach(batch)
    }
    return (messages.withLock { $0 }, outcome)
  }

  static func text(_ messages: [TracedProgram.Message], error: Bool = false) -> String {
    messages.map { message in
      switch message {
      case .output(_, let text) where !error: text
      case .errorOutput(_, let text) where error: text
      default: ""
      }
    }.joined()
  }

  /// The instants handed on, in order, as `--json` prints them, of every message whose `t` is the
  /// moment it happened: not
  /// a deadline (when a timeout will fire), nor a line that looks back (a task's `waiting` at
  /// its creation, a callback's `blocked` or a step's `await … null` at its start).
  static func instants(_ messages: [TracedProgram.Message]) -> [Double] {
    messages.compactMap { message in
      switch message {
      case .output(let time, _), .errorOutput(let time, _): return TraceLine.tracerInstant(time)
      case .trace(_, let line):
        if line.type == "deadline" || line.type == "blocked" || line.event == "waiting" || line.type == "await" && line.on == nil {
          return nil
        }
        return line.t
      }
    }
  }

  static func firstBackwardStep(_ instants: [Double]) -> (Int, Double, Double)? {
    for index in instants.indices.dropFirst() where instants[index] < instants[index - 1] {
      return (index, instants[index - 1], instants[index])
    }
    return nil
  }

  /// Tasks, prints to both streams, sleeps of a few milliseconds: lines of both kinds every
  /// moment, a flush's worth of the tracer's lines late behind each print.
  static let busy = """
    import asyncio, sys

    async def worker(n):
        for i in range(15):
            print(f"worker {n} step {i}", flush=True)
            if i % 5 == 0:
                print(f"worker {n} note {i}", file=sys.stderr)
            await asyncio.sleep(0.003 * (n % 3 + 1))
        return n

    async def main():
        print("start", flush=True)
        results = await asyncio.gather(*(worker(n) for n in range(8)))
        print("done", sum(results), flush=True)

    asyncio.run(main())
    """
}

@Suite(
  .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the virtual-time output tests are skipped"),
  .timeLimit(.minutes(2))
)
struct TraceOutputStreamingTests {
  /// A server that says it is up (`announcing`, lines of main()), then waits (on a thread, so on
  /// real time) for the file named by its argument, and says whether it came while it ran.
  static func server(announcing: String) -> String {
    """
    import asyncio, os, sys, time

    def wait_for(path):
        for _ in range(600):
            if os.path.exists(path):
                return True
            time.sleep(0.05)
        return False

    async def main():
    \(announcing)
        seen = await asyncio.to_thread(wait_for, sys.argv[1])
        print("seen while running" if seen else "never seen: held to the end", flush=True)

    asyncio.run(main())

    """
  }

  @Test func onVirtualTimeAWriteReachesGatherlabWhileTheProgramStillRuns() async throws {
    // The program prints, then waits (on a thread, so on real time) for a file the test makes
    // only once it has been handed that print. Fails (the program says so) if output is held to
    // the program's end.
    let directory = try TemporaryDirectory(files: [
      "server.py": Self.server(announcing: """
            print("listening", flush=True)
            print("log: ready", file=sys.stderr)
        """),
    ])
    let signal = directory.file("seen")
    var program = TracedProgram(interpreter: try TraceOutputDelivery.interpreter(), path: directory.file("server.py"), arguments: [signal])
    program.passesStandardInput = false
    program.pythonClock = .virtual(seed: 0)
    let seen = Mutex([false, false])
    let (messages, outcome) = try await TraceOutputDelivery.run(program) { batch in
      let shown = seen.withLock { seen in
        for message in batch {
          if case .output(_, let text) = message, text.contains("listening") { seen[0] = true }
          if case .errorOutput(_, let text) = message, text.contains("log: ready") { seen[1] = true }
        }
        return seen == [true, true]
      }
      if shown, !FileManager.default.fileExists(atPath: signal) {
        FileManager.default.createFile(atPath: signal, contents: Data())
      }
    }
    withExtendedLifetime(directory) {}
    #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
    #expect(TraceOutputDelivery.text(messages) == "listening\nseen while running\n")
    #expect(TraceOutputDelivery.text(messages, error: true) == "log: ready\n")
  }

  @Test func theLiveViewShowsAServersLogLinesOnStderrWhileItRuns() async throws {
    // `trace` drawn live: the program logs to stderr (as logging does), then waits for a file
    // the test makes once a live frame has shown the log line. Fails (the program says so) if
    // stderr is shown only after the timeline, at the end.
    let directory = try TemporaryDirectory(files: [
      "server.py": Self.server(announcing: """
            print("INFO listening on 8080", file=sys.stderr)
        """),
    ])
    let signal = directory.file("seen")
    var program = TracedProgram(interpreter: try TraceOutputDelivery.interpreter(), path: directory.file("server.py"), arguments: [signal])
    program.passesStandardInput = false
    program.pythonClock = .virtual(seed: 0)
    let console = RecordingConsole()
    var playback = TracePlayback(console: console, mode: .live) { _ in }
    playback.frameInterval = .milliseconds(20)
    let watcher = Task {
      while !Task.isCancelled {
        if console.output.contains("» INFO listening on 8080") {
          FileManager.default.createFile(atPath: signal, contents: Data())
          return
        }
        try? await Task.sleep(for: .milliseconds(20))
      }
    }
    let traced = try await playback.play(program)
    watcher.cancel()
    withExtendedLifetime(directory) {}
    #expect(traced.status == 0)
    #expect(console.output.contains("seen while running"))
    #expect(!console.output.contains("never seen"))
  }

  @Test func onVirtualTimeTwentyThousandUnbufferedPrintsArriveByteForByteAndInTimeOrder() async throws {
    // python3 -u: every print is two writes, each its own frame and write line.
    let directory = try TemporaryDirectory(files: [
      "many.py": """
        import asyncio, sys

        async def main():
            for i in range(20000):
                print(i)
                if i % 1000 == 0:
                    print("at", i, file=sys.stderr)
                    await asyncio.sleep(0.5)

        asyncio.run(main())
        """,
    ])
    var program = TracedProgram(interpreter: try TraceOutputDelivery.interpreter(), path: directory.file("many.py"), arguments: [])
    program.passesStandardInput = false
    program.pythonClock = .virtual(seed: 0)
    program.environment = ["PYTHONUNBUFFERED": "1"]
    let (messages, outcome) = try await TraceOutputDelivery.run(program)
    withExtendedLifetime(directory) {}
    #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
    #expect(TraceOutputDelivery.text(messages) == (0..<20000).map { "\($0)\n" }.joined())
    #expect(TraceOutputDelivery.text(messages, error: true) == stride(from: 0, to: 20000, by: 1000).map { "at \($0)\n" }.joined())
    #expect(outcome.standardError == TraceOutputDelivery.text(messages, error: true))
    // The last print is after 20 sleeps of 0.5 s: at 10.000 on the loop's clock.
    let last = messages.last { if case .output = $0 { true } else { false } }
    #expect(last == .output(time: 10, text: "\n"))
    #expect(TraceOutputDelivery.firstBackwardStep(TraceOutputDelivery.instants(messages)) == nil)
  }

  @Test func onVirtualTimeTracedLinesAndOutputComeInTimeOrder() async throws {
    let directory = try TemporaryDirectory(files: ["busy.py": TraceOutputDelivery.busy])
    var program = TracedProgram(interpreter: try TraceOutputDelivery.interpreter(), path: directory.file("busy.py"), arguments: [])
    program.passesStandardInput = false
    program.pythonClock = .virtual(seed: 0)
    let (messages, outcome) = try await TraceOutputDelivery.run(program)
    withExtendedLifetime(directory) {}
    #expect(outcome.status == 0)
    #expect(TraceOutputDelivery.text(messages).hasSuffix("done 28\n"))
    let backward = TraceOutputDelivery.firstBackwardStep(TraceOutputDelivery.instants(messages))
    #expect(backward == nil, "t went back at message \(backward.map { "\($0.0): \($0.1) then \($0.2)" } ?? "")")
  }
}

/// The same on the real clock, where output is timed on its arrival and the tracer's lines come a
/// flush later: run alone (REAL_CLOCK_TESTS), though nothing here asserts a duration.
@Suite(
  .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the real-clock order tests are skipped"),
  .timeLimit(.minutes(2))
)
struct TraceOrderTests {
  static func program(_ source: String, name: String = "busy.py") throws -> (TemporaryDirectory, TracedProgram) {
    let directory = try TemporaryDirectory(files: [name: source])
    var program = TracedProgram(interpreter: try TraceOutputDelivery.interpreter(), path: directory.file(name), arguments: [])
    program.passesStandardInput = false
    return (directory, program)
  }

  @Test func onTheRealClockOutputIsHandedOnAmongTheTracersLinesInTimeOrder() async throws {
    // Fails when a print is handed on as it arrives, ahead of the tracer's lines of the 20 ms
    // before it (that flush comes later).
    let (directory, program) = try Self.program(TraceOutputDelivery.busy)
    let (messages, outcome) = try await TraceOutputDelivery.run(program)
    withExtendedLifetime(directory) {}
    #expect(outcome.status == 0)
    #expect(TraceOutputDelivery.text(messages).hasPrefix("start\n"))
    #expect(TraceOutputDelivery.text(messages).hasSuffix("done 28\n"))
    #expect(TraceOutputDelivery.text(messages, error: true).components(separatedBy: "note").count == 8 * 3 + 1)
    let backward = TraceOutputDelivery.firstBackwardStep(TraceOutputDelivery.instants(messages))
    #expect(backward == nil, "t went back at message \(backward.map { "\($0.0): \($0.1) then \($0.2)" } ?? "")")
  }

  @Test func onTheRealClockNothingHeldIsLostAtOsExit() async throws {
    let (directory, program) = try Self.program("""
      import asyncio, os, sys

      async def main():
          print("first", flush=True)
          await asyncio.sleep(0.01)
          sys.stdout.write("last, unflushed by os._exit? no: flushed\\n")
          sys.stdout.flush()
          print("to stderr", file=sys.stderr)
          os._exit(4)

      asyncio.run(main())
      """, name: "exits.py")
    let (messages, outcome) = try await TraceOutputDelivery.run(program)
    withExtendedLifetime(directory) {}
    #expect(outcome.status == 4)
    #expect(TraceOutputDelivery.text(messages) == "first\nlast, unflushed by os._exit? no: flushed\n")
    #expect(TraceOutputDelivery.text(messages, error: true) == "to stderr\n")
    #expect(messages.contains { if case .trace(_, let line) = $0 { line.event == "started" } else { false } })
    #expect(TraceOutputDelivery.firstBackwardStep(TraceOutputDelivery.instants(messages)) == nil)
  }
}
