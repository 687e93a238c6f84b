import ArgumentParser
import Foundation
import LabCore
import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

/// `gatherlab` with no subcommand: the guided walkthrough at a libedit prompt, or reading
/// commands line by line when standard input is piped.
struct TutorialCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "tutorial"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "The guided walkthrough (what plain `gatherlab` starts).",
    discussion: """
      Reads the current lesson part by part at a prompt (an empty line reads on) and asks \
      the lessons' predictions before their runs; 'help' at the prompt lists the commands. \
      Progress is kept in $GATHERLAB_HOME, else $XDG_STATE_HOME/gatherlab, else \
      ~/.local/state/gatherlab. With standard input or output piped, each lesson prints \
      whole, commands are read line by line with no prompt, and nothing waits for an answer.

      Examples:
        gatherlab
        gatherlab --from results-order --speed 5
        gatherlab --no-swift
        printf 'run ordering\\nnext\\nrun\\n' | gatherlab --speed 2
      """
  )

  @Option(help: ArgumentHelp("Time scale for demos: 10 runs ten times faster (0.1–100); remembered.", valueName: "X"), transform: DemoSpeed.argument)
  var speed: DemoSpeed?

  @Option(name: .customLong("from"), help: ArgumentHelp("Start at this lesson (number or id) instead of where you left off.", valueName: "LESSON"))
  var startLesson: String?

  @Flag(name: .customLong("no-swift"), help: "Read the lessons Python-only, without their Swift side; remembered ('swift on' brings it back).")
  var noSwift = false

  @OptionGroup var output: OutputOptions
  @OptionGroup var lessons: LessonOptions
  @OptionGroup var pythonOptions: PythonOptions

  /// What the options say, as plain values.
  struct Settings: Equatable {
    var speed: DemoSpeed?
    var startLesson: String?
    var noColor = false
    var width: Int?
    var lessonsDirectory: String?
    var pythonBin: String?
    var noSwift = false

    /// What `gatherlab` with no arguments runs (`Gatherlab.runWithoutParsing`).
    static let defaults = Settings()
  }

  var settings: Settings {
    Settings(
      speed: speed, startLesson: startLesson, noColor: output.noColor, width: output.width,
      lessonsDirectory: lessons.lessonsDirectory, pythonBin: pythonOptions.pythonBin, noSwift: noSwift
    )
  }

  @MainActor
  func run() async throws {
    try await Self.run(settings)
  }

  @MainActor
  static func run(_ settings: Settings) async throws {
    let catalog = try LessonOptions.loadCatalog(directory: settings.lessonsDirectory)
    if let startLesson = settings.startLesson {
      do {
        _ = try catalog.lesson(matching: startLesson)
      } catch {
        throw UsageError(error.description)
      }
    }
    let environment = ProcessEnvironment.current()
    let directory = FileProgressStore.stateDirectory(environment: environment)
    let console = StandardConsole(
      capabilities: OutputOptions.capabilities(noColor: settings.noColor, width: settings.width, environment: environment)
    )
    let interactive = isatty(STDIN_FILENO) == 1
    let completion = CommandCompletion(lessonIDs: catalog.ids, registry: .standard)
    let reader: any LineReader =
      interactive
      ? EditLineReader(historyFile: directory + "/history", completion: completion)
      : PipedLineReader()
    // One python3 for the predictions, `compare` and `trace`, looked up when first needed.
    let python = PythonLookupRunner(PythonLookup(explicit: settings.pythonBin, environment: environment))
    // The course's exercises: each lesson's is its last part. Only their summaries are read
    // now; checks, hints and programs are parsed when an exercise part or command needs them.
    let binary = executablePath()
    let exercises = ExerciseCatalogLoader(
      files: { ExerciseCatalog.bundledFiles(executablePath: binary) },
      summaryFiles: ExerciseCatalog.bundledFiles(executablePath: binary, markdownOnly: true)
    )
    let walkthrough = Walkthrough(
      catalog: catalog,
      store: FileProgressStore(directory: directory),
      console: console,
      reader: reader,
      player: InterruptibleDemoPlayer(console: console, json: false),
      keys: TerminalKeyReader(),
      python: python,
      tools: PromptTools(console: console, python: python),
      exerciseLoader: exercises,
      exerciseTools: exercises.map {
        ExercisePromptTools(loader: $0, workspace: ExerciseWorkspace.resolve(option: nil, environment: environment), console: console, python: python)
      },
      options: Walkthrough.Options(
        speed: settings.speed, startLesson: settings.startLesson, lessonsDirectory: settings.lessonsDirectory,
        swift: settings.noSwift ? false : nil, asksAboutSwift: settings.lessonsDirectory == nil
      )
    )
    if let editLine = reader as? EditLineReader {
      walkthrough.onLessonChange = { lesson in
        var updated = completion
        updated.currentDemo = lesson.demo
        editLine.updateCompletion(updated)
      }
    }
    if !interactive {
      // A script piped in: Ctrl-C between demos ends the session, as it would any filter.
      _ = InterruptSignal.shared.push { Glibc.exit(130) }
    }
    await walkthrough.run()
  }
}

