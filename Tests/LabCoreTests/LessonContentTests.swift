import Foundation
import LabCore
import Synchronization
import Testing

/// The course checked against code, as rustlings' `dev check` does: every bundled lesson loads
/// and lints clean, every Python program runs and prints what the lesson says it prints, every
/// fragment compiles, every deliberately broken block fails, and every Swift block is code that
/// the build compiles (a lesson snippet test or a demo source).
@Suite(.timeLimit(.minutes(3))) struct LessonContentTests {
  static let catalog = try? LessonCatalog.load(from: .embedded)
  static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  struct Example: CustomTestStringConvertible, Sendable {
    let lesson: String
    let example: CodeExample
    /// The ```output block after the program, with any ```predict blocks between them skipped: a
    /// lesson asks its question before it shows the answer.
    var statedOutput: String? = nil
    var testDescription: String { "\(lesson):\(example.line) \(example.language) \(example.modifiers.joined(separator: " "))" }
  }

  static func examples(_ language: String) -> [Example] {
    (catalog?.lessons ?? []).flatMap { lesson in
      let outputs = statedOutputs(lesson.document)
      return lesson.document.codeExamples.filter { $0.language == language }.map {
        Example(lesson: lesson.fileName, example: $0, statedOutput: $0.expectedOutput ?? outputs[$0.line])
      }
    }
  }

  /// Fenced blocks in reading order, as (info, code, line).
  static func fencedBlocks(_ document: MarkdownDocument) -> [(info: String, code: String, line: Int)] {
    document.allBlocks.compactMap { block in
      guard case .codeBlock(let info, let code, true) = block.kind else { return nil }
      return (info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? "", code, block.line)
    }
  }

  /// The ```output block that follows each code block once the ```predict blocks right after it
  /// are skipped, keyed by the line of the code block.
  static func statedOutputs(_ document: MarkdownDocument) -> [Int: String] {
    let blocks = fencedBlocks(document)
    var outputs: [Int: String] = [:]
    for (index, block) in blocks.enumerated() where block.info != "output" && block.info != "predict" {
      let next = blocks[(index + 1)...].first { $0.info != "predict" }
      if let next, next.info == "output", next.line > block.line { outputs[block.line] = next.code }
    }
    return outputs
  }

  static let python3: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/root/.pyenv/shims/python3"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
    ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
      .map { $0 + "/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

  static let python312: String? = {
    let versions = FileManager.default.homeDirectoryForCurrentUser.appending(path: ".pyenv/versions")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: versions.path)) ?? []
    return names.filter { $0.hasPrefix("3.12.") }.sorted().last
      .map { versions.appending(path: "\($0)/bin/python3").path }
      .flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
  }()

  @Test func theCourseHasThirteenLessonsThatLintClean() throws {
    let catalog = try #require(Self.catalog)
    #expect(catalog.lessons.map(\.number) == Array(1...13))
    #expect(LessonLinter().lint(try LessonSource.embedded.files()).map(\.description) == [])
  }

  @Test func everyLessonWithADemoHasValidParameters() throws {
    for lesson in try #require(Self.catalog).lessons {
      guard let id = lesson.demo else { continue }
      let demo = try #require(DemoRegistry.standard.demo(id: id), "\(lesson.fileName): \(id)")
      _ = try demo.resolve([lesson.parameterPairs])
    }
  }

  @Test(.enabled(if: python3 != nil, "python3 is not installed"), arguments: examples("python"))
  func pythonBlocksRunCompileOrFailAsMarked(_ item: Example) async throws {
    let python3 = try #require(Self.python3)
    let example = item.example
    if example.modifiers.contains("invalid") {
      #expect(try await Self.compiles(example.code, python3: python3) == false, "\(item.testDescription) compiles")
    } else if example.modifiers.contains("fragment") {
      #expect(try await Self.compiles(example.code, python3: python3) == true, "\(item.testDescription) does not compile")
    } else {
      let (status, output, errors) = try await Self.run(python3, ["-"], input: example.code, timeout: 30)
      #expect(status == 0, "\(item.testDescription) failed: \(errors)")
      if let expected = item.statedOutput {
        #expect(
          Self.sameOutput(output.trimmingTrailingNewlines(), expected.trimmingTrailingNewlines()),
          "\(item.testDescription) printed:\n\(output)"
        )
      } else {
        #expect(output.isEmpty, "\(item.testDescription) prints output the lesson does not show: \(output)")
      }
    }
  }

  @Test func everyLessonWithADemoOrAProgramAsksAtLeastOneQuestion() throws {
    for lesson in try #require(Self.catalog).lessons {
      let blocks = Self.fencedBlocks(lesson.document)
      let programs = lesson.document.codeExamples.filter { $0.language == "python" && $0.isCompleteProgram }
      guard lesson.demo != nil || !programs.isEmpty else { continue }
      #expect(blocks.contains { $0.info == "predict" }, "\(lesson.fileName) asks no prediction")
    }
  }

  /// A question about a program's output comes between the program and the output it asks about,
  /// so the answer is not on screen when the learner is asked.
  @Test func questionsAboutAProgramComeBeforeItsOutput() throws {
    var asked = 0
    for lesson in try #require(Self.catalog).lessons {
      let blocks = Self.fencedBlocks(lesson.document)
      for (index, block) in blocks.enumerated() where block.info == "predict" {
        guard block.code.split(separator: "\n").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "run: python" })
        else { continue }
        let program = try #require(
          blocks[..<index].lastIndex { $0.info == "python" && !Self.isMarked($0.line, in: lesson) },
          "\(lesson.fileName):\(block.line) has no program before it"
        )
        let between = blocks[(program + 1)..<index].map(\.info)
        #expect(!between.contains("output"), "\(lesson.fileName):\(block.line) comes after the output it asks about")
        asked += 1
      }
    }
    #expect(asked >= 10)
  }

  static func isMarked(_ line: Int, in lesson: Lesson) -> Bool {
    lesson.document.codeExamples.contains { $0.line == line && !$0.isCompleteProgram }
  }

  /// Lessons 3 and 8 say in prose what their eager-task-factory programs print under Python 3.12
  /// (the stated output below each is 3.11's); this runs them under 3.12 to prove it.
  @Test(.enabled(if: python312 != nil, "Python 3.12 is not installed (pyenv)"))
  func eagerTaskFactoryProgramsStartTheChildrenAtOnceUnderPython312() async throws {
    let python = try #require(Self.python312)
    let programs = Self.examples("python").filter { $0.example.code.contains("eager_task_factory") }
    let expected = [
      "03-how-it-works.md": "A starts\nB starts\ngather() returned\n['A', 'B']",
      "08-gather-vs-wait.md": "fetch 1 starts, create_task returned",
    ]
    #expect(Dictionary(grouping: programs.map(\.lesson)) { $0 }.keys.sorted() == expected.keys.sorted())
    for program in programs {
      let (status, output, errors) = try await Self.run(python, ["-"], input: program.example.code, timeout: 30)
      #expect(status == 0, "\(program.testDescription) failed: \(errors)")
      #expect(output.trimmingTrailingNewlines() == expected[program.lesson], "\(program.testDescription)")
    }
  }

  @Test(arguments: examples("swift").filter { !$0.example.modifiers.contains("invalid") })
  func swiftBlocksAreCodeTheBuildCompiles(_ item: Example) throws {
    let sources = try Self.compiledSwiftSources()
    let block = item.example.code.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      String(line.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }.joined(separator: "\n").trimmingCharacters(in: .newlines)
    #expect(sources.contains { $0.contains(block) }, "\(item.testDescription) is in no snippet test or demo source")
  }

  // MARK: - Helpers

  /// The same text, except that timings ("1.0s") may differ a little: the programs sleep on the
  /// real clock, and a loaded machine wakes them a little late.
  static func sameOutput(_ actual: String, _ expected: String) -> Bool {
    TimingTolerantText.equal(actual, expected)
  }

  static func compiledSwiftSources() throws -> [String] {
    let directories = ["Tests/LessonSnippetTests", "Sources/LabCore/Demos"]
    return try directories.flatMap { directory -> [String] in
      let url = repository.appending(path: directory)
      return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".swift") }.map {
        let text = try String(contentsOf: url.appending(path: $0), encoding: .utf8)
        // Compare line by line without indentation, as `normalized` does for the blocks.
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
          String(line.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
      }
    }
  }

  static func compiles(_ code: String, python3: String) async throws -> Bool {
    let check = "import ast, sys\ncompile(sys.stdin.read(), 'block', 'exec', flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)\n"
    return try await run(python3, ["-c", check], input: code, timeout: 30).status == 0
  }

  /// Runs a program to its end without blocking the test's threads: the pipes are drained and
  /// the exit awaited on threads of its own. (Swift's executor and dispatch's global queues share
  /// a pool as wide as the machine has cores; blocking it stalls every other test.)
  static func run(_ executable: String, _ arguments: [String], input: String, timeout: TimeInterval) async throws
    -> (status: Int32, output: String, errors: String)
  {
    let process = Process()
    process.executableURL = URL(filePath: executable)
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    return await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        // A program that hangs is killed, and then fails its test.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let errorData = Mutex(Data())
        let errorsRead = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
          let data = stderr.fileHandleForReading.readDataToEndOfFile()
          errorData.withLock { $0 = data }
          errorsRead.signal()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        process.waitUntilExit()
        watchdog.cancel()
        continuation.resume(returning: (
          process.terminationStatus,
          String(decoding: output, as: UTF8.self),
          String(decoding: errorData.withLock { $0 }, as: UTF8.self)
        ))
      }
    }
  }
}

extension String {
  func trimmingTrailingNewlines() -> String {
    var text = self
    while text.hasSuffix("\n") { text.removeLast() }
    return text
  }
}
