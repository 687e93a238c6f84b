import ArgumentParser
import Foundation
import LabCore
import LabTerminal
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

struct ReplayCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "replay"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Draw a recorded run again, at any speed or one event at a time.",
    discussion: """
      FILE is a recording made with --record (gatherlab run DEMO --record FILE). The replay \
      draws the same frames every time, at the recorded speed unless --speed says otherwise. \
      With --step it stops at every event: Enter or space goes on, b goes back, q stops.

      Examples:
        gatherlab run error-cancel mode=gather --record class.jsonl
        gatherlab replay class.jsonl
        gatherlab replay class.jsonl --speed 0.5
        gatherlab replay class.jsonl --step
        gatherlab replay class.jsonl --json
      """
  ).subcommandOfGatherlab()

  @Argument(help: ArgumentHelp("A recording made with --record.", valueName: "FILE"))
  var file: String

  @Option(
    help: ArgumentHelp("Time scale of the replay (0.1–100; default: the recorded speed).", valueName: "X"),
    transform: DemoSpeed.argument
  )
  var speed: DemoSpeed?

  @Flag(help: "Stop at every event; Enter or space goes on, b goes back, q stops.")
  var step = false

  @Flag(help: "Print the recorded run's JSON Lines, unchanged.")
  var json = false

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if step, json { throw ValidationError("--step and --json cannot be used together.") }
  }

  func run() async throws {
    let run = RecordedRun(try loadRecording(file))
    let console = StandardConsole(capabilities: output.capabilities())
    if step {
      try stepThrough(run, console: console)
      return
    }
    let playback = ReplayPlayback(
      console: console,
      mode: DemoPlayback.mode(for: console.capabilities, json: json),
      speed: speed?.value ?? run.speed
    )
    let task = Task { await playback.play(run, clock: ContinuousClock()) }
    let handler = InterruptSignal.shared.push { task.cancel() }
    let completed = await task.value
    InterruptSignal.shared.remove(handler)
    if !completed { throw ExitCode(130) }
  }

  private func stepThrough(_ run: RecordedRun, console: StandardConsole) throws {
    let stepper = StepPlayback(console: console)
    let keys = TerminalKeyReader()
    guard console.capabilities.cursorMovement, keys.enterRawMode() else {
      stepper.printAll(run)
      return
    }
    // A SIGINT from outside (the keyboard's Ctrl-C arrives as a key): leave the terminal as
    // it was found.
    let handler = InterruptSignal.shared.push {
      keys.restore()
      console.write(ANSI.resetStyle + ANSI.showCursor + ANSI.leaveAlternateScreen)
      Glibc.exit(130)
    }
    let ending = stepper.play(run, keys: keys)
    keys.restore()
    InterruptSignal.shared.remove(handler)
    if ending == .interrupted { throw ExitCode(130) }
  }
}

/// Reads a recording, or ends the program: exit 66 when it cannot be read, 65 with
/// `file:line: message` when it is not a good recording.
func loadRecording(_ path: String) throws -> Recording {
  do {
    return try Recording.read(path: path)
  } catch let error as RecordingError {
    StandardError.write(error.description)
    throw ExitCode(65)
  } catch {
    StandardError.error(String(describing: error))
    throw ExitCode(66)
  }
}
