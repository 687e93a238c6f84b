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
  )

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
      // A SIGINT from outside (the keyboard's Ctrl-C arrives as a key): leave the terminal as
      // it was found, and exit 130.
      let ending = Self.step(run, console: console) { keys in
        keys.restore()
        console.write(ANSI.resetStyle + ANSI.showCursor + ANSI.leaveAlternateScreen)
        Glibc.exit(130)
      }
      if ending == .interrupted { throw ExitCode(130) }
      return
    }
    let mode = DemoPlayback.mode(for: console.capabilities, json: json)
    if !(await Self.replay(run, console: console, mode: mode, speed: speed?.value ?? run.speed)) { throw ExitCode(130) }
  }

  /// Draws `run` again at `speed`, Ctrl-C stopping it: what `replay FILE` and the walkthrough's
  /// `replay` do. False when Ctrl-C stopped it.
  static func replay(_ run: RecordedRun, console: any Console, mode: DemoPlayback.Mode, speed: Double) async -> Bool {
    let playback = ReplayPlayback(console: console, mode: mode, speed: speed)
    let (completed, interrupted) = await interruptibly { await playback.play(run, clock: ContinuousClock()) }
    return completed && !interrupted
  }

  /// Steps through `run` by single keys (`StepPlayback.stepThrough`), or prints every stop when
  /// the terminal cannot: what `replay FILE --step` and the walkthrough's `step` do. The
  /// keyboard's Ctrl-C arrives as a key; `onSignal` handles a SIGINT sent from outside.
  static func step(
    _ run: RecordedRun, console: any Console, onSignal: @escaping @Sendable (TerminalKeyReader) -> Void
  ) -> StepPlayback.Ending {
    let keys = TerminalKeyReader()
    let handler = InterruptSignal.shared.push { onSignal(keys) }
    defer { InterruptSignal.shared.remove(handler) }
    return StepPlayback(console: console).stepThrough(run, keyboard: keys)
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
