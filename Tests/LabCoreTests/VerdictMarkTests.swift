import LabCore
import LabTerminal
import TestSupport
import Testing

/// Issue 23: a verdict names a mark of the timeline (`▲`, `┆`, `⊘`, `▒`, `█`, `░`, a finish rank)
/// only when the frame on screen draws it, at the instant the sentence says. One case per mark,
/// drawn and not drawn (folded away, no room for its label, another instant).
@Suite struct VerdictMarkTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let snapshot: TimelineSnapshot
    let width: Int
    let height: Int?
    let observation: PredictionObservation
    let sentence: String
    var testDescription: String { name }
  }

  // MARK: - Snapshots, built by hand

  static func row(
    _ name: String, _ index: Int, _ state: TimelineRow.State, from start: Double, to end: Double?, rank: Int? = nil,
    planned: Double? = nil, waiting: Double? = nil, orphan: Bool = false, phase: String? = nil
  ) -> TimelineRow {
    TimelineRow(
      name: name, index: index, phase: phase, state: state, plannedDuration: planned, waitingSince: waiting,
      startedAt: start, endedAt: end, finishRank: rank, isOrphan: orphan)
  }

  /// ordering delays=3,1,2: B, C, A, gather returned at 3 s.
  static let ordering = TimelineSnapshot(
    title: "ordering · delays=3,1,2", now: 3, horizon: 3,
    rows: [
      row("A", 0, .finished(value: "A"), from: 0, to: 3, rank: 3),
      row("B", 1, .finished(value: "B"), from: 0, to: 1, rank: 1),
      row("C", 2, .finished(value: "C"), from: 0, to: 2, rank: 2),
    ],
    join: TimelineMarker(time: 3, label: "gather returned"), isFinal: true)

  /// sequential count=2 delay=0.5: one by one until 1 s, then gathered, returned at 1.5 s.
  static let sequential = TimelineSnapshot(
    title: "sequential · count=2 · delay=0.5", now: 1.5, horizon: 1.5,
    rows: [
      row("A", 0, .finished(value: "A"), from: 0, to: 0.5, rank: 1, phase: "one by one"),
      row("B", 1, .finished(value: "B"), from: 0.5, to: 1, rank: 2, phase: "one by one"),
      row("A", 0, .finished(value: "A"), from: 1, to: 1.5, rank: 1, phase: "gathered"),
      row("B", 1, .finished(value: "B"), from: 1, to: 1.5, rank: 2, phase: "gathered"),
    ],
    phases: ["one by one", "gathered"],
    join: TimelineMarker(time: 1.5, label: "gather returned"), isFinal: true)

  /// error-cancel mode=gather delays=2,3 fail-at=1: A fails at 1 s, B and C run on, orphaned.
  static func gatherOrphans(bEnds: Double = 2, cEnds: Double = 3) -> TimelineSnapshot {
    TimelineSnapshot(
      title: "error-cancel · delays=2,3 · fail-at=1 · mode=gather", now: 3, horizon: 3,
      rows: [
        row("A", 0, .failed(error: "A failed"), from: 0, to: 1, rank: 1),
        row("B", 1, .finished(value: "B"), from: 0, to: bEnds, rank: 2, orphan: true),
        row("C", 2, .finished(value: "C"), from: 0, to: cEnds, rank: 3, orphan: true),
      ],
      join: TimelineMarker(time: 1, label: "gather raised"), isFinal: true)
  }

  /// error-cancel mode=taskgroup: A fails at 1 s, B and C cancelled then.
  static let taskGroup = TimelineSnapshot(
    title: "error-cancel · delays=2,3 · fail-at=1 · mode=taskgroup", now: 1, horizon: 3,
    rows: [
      row("A", 0, .failed(error: "A failed"), from: 0, to: 1, rank: 1),
      row("B", 1, .cancelled, from: 0, to: 1, rank: 2, planned: 2),
      row("C", 2, .cancelled, from: 0, to: 1, rank: 3, planned: 3),
    ],
    join: TimelineMarker(time: 1, label: "group raised"), isFinal: true)

  /// timeout delays=1,2,7 timeout=5: C cancelled at the deadline, the caller's await timed out.
  static let timeout = TimelineSnapshot(
    title: "timeout · delays=1,2,7 · timeout=5", now: 5, horizon: 7,
    rows: [
      row("A", 0, .finished(value: "A"), from: 0, to: 1, rank: 1),
      row("B", 1, .finished(value: "B"), from: 0, to: 2, rank: 2),
      row("C", 2, .cancelled, from: 0, to: 5, rank: 3, planned: 7),
    ],
    join: TimelineMarker(time: 5, label: "timed out"), deadline: 5, isFinal: true)

  /// semaphore tasks=6 limit=2: every task exists from the start, four wait for a permit.
  static let semaphore = TimelineSnapshot(
    title: "semaphore · tasks=6 · limit=2", now: 3, horizon: 3,
    rows: (0..<6).map { index in
      let start = Double(index / 2)
      let name = String(UnicodeScalar(UInt8(65 + index)))
      return row(name, index, .finished(value: name), from: start, to: start + 1, rank: index + 1, waiting: index < 2 ? nil : 0)
    },
    join: TimelineMarker(time: 3, label: "gather returned"), isFinal: true)

  /// The same in a window: a task is created only when a slot frees, so none waits.
  static let window = TimelineSnapshot(
    title: "semaphore · tasks=6 · limit=2 · mode=window", now: 3, horizon: 3,
    rows: semaphore.rows.map { var row = $0; row.waitingSince = nil; return row },
    join: TimelineMarker(time: 3, label: "gather returned"), isFinal: true)

  // MARK: - The table

  static func observed(
    _ kind: PredictionKind, _ value: PredictionValue, marker: PredictionObservation.Marker? = nil, time: Double? = nil
  ) -> PredictionObservation {
    PredictionObservation(kind: kind, value: value, marker: marker, time: time)
  }

  static let cases: [Case] = [
    // Finish ranks.
    Case(
      name: "ranks drawn", snapshot: ordering, width: 80, height: nil,
      observation: observed(.order, .order(["B", "C", "A"])),
      sentence: "You said B C A; the run finished B, C, A (each row's finish rank) — right."),
    Case(
      name: "ranks cut from a 20-column state column", snapshot: ordering, width: 20, height: nil,
      observation: observed(.order, .order(["B", "C", "A"])),
      sentence: "You said B C A; the run finished B, C, A — right."),
    // The ▲ at the caller's end.
    Case(
      name: "▲ drawn at the instant said", snapshot: ordering, width: 80, height: nil,
      observation: observed(.elapsed, .seconds(3), marker: .join, time: 3),
      sentence: "You said 3 s; the caller resumed after 3.00s (the ▲ marker) — right."),
    Case(
      name: "▲ folded away with the line under the axis", snapshot: ordering, width: 80, height: 3,
      observation: observed(.elapsed, .seconds(3), marker: .join, time: 3),
      sentence: "You said 3 s; the caller resumed after 3.00s — right."),
    Case(
      name: "▲ at another instant: the phase's own clock", snapshot: sequential, width: 80, height: nil,
      observation: observed(.elapsed, .seconds(0.5), marker: .join, time: 1.5),
      sentence: "You said 0.5 s; the caller resumed after 0.50s (the ▲ marker at 1.50s: this phase began at 1.00s) — right."),
    Case(
      name: "▲ drawn for the results", snapshot: ordering, width: 80, height: nil,
      observation: observed(.results, .results(.slots([.value("A"), .value("B"), .value("C")])), marker: .join, time: 3),
      sentence: "You said A B C; the caller received [A, B, C] at 3.00s (the ▲ marker) — right."),
    // The deadline's ┆.
    Case(
      name: "┆ drawn in the bars where the ▲ takes its label's column", snapshot: timeout, width: 80, height: nil,
      observation: observed(.outcome, .outcome(.timedOut), marker: .deadline, time: 5),
      sentence: "You said timed out; the caller's await timed out at 5.00s (the ┆ deadline) — right."),
    Case(
      name: "a deadline the run never reached: the ▲ instead", snapshot: ordering, width: 80, height: nil,
      observation: observed(.outcome, .outcome(.returned), marker: .deadline, time: 3),
      sentence: "You said returned; the caller's await returned at 3.00s (the ▲ marker) — right."),
    // ⊘ on cancelled rows.
    Case(
      name: "⊘ rows drawn", snapshot: taskGroup, width: 80, height: nil,
      observation: observed(.cancelled, .tasks(["B", "C"]), time: 1),
      sentence: "You said B C; the run cancelled B and C at 1.00s (the ⊘ rows) — right."),
    Case(
      name: "⊘ rows folded away", snapshot: taskGroup, width: 80, height: 5,
      observation: observed(.cancelled, .tasks(["B", "C"]), time: 1),
      sentence: "You said B C; the run cancelled B and C at 1.00s — right."),
    // ▒ past the ▲.
    Case(
      name: "▒ past the ▲ drawn", snapshot: gatherOrphans(), width: 80, height: nil,
      observation: observed(.orphans, .tasks(["B", "C"]), marker: .join),
      sentence: "You said B C; B and C kept running after the caller got its error (the ▒ past the ▲ marker) — right."),
    Case(
      name: "no ▒ for an orphan that ended in the ▲'s column", snapshot: gatherOrphans(bEnds: 1), width: 80, height: nil,
      observation: observed(.orphans, .tasks(["B", "C"]), marker: .join),
      sentence: "You said B C; B and C kept running after the caller got its error — right."),
    // █ in one column, ░ waiting.
    Case(
      name: "█ bars, every row drawn", snapshot: window, width: 80, height: nil,
      observation: observed(.running, .count(2)),
      sentence: "You said 2; at most 2 tasks ran at once (the █ bars in one column) — right."),
    Case(
      name: "█ bars with rows folded away", snapshot: window, width: 80, height: 8,
      observation: observed(.running, .count(2)),
      sentence: "You said 2; at most 2 tasks ran at once — right."),
    Case(
      name: "█ and ░ drawn", snapshot: semaphore, width: 80, height: nil,
      observation: observed(.existing, .count(6)),
      sentence: "You said 6; at most 6 tasks existed at once (running █ or waiting ░) — right."),
    Case(
      name: "no ░ in a window", snapshot: window, width: 80, height: nil,
      observation: observed(.existing, .count(2)),
      sentence: "You said 2; at most 2 tasks existed at once (the █ bars in one column) — right."),
  ]

  @Test(arguments: cases)
  func aVerdictNamesOnlyTheMarksItsFrameDraws(_ item: Case) {
    var verdict = PredictionVerdict(answer: item.observation.value, observation: item.observation)
    verdict.marks = TimelineRenderer.marks(item.snapshot, width: item.width, height: item.height)
    #expect(verdict.sentence == item.sentence)
    // Every glyph the sentence names is in the frame.
    let frame = TimelineRenderer.render(item.snapshot, width: item.width, height: item.height).map(\.plainText).joined(separator: "\n")
    for glyph in ["▲", "┆", "⊘", "▒", "█", "░"] where item.sentence.contains(glyph) {
      #expect(frame.contains(glyph), "\(item.name): the sentence names \(glyph), the frame has none:\n\(frame)")
    }
  }

  @Test func aLaterPhasesElapsedTimeNamesThePhaseTheTimeCountsFrom() {
    var observation = Self.observed(.elapsed, .seconds(0.5), marker: .join, time: 1.5)
    observation.phase = "gathered"
    var verdict = PredictionVerdict(answer: .seconds(2.5), observation: observation)
    verdict.marks = TimelineRenderer.marks(Self.sequential, width: 80)
    #expect(verdict.sentence == "You said 2.5 s; the caller resumed after 0.50s (the ▲ marker at 1.50s: the gathered phase began at 1.00s).")
  }

  @Test func withNoFrameOnScreenAVerdictNamesNoMark() {
    var verdict = PredictionVerdict(
      answer: .seconds(3), observation: Self.observed(.elapsed, .seconds(3), marker: .join, time: 3))
    verdict.marks = TimelineMarks.none
    #expect(verdict.sentence == "You said 3 s; the caller resumed after 3.00s — right.")
  }

  @Test func theMarksOfAFrameAreWhatItDraws() {
    let marks = TimelineRenderer.marks(Self.gatherOrphans(), width: 80)
    #expect(marks.join == 1)
    #expect(marks.deadline == nil)
    #expect(marks.rows == ["A", "B", "C"])
    #expect(marks.orphaned == ["B", "C"])
    #expect(marks.ranked == ["A", "B", "C"])
    #expect(marks.cancelled == [])
    #expect(marks.hiddenRows == 0)
    let folded = TimelineRenderer.marks(Self.taskGroup, width: 80, height: 5)
    #expect(folded.join == 1)
    #expect(TimelineRenderer.marks(Self.taskGroup, width: 80, height: 3).join == nil)
    #expect(folded.hiddenRows == 2)
  }

  /// Answers each question with what its lesson expects (a Python question is skipped), and
  /// reads on at every other prompt.
  final class AnsweringReader: LineReader {
    var answers: [String]
    var reads = 0
    init(_ answers: [String]) { self.answers = answers }
    var isInteractive: Bool { true }
    func remember(_ line: String) {}
    func readLine(prompt: String) -> LineInput {
      reads += 1
      guard reads < 450 else { return .endOfInput }
      if prompt == "predict › " { return .line(answers.isEmpty ? "" : answers.removeFirst()) }
      return .line("")
    }
  }

  final class MoreKeys: KeyReading {
    func readPagerKey() -> PagerKey { .more }
    func readYesNoKey() -> YesNoKey? { nil }
  }

  /// The whole course read at 80x24: every verdict on a demo's run names only marks that the
  /// screen shows between the answer and the verdict (the run's final frame, folded to 24 rows,
  /// or the frame drawn again with its rows marked).
  @MainActor
  @Test(.timeLimit(.minutes(5)))
  func everyVerdictOfTheCourseNamesOnlyMarksOnTheScreenAboveIt() async throws {
    let catalog = try #require(LessonContentTests.catalog)
    let questions = catalog.lessons.flatMap { PredictionParser.predictions(in: $0).predictions }
    let answers = questions.map { $0.source == .python ? "" : $0.expect.text }
    let console = RecordingConsole(
      capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 80, height: 24))
    let walkthrough = Walkthrough(
      catalog: catalog, store: MemoryProgressStore(), console: console, reader: AnsweringReader(answers),
      player: TestClockDemoPlayer(console: console), keys: MoreKeys(),
      python: FakePythonProgramRunner(result: .ran(status: 0, output: [], errors: []))
    )
    await walkthrough.run()
    let lines = console.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var screen: [String] = []
    var verdicts = 0
    var index = 0
    while index < lines.count {
      let line = lines[index]
      guard line.hasPrefix("✓ ") || line.hasPrefix("✗ ") else {
        screen.append(line)
        index += 1
        continue
      }
      var sentence = line
      index += 1
      while index < lines.count, lines[index].hasPrefix("  ") {
        sentence += " " + lines[index]
        index += 1
      }
      verdicts += 1
      let shown = screen.joined(separator: "\n")
      for glyph in ["▲", "┆", "⊘", "▒", "█", "░", "finish rank"] where sentence.contains(glyph) {
        #expect(
          shown.contains(glyph == "finish rank" ? "1st" : glyph),
          "\(sentence)\nnames \(glyph), not on the screen since the answer:\n\(shown)")
      }
      screen = []
    }
    #expect(verdicts == questions.filter { $0.source != .python }.count)
    #expect(console.output.contains("You have reached the end of the course"))
  }
}
