import ArgumentParser
import LabCore

struct LintCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "lint"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Check lesson files.",
    discussion: """
      Checks the front matter (id, title, section, demo, params), that ids are unique and match \
      the file names, that lessons are numbered 01, 02, … without gaps, one lesson per guide \
      section, that demos and their parameters exist, and that every fenced code block names its \
      language (python, swift, output, text or sh). Prints one 'file:line: message' line per \
      problem and exits with 65, or prints "N lessons OK".

      Examples:
        gatherlab lint
        gatherlab lint Lessons
      """
  )

  @Argument(
    help: ArgumentHelp("A directory of NN-id.md lesson files (default: the bundled lessons).", valueName: "DIR"))
  var directory: String?

  func run() async throws {
    let source = LessonOptions.source(directory: directory)
    let files: [LessonFile]
    do {
      files = try source.files()
    } catch {
      StandardError.write(error.description)
      throw ExitCode(65)
    }
    let problems = LessonLinter().lint(files)
    let lessons = files.count == 1 ? "1 lesson" : "\(files.count) lessons"
    guard !problems.isEmpty else {
      print("\(lessons) OK")
      return
    }
    for problem in problems { print(problem) }
    StandardError.write(problems.count == 1 ? "1 problem in \(lessons)." : "\(problems.count) problems in \(lessons).")
    throw ExitCode(65)
  }
}
