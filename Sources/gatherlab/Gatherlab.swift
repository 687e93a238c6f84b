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
    commandName: "gatherlab",
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
    version: "0.1.0",
    subcommands: [
      TutorialCommand.self, RunCommand.self, CompareCommand.self, TraceCommand.self, ListCommand.self,
      ShowCommand.self, LintCommand.self, ReplayCommand.self, ExportCommand.self,
    ],
    defaultSubcommand: TutorialCommand.self
  )

  /// Runs the command; errors become one sentence on stderr and the exit code of DESIGN.md §1.
  static func main() async {
    // A closed pipe (`gatherlab run ordering | head -3`) makes writes fail quietly instead of
    // killing the process mid-demo.
    signal(SIGPIPE, SIG_IGN)
    // Ctrl-C goes to `InterruptSignal`. Block it here, on the main thread, before any other
    // thread exists, so every thread inherits the mask and a SIGINT waits for its signalfd; the
    // threads that unblock it anyway (libdispatch's parked main thread, swift-subprocess's
    // monitor) run its handler, set here too, which hands the signal on the same way.
    var interrupt = sigset_t()
    sigemptyset(&interrupt)
    sigaddset(&interrupt, SIGINT)
    pthread_sigmask(SIG_BLOCK, &interrupt, nil)
    InterruptSignal.shared.install(pendingSignals: gatherlab_sigint_descriptor())
    do {
      var command = try parseAsRoot()
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
}
