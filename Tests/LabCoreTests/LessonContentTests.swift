import Foundation
import GatherKit
import LabCore
import Synchronization
import Testing

/// The course checked against code, as rustlings' `dev check` does: every bundled lesson loads
/// and lints clean, every Python program runs and prints what the lesson says it prints, every
/// fragment compiles, every deliberately broken block fails, and every Swift block is code that
/// the build compiles (a lesson snippet test or a demo source).
/// Its time limit is a hang guard for a case that may first wait for one of the four Python
/// slots (`pythonSlots`); each program has its own 30 s watchdog. At load 45–69 the real-clock
/// phase took 330 s and cases queued past the 3 minutes this suite had.
@Suite(.timeLimit(.minutes(10))) struct LessonContentTests {
  static let catalog = try? LessonCatalog.load(from: .embedded)
  static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  struct Example: CustomTestStringConvertible, Sendable {
    let lesson: String
    let example: CodeExample
    /// The ```output blocks after the program, with any ```predict blocks between them skipped (a
    /// lesson asks its question before it shows the answer): one, or one per range of Python
    /// versions (```output 3.11, ```output 3.12+).
    var statedOutputs: [StatedOutput] = []
    var testDescription: String { "\(lesson):\(example.line) \(example.language) \(example.modifiers.joined(separator: " "))" }

    /// What Python 3.`minor` must print, or nil when the lesson states no output for it.
    func statedOutput(minor: Int) -> String? {
      statedOutputs.first { $0.covers(minor: minor) }?.text
    }
  }

  /// An ```output block and the versions it names (none: every version).
  struct StatedOutput: Sendable {
    let versions: [PythonVersionRange]
    let text: String

    /// Whether Python 3.`minor` prints it: it names no version, or one range covers it.
    func covers(minor: Int) -> Bool {
      versions.isEmpty || versions.contains { $0.contains(minor: minor) }
    }
  }

  /// A CPython 3.11+ on this machine: python3, and the latest pyenv install of each minor version.
  struct Interpreter: CustomTestStringConvertible, Sendable {
    let minor: Int
    let path: String
    var testDescription: String { "Python 3.\(minor)" }
  }

  /// A program under one interpreter.
  struct Run: CustomTestStringConvertible, Sendable {
    let item: Example
    let python: Interpreter
    var testDescription: String { "\(item.testDescription) on \(python.testDescription)" }
  }

  static func examples(_ language: String) -> [Example] {
    (catalog?.lessons ?? []).flatMap { lesson in
      let outputs = statedOutputs(lesson.document)
      return lesson.document.codeExamples.filter { $0.language == language }.map {
        Example(lesson: lesson.fileName, example: $0, statedOutputs: outputs[$0.line] ?? [])
      }
    }
  }

  /// Fenced blocks in reading order, as (info, code, line).
  static func fencedBlocks(_ document: MarkdownDocument) -> [(info: String, code: String, line: Int, fullInfo: String)] {
    document.allBlocks.compactMap { block in
      guard case .codeBlock(let info, let code, true) = block.kind else { return nil }
      return (info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? "", code, block.line, info)
    }
  }

  /// The ```output blocks that follow each code block once the ```predict blocks right after it
  /// are skipped, keyed by the line of the code block.
  static func statedOutputs(_ document: MarkdownDocument) -> [Int: [StatedOutput]] {
    let blocks = fencedBlocks(document)
    var outputs: [Int: [StatedOutput]] = [:]
    for (index, block) in blocks.enumerated() where block.info != "output" && block.info != "predict" {
      var stated: [StatedOutput] = []
      for next in blocks[(index + 1)...] where next.info != "predict" {
        guard next.info == "output", next.line > block.line else { break }
        stated.append(StatedOutput(versions: versions(next.fullInfo), text: next.code))
      }
      if !stated.isEmpty { outputs[block.line] = stated }
    }
    return outputs
  }

  /// The version ranges an ```output block's info string names: "output 3.12+" gives [3.12+].
  static func versions(_ info: String) -> [PythonVersionRange] {
    info.split(whereSeparator: \.isWhitespace).dropFirst().compactMap { PythonVersionRange(word: String($0)) }
  }

  static let python3: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/root/.pyenv/shims/python3"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
    ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
      .map { $0 + "/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

  /// python3 and every pyenv CPython 3.11+ (the latest patch of each minor version not python3's).
  static let interpreters: [Interpreter] = {
    var found: [Interpreter] = []
    if let python3, let minor = minorVersion(of: python3), minor >= 11 { found.append(Interpreter(minor: minor, path: python3)) }
    let versions = FileManager.default.homeDirectoryForCurrentUser.appending(path: ".pyenv/versions")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: versions.path)) ?? []
    let parsed = names.compactMap { name -> (minor: Int, patch: Int, name: String)? in
      let parts = name.split(separator: ".")
      guard parts.count == 3, parts[0] == "3", let minor = Int(parts[1]), let patch = Int(parts[2]), minor >= 11 else { return nil }
      return (minor, patch, name)
    }
    for (minor, group) in Dictionary(grouping: parsed, by: \.minor).sorted(by: { $0.key < $1.key })
    where !found.contains(where: { $0.minor == minor }) {
      guard let latest = group.max(by: { $0.patch < $1.patch }) else { continue }
      let path = versions.appending(path: "\(latest.name)/bin/python3").path
      if FileManager.default.isExecutableFile(atPath: path) { found.append(Interpreter(minor: minor, path: path)) }
    }
    return found
  }()

  /// The minor version of a Python 3, asked of it.
  static func minorVersion(of executable: String) -> Int? {
    let process = Process()
    process.executableURL = URL(filePath: executable)
    process.arguments = ["-c", "import sys; print(sys.version_info[1])"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  static func runs(_ language: String) -> [Run] {
    examples(language).flatMap { item in interpreters.map { Run(item: item, python: $0) } }
  }

  @Test func theCourseHasTheGuidesThirteenLessonsThenPartTwoAndLintsClean() throws {
    let catalog = try #require(Self.catalog)
    #expect(catalog.lessons.filter { $0.part == 1 }.map(\.number) == Array(1...13))
    let partTwo = catalog.lessons.filter { $0.part == 2 }.map(\.number)
    #expect(partTwo == Array(14..<(14 + partTwo.count)))
    #expect(LessonLinter().lint(try LessonSource.embedded.files()).map(\.description) == [])
  }

  @Test func everyLessonWithADemoHasValidParameters() throws {
    for lesson in try #require(Self.catalog).lessons {
      guard let id = lesson.demo else { continue }
      let demo = try #require(DemoRegistry.standard.demo(id: id), "\(lesson.fileName): \(id)")
      _ = try demo.resolve([lesson.parameterPairs])
    }
  }

  /// Every Python block on each CPython 3.11+ the machine has; a program states its output once,
  /// or once per range of versions where they differ (lessons 3 and 8).
  @Test(.enabled(if: !interpreters.isEmpty, "no CPython 3.11+ is installed"), arguments: runs("python"))
  func pythonBlocksRunCompileOrFailAsMarked(_ run: Run) async throws {
    let item = run.item, python3 = run.python.path
    let example = item.example
    if example.modifiers.contains("invalid") {
      #expect(try await Self.compiles(example.code, python3: python3) == false, "\(run.testDescription) compiles")
    } else if example.modifiers.contains("fragment") {
      #expect(try await Self.compiles(example.code, python3: python3) == true, "\(run.testDescription) does not compile")
    } else {
      let (status, output, errors) = try await Self.run(python3, ["-"], input: example.code, timeout: 30)
      #expect(status == 0, "\(run.testDescription) failed: \(errors)")
      if !item.statedOutputs.isEmpty {
        let expected = try #require(item.statedOutput(minor: run.python.minor), "\(run.testDescription): no output stated for it")
        #expect(
          Self.sameOutput(output.trimmingTrailingNewlines(), expected.trimmingTrailingNewlines()),
          "\(run.testDescription) printed:\n\(output)"
        )
      } else {
        #expect(output.isEmpty, "\(run.testDescription) prints output the lesson does not show: \(output)")
      }
    }
  }

  /// Every ```output block that names versions names ones that differ: a program whose output
  /// is the same everywhere states it once.
  /// Each version the course states outputs for is run, or its test is skipped by name: a
  /// missing CPython 3.12 would otherwise only make the program runs fewer, silently.
  static func has(minor: Int) -> Bool { interpreters.contains { $0.minor == minor } }

  /// The interpreter the runs use for 3.`minor` starts and says it is 3.`minor`.
  static func reportsItsVersion(minor: Int) {
    let paths = interpreters.filter { $0.minor == minor }.map(\.path)
    #expect(paths.count == 1 && paths.allSatisfy { minorVersion(of: $0) == minor }, "3.\(minor): \(paths)")
  }

  @Test(.enabled(if: has(minor: 11), "CPython 3.11 is not installed: the lessons' 3.11 outputs are not checked"))
  func theLessonsOutputsAreCheckedOnCPython311() { Self.reportsItsVersion(minor: 11) }

  @Test(.enabled(if: has(minor: 12), "CPython 3.12 is not installed (pyenv): the lessons' 3.12 outputs are not checked"))
  func theLessonsOutputsAreCheckedOnCPython312() { Self.reportsItsVersion(minor: 12) }

  @Test(.enabled(if: has(minor: 13), "CPython 3.13 is not installed (pyenv): the lessons' 3.13 outputs are not checked"))
  func theLessonsOutputsAreCheckedOnCPython313() { Self.reportsItsVersion(minor: 13) }

  @Test func programsWithOutputsPerVersionStateEachVersionOnce() throws {
    let split = Self.examples("python").filter { $0.statedOutputs.count > 1 }
    #expect(Set(split.map(\.lesson)).isSuperset(of: ["03-how-it-works.md", "08-gather-vs-wait.md"]))
    for item in split {
      for minor in 11...15 {
        let matching = item.statedOutputs.filter { $0.covers(minor: minor) }
        #expect(matching.count == 1, "\(item.testDescription): \(matching.count) outputs for 3.\(minor)")
      }
      #expect(Set(item.statedOutputs.map(\.text)).count == item.statedOutputs.count, "\(item.testDescription) repeats an output")
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

  @Test(arguments: examples("swift").filter { !$0.example.modifiers.contains("invalid") })
  func swiftBlocksAreCodeTheBuildCompiles(_ item: Example) throws {
    let sources = try Self.compiledSwiftSources()
    let block = item.example.code.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      String(line.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }.joined(separator: "\n").trimmingCharacters(in: .newlines)
    #expect(sources.contains { $0.contains(block) }, "\(item.testDescription) is in no snippet test or demo source")
  }

  // MARK: - Helpers

  /// The same text, except for timings ("1.0s"): the programs sleep on the real clock, where a
  /// loaded machine only makes them later. A printed timing may be up to 0.3 s under the stated
  /// one (rounding) and over it by 0.3 s plus half of it (at load 45–69, lesson 9's ten waves of
  /// 0.1 s printed 1.3s for 1.0s, past `TimingTolerantText`'s 0.3 s). Still fails on any other
  /// text, and on a timing half again or more off the stated one (a run that is sequential where
  /// the lesson says concurrent: 10.0s for 1.0s, 3.0s for 1.0s).
  static func sameOutput(_ actual: String, _ expected: String) -> Bool {
    let timing = /\d+\.\d+s/
    func split(_ text: String) -> (shape: String, times: [Double]) {
      (text.replacing(timing) { _ in "#s" }, text.matches(of: timing).compactMap { Double($0.output.dropLast()) })
    }
    let (actualShape, actualTimes) = split(actual), (expectedShape, expectedTimes) = split(expected)
    return actualShape == expectedShape && actualTimes.count == expectedTimes.count
      && zip(actualTimes, expectedTimes).allSatisfy { ran, stated in
        ran >= stated - TimingTolerantText.tolerance && ran <= stated * 1.5 + TimingTolerantText.tolerance
      }
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
  /// CPython programs running at once: the content tests run each program on up to three
  /// versions, and a hundred programs sleeping on the real clock at once woke up to a second late
  /// on a loaded machine, past the timing tolerance.
  static let pythonSlots = AsyncSemaphore(permits: 4)

  static func run(_ executable: String, _ arguments: [String], input: String, timeout: TimeInterval) async throws
    -> (status: Int32, output: String, errors: String)
  {
    try await pythonSlots.withPermit {
      try await runNow(executable, arguments, input: input, timeout: timeout)
    }
  }

  static func runNow(
    _ executable: String, _ arguments: [String], input: String, timeout: TimeInterval, environment: [String: String] = [:]
  ) async throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(filePath: executable)
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
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
