import LabCore
import LabTerminal
import TestSupport
import Testing

/// Issue 23, "no repeats": reading the whole course at a terminal, a run's output is on screen
/// once. A question's verdict shows what its program printed; the lesson's copy of that output
/// right after the question is not printed again.
@MainActor
@Suite(.timeLimit(.minutes(5)))
struct NoRepeatsTests {
  /// What each lesson program that decides a question prints, as the lesson states it (the first
  /// ```output block after its question): the fake python3 answers with it.
  static func statedOutputs(_ catalog: LessonCatalog) -> [String: [String]] {
    var outputs: [String: [String]] = [:]
    for lesson in catalog.lessons {
      let blocks = lesson.document.blocks
      for prediction in PredictionParser.predictions(in: lesson).predictions where prediction.source == .python {
        guard let program = PredictionParser.pythonProgram(for: prediction, in: lesson),
          let at = blocks.firstIndex(where: { $0.line == prediction.line })
        else { continue }
        let stated = blocks[(at + 1)...].lazy.compactMap { block -> String? in
          guard case .codeBlock(let info, let text, true) = block.kind, info.hasPrefix("output") else { return nil }
          return text
        }.first
        if let stated { outputs[program.code] = PythonProgramResult.lines(of: stated) }
      }
    }
    return outputs
  }

  /// The boxes' bodies (`┊ ` lines) in a transcript, each with whether a verdict (`✓`, `✗`,
  /// `Skipped.`) stands between it and the box before it.
  static func boxes(_ transcript: String) -> [(body: [String], afterVerdict: Bool)] {
    var boxes: [(body: [String], afterVerdict: Bool)] = []
    var body: [String] = []
    var verdict = false
    for line in transcript.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("┊ ") {
        body.append(line)
        continue
      }
      if !body.isEmpty {
        boxes.append((body, verdict))
        body = []
        verdict = false
      }
      if line.hasPrefix("✓ ") || line.hasPrefix("✗ ") || line.hasPrefix("Skipped.") { verdict = true }
      // A prompt between two boxes: they are not in a row.
      if line.contains(" › ") { verdict = false }
    }
    return boxes
  }

  @Test func noOutputOfTheCourseIsPrintedTwiceAroundAVerdict() async throws {
    let catalog = try #require(LessonContentTests.catalog)
    let outputs = Self.statedOutputs(catalog)
    #expect(outputs.count >= 35)
    let console = RecordingConsole(
      capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 80, height: 10_000))
    // Enter at every prompt: each part is read, each question skipped (its run shown anyway).
    let reader = ScriptedLineReader(Array(repeating: "", count: 400) + [nil])
    let python = FakePythonProgramRunner { program in .ran(status: 0, output: outputs[program] ?? ["(no output stated)"], errors: []) }
    let walkthrough = Walkthrough(
      catalog: catalog, store: MemoryProgressStore(), console: console, reader: reader,
      player: TestClockDemoPlayer(console: console), keys: ScriptedKeyReader(), python: python
    )
    await walkthrough.run()
    let transcript = console.output
    #expect(transcript.contains("You have reached the end of the course"))
    #expect(python.programs.count == outputs.count, "every program that decides a question ran once")

    let boxes = Self.boxes(transcript)
    #expect(boxes.count >= 40)
    for (previous, box) in zip(boxes, boxes.dropFirst()) where box.afterVerdict {
      #expect(previous.body != box.body, "printed again after its verdict:\n\(box.body.joined(separator: "\n"))")
    }
  }

  @Test func anOutputPerVersionStaysWhenTheRunPrintedAnotherVersionsLines() {
    let document = MarkdownParser.parse("""
      ```predict
      id: q
      ```

      ```output 3.11
      gather() returned
      A starts
      ```

      ```output 3.12+
      A starts
      gather() returned
      ```

      Read it line by line.

      ```output
      not right after the question
      ```
      """)
    let blocks = document.blocks
    #expect(RepeatedOutput.indices(in: blocks, after: 0, shown: ["gather() returned", "A starts"]) == [1])
    #expect(RepeatedOutput.indices(in: blocks, after: 0, shown: ["A starts", "gather() returned"]) == [2])
    #expect(RepeatedOutput.indices(in: blocks, after: 0, shown: ["something else"]) == [])
  }

  @Test func anOutputForEveryVersionRightAfterTheQuestionRepeatsTheRunWhateverItsTimings() {
    let blocks = MarkdownParser.parse("""
      ```predict
      id: q
      ```

      ```output
      8 items in 0.2s
      ```
      """).blocks
    #expect(RepeatedOutput.indices(in: blocks, after: 0, shown: ["8 items in 0.4s"]) == [1])
    #expect(RepeatedOutput.indices(in: blocks, after: 1, shown: ["8 items in 0.4s"]) == [])
  }

  /// A lesson whose second and fourth questions ask about the run of the one before.
  static let followUps = """
    ---
    id: follow-ups
    title: Follow-ups
    section: Results Order
    ---

    ```predict
    id: order
    ask: In what order do they finish?
    answer: order
    run: ordering delays=3,1,2
    expect: B C A
    ```

    ```predict
    id: elapsed
    ask: How long did the caller wait?
    answer: elapsed
    run: ordering delays=3,1,2
    expect: 3
    ```

    ```python
    print("gathered")
    ```

    ```predict
    id: first
    ask: What does it print?
    answer: choice
    run: python
    options:
      - text: gathered
        shows: "gathered"
      - text: nothing
        shows: "nothing"
    expect: a
    ```

    ```predict
    id: second
    ask: And again?
    answer: choice
    run: python
    options:
      - text: gathered
        shows: "gathered"
      - text: nothing
        shows: "nothing"
    expect: a
    ```

    ```output
    gathered
    ```
    """

  @Test func aFollowUpQuestionReusesTheRunItFollowsInsteadOfRunningItAgain() async throws {
    let catalog = try LessonCatalog.load(files: [LessonFile(name: "01-follow-ups.md", text: Self.followUps)])
    let console = RecordingConsole(
      capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 80, height: 10_000))
    let player = TestClockDemoPlayer(console: console)
    let python = FakePythonProgramRunner(result: .ran(status: 0, output: ["gathered"], errors: []))
    let walkthrough = Walkthrough(
      catalog: catalog, store: MemoryProgressStore(), console: console,
      reader: ScriptedLineReader(["b c a", "", "3", "", "a", "", "a", nil]),
      player: player, keys: ScriptedKeyReader(), python: python
    )
    await walkthrough.run()
    #expect(player.runs.map(\.parameters) == ["ordering · delays=3,1,2"])
    #expect(python.programs == ["print(\"gathered\")\n"])
    let output = console.output
    #expect(output.components(separatedBy: "The run above decides this question too; it is not run again.").count == 3)
    #expect(output.components(separatedBy: "┊ gathered").count == 2, "the program's output is on screen once")
    #expect(output.contains("You said 3 s; the caller resumed after 3.00s"))
  }
}
