import ArgumentParser
import CLibEdit
import LabCore
import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

@main
struct Gatherlab: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: Gatherlab.name,
    abstract: "Learn Python's asyncio.gather() by running real Swift concurrency demos.",
    discussion: """
      Run without a command to start the guided walkthrough, which resumes where you left off.

      Examples:
        gatherlab                         # the walkthrough
        gatherlab --from 5 --speed 2      # from lesson 5, demos twice as fast
        printf 'run\\nnext\\nrun\\n' | gatherlab   # a scripted class
        gatherlab run ordering            # one demo, live
        gatherlab run error-cancel mode=gather --speed 2
        gatherlab show results-order      # one lesson
        gatherlab list                    # lessons and demos
        gatherlab run error-cancel mode=gather --record class.jsonl
        gatherlab replay class.jsonl --step   # event by event, in class
        gatherlab export class.jsonl --to svg # the timeline for a slide
      """,
    version: version,
    subcommands: subcommands,
    defaultSubcommand: TutorialCommand.self
  )

  static let name = "gatherlab"

  /// The subcommands, in the order help lists them.
  static let subcommands: [any GatherlabSubcommand.Type] = [
    TutorialCommand.self, RunCommand.self, CompareCommand.self, TraceCommand.self, ListCommand.self,
    ShowCommand.self, LintCommand.self, ReplayCommand.self, ExportCommand.self,
    CheckCommand.self, ExerciseCommand.self, ExercisesCommand.self,
  ]

  /// Runs the command; errors become one sentence on stderr and the exit code of DESIGN.md §1.
  static func main() async {
    // A closed pipe (`gatherlab run ordering | head -3`) makes writes fail quietly instead of
    // killing the process mid-demo.
    signal(SIGPIPE, SIG_IGN)
    // Ctrl-C goes to `InterruptSignal`. Block it here, on the main thread, before any other
    // thread exists, so every thread inherits the mask and a SIGINT waits for its signalfd; the
    // threads that unblock it anyway (libdispatch's parked main thread, swift-subprocess's
    // monitor) run its handler, set here too, which hands the signal on the same way.
    // SIGTERM and SIGHUP likewise, for `TerminationSignals`' sources.
    var interrupt = sigset_t()
    sigemptyset(&interrupt)
    for number in [SIGINT] + TerminationSignals.numbers { sigaddset(&interrupt, number) }
    pthread_sigmask(SIG_BLOCK, &interrupt, nil)
    TerminationSignals.install()
    InterruptSignal.shared.install(pendingSignals: gatherlab_sigint_descriptor())
    do {
      let arguments = Array(CommandLine.arguments.dropFirst())
      if try await runWithoutParsing(arguments) { return }
      var command = try parseCommand(arguments)
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let error as UsageError {
      StandardError.error(error.description)
      Glibc.exit(64)
    } catch let error as ExitCode {
      Glibc.exit(error.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        exit(withError: error)
      }
      StandardError.error(message(for: error))
      Glibc.exit(code.rawValue == 1 ? 64 : code.rawValue)
    }
  }

  /// Runs the two commands people start most, when nothing follows them: `gatherlab` (the
  /// walkthrough) and `gatherlab list` take their defaults without the argument parser, whose
  /// reflection over a command's options was a third of their start-up. True if it ran one.
  /// (`UnparsedStartTests` checks they print what the parsed `tutorial --` and `list --` print.)
  static func runWithoutParsing(_ arguments: [String]) async throws -> Bool {
    switch arguments {
    case []:
      try await TutorialCommand.run(.defaults)
    case [ListCommand.name]:
      try await ListCommand.run(.defaults)
    default:
      return false
    }
    return true
  }

  /// The command `arguments` name. A line that starts with a subcommand's name (`list --json`)
  /// is parsed by a root that holds that command alone (`Standalone`): ArgumentParser's root
  /// parse builds the whole command tree, which was half of `gatherlab list`'s start-up. Its root
  /// is named `gatherlab`, so help and errors read `gatherlab list …` as they do from the real
  /// root. Anything else (`--help`, `--version`, `help list`, `--from 5`, nothing) goes through
  /// the root.
  static func parseCommand(_ arguments: [String]) throws -> ParsableCommand {
    if let first = arguments.first, let subcommand = subcommands.first(where: { $0.name == first }) {
      return try subcommand.parseAlone(arguments)
    }
    return try parseAsRoot(arguments)
  }
}

/// A command of `gatherlab`, with the name its configuration and `Gatherlab.parseCommand`'s
/// dispatch share (read without building the configuration).
protocol GatherlabSubcommand: ParsableCommand {
  static var name: String { get }
}

extension GatherlabSubcommand {
  /// `arguments` (starting with this command's name) parsed under a root holding this command alone.
  static func parseAlone(_ arguments: [String]) throws -> ParsableCommand {
    try Standalone<Self>.parseAsRoot(arguments)
  }
}

/// `gatherlab` with one subcommand, `Command`: the root `parseAlone` parses under, with the real
/// root's name and version, so `gatherlab list --help`, `gatherlab list --version` and errors
/// read as they do under `Gatherlab`.
struct Standalone<Command: GatherlabSubcommand>: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(commandName: Gatherlab.name, version: Gatherlab.version, subcommands: [Command.self])
  }
}
