import ArgumentParser
import Foundation
import LabCore
import LabTerminal
import Synchronization

struct TraceCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "trace"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Run your own asyncio program under python3 and draw its tasks live.",
    discussion: """
      The program runs with a small tracer installed before its code: every task (#id, named \
      by name= or by its coroutine and first arguments) is drawn under the task that created \
      it, in its gather or TaskGroup with that one's join, on one time axis, with the \
      program's own output time-stamped beside them. Many tasks of one coroutine fold into one \
      row that counts them by state; the screen left at the end is a summary that fits the \
      terminal (--all prints every task), and after Ctrl-C it shows where each task was waiting. \
      Its traceback, if it raises, follows the timeline, and trace \
      exits with the program's own status (130 after Ctrl-C). Needs python3 3.11 or newer.

      With --clock virtual the program's event loop reads virtual time: whenever it would wait \
      with nothing real pending (no socket, pipe, thread or subprocess in flight) its clock jumps \
      to the next timer, so a program that sleeps 3 s is traced in milliseconds, at exact \
      instants, the same every run, its output included. Blocking still shows: time.sleep(s) \
      on the loop's thread moves the clock on by exactly s, and a callback that computes for 20 \
      ms of CPU time or more by that time. time.time() and time.monotonic() stay real. \
      --schedules N \
      runs seeds 1 to N, each nudging timers as another machine might, and prints each distinct \
      behaviour (exit status, output, the order tasks ended) with the command that replays it; \
      it exits 1 when they differ.

      Examples:
        gatherlab trace fetch_all.py
        gatherlab trace crawler.py -- --depth 2
        gatherlab trace fetch_all.py --all
        gatherlab trace fetch_all.py --record crawl.jsonl
        gatherlab trace fetch_all.py --json
        gatherlab trace fetch_all.py --clock virtual
        gatherlab trace race.py --schedules 20
        gatherlab trace race.py --clock virtual --seed 7
      """
  )

  @Argument(help: ArgumentHelp("The Python program to run.", valueName: "file.py"))
  var file: String

  @Argument(parsing: .postTerminator, help: ArgumentHelp("Arguments for the program, after --.", valueName: "args"))
  var arguments: [String] = []

  @Flag(help: "Print the tracer's JSON Lines (tasks with id, parent and gather ids; joins; deadlines; output) instead of the timeline.")
  var json = false

  @Flag(name: .customLong("all"), help: "At the end, print every task's row, not a summary that fits the terminal.")
  var everyTask = false

  @OptionGroup var clockOptions: ClockOptions

  @Option(help: ArgumentHelp("Run the program on virtual time with seeds 1 to N, N at most 1000, and report its distinct behaviours.", valueName: "N"))
  var schedules: Int?

  @OptionGroup var recording: RecordOption

  @OptionGroup var pythonOptions: PythonOptions

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if let schedules, !(1...1000).contains(schedules) { throw ValidationError("--schedules takes a number from 1 to 1000, not \(schedules).") }
    if schedules != nil, clockOptions.clock == .real { throw ValidationError("--schedules runs on virtual time: leave out --clock real.") }
    if schedules != nil, clockOptions.seed != nil { throw ValidationError("--schedules tries seeds 1 to N itself: leave out --seed.") }
  }

  func run() async throws {
    defer { BenchUsage.write() }
    var configured = TracedProgram(interpreter: try pythonOptions.interpreter(), path: file, arguments: arguments)
    configured.pythonClock = clockOptions.resolved
    let program = configured
    if let schedules {
      try await explore(program, count: schedules)
      return
    }
    let console = StandardConsole(capabilities: output.capabilities())
    var playback = TracePlayback(console: console, mode: DemoPlayback.mode(for: console.capabilities, json: json)) { text in
      StandardError.write(text)
    }
    playback.showsEveryTask = everyTask
    playback.passErrorOutput = { StandardError.writeBytes($0) }
    let recorder = try recording.open(clock: program.pythonClock)
    playback.recorder = recorder
    let player = playback
    let (played, interrupted) = await interruptibly { () -> Result<TracePlayback.Traced, TraceError> in
      do throws(TraceError) { return .success(try await player.play(program)) } catch { return .failure(error) }
    }
    try recording.finish(recorder)
    if interrupted { throw ExitCode(130) }
    switch played {
    case .success(let traced):
      if traced.interrupted { throw ExitCode(130) }
      if traced.status != 0 { throw ExitCode(traced.status) }
    case .failure(let error):
      throw PythonOptions.exit(for: error)
    }
  }

  /// `--schedules N`: seeds 1…N, a few at once, and the behaviours they showed.
  private func explore(_ program: TracedProgram, count: Int) async throws {
    var quiet = program
    quiet.passesStandardInput = false
    let base = quiet
    let width = min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8)
    let (explored, interrupted) = await interruptibly { () -> Result<[ScheduleExploration.Run], TraceError> in
      await ScheduleExploration.explore(count: count, width: width) { seed -> Result<ScheduleExploration.Run, TraceError> in
        var seeded = base
        seeded.pythonClock = .virtual(seed: seed)
        let messages = Mutex<[TracedProgram.Message]>([])
        do throws(TraceError) {
          let outcome = try await seeded.run { batch in messages.withLock { $0 += batch } }
          if Task.isCancelled { return .failure(.couldNotStart("interrupted")) }
          return .success(ScheduleExploration.Run.from(seed: seed, status: outcome.status, messages: messages.withLock { $0 }))
        } catch {
          return .failure(error)
        }
      }
    }
    if interrupted { throw ExitCode(130) }
    switch explored {
    case .success(let runs):
      let name = file
      if json {
        print(ScheduleExploration.json(file: name, arguments: arguments, runs: runs))
      } else {
        let width = TerminalCapabilities.currentWindowSize()?.columns ?? 80
        print(ScheduleExploration.report(file: name, arguments: arguments, runs: runs, width: width).joined(separator: "\n"))
      }
      if ScheduleExploration.behaviours(runs).count > 1 { throw ExitCode(1) }
    case .failure(let error):
      throw PythonOptions.exit(for: error)
    }
  }
}

/// `make bench` only: with GATHERLAB_BENCH_RUSAGE=FILE, trace writes to FILE, as it ends, the CPU
/// seconds and peak memory of gatherlab itself and of the program it ran (its waited children),
/// so that the bench can tell gatherlab's own cost from the program's.
enum BenchUsage {
  static func write() {
    guard let path = ProcessInfo.processInfo.environment["GATHERLAB_BENCH_RUSAGE"], !path.isEmpty else { return }
    func usage(_ who: Int32) -> String {
      var usage = rusage()
      getrusage(who, &usage)
      let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
      return #"{"user_s":\#(seconds(usage.ru_utime)),"system_s":\#(seconds(usage.ru_stime)),"max_rss_kb":\#(usage.ru_maxrss)}"#
    }
    let line = #"{"gatherlab":\#(usage(RUSAGE_SELF.rawValue)),"program":\#(usage(RUSAGE_CHILDREN.rawValue))}"# + "\n"
    try? line.write(toFile: path, atomically: false, encoding: .utf8)
  }
}
