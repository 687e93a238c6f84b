import LabCore
import Testing

@Suite struct PredictionVerdictTests {
  private func verdict(
    _ kind: PredictionKind,
    said answer: PredictionValue,
    ran value: PredictionValue,
    highlight: Set<String> = [],
    marker: PredictionObservation.Marker? = nil,
    time: Double? = nil,
    endTimes: [String: Double] = [:]
  ) -> PredictionVerdict {
    PredictionVerdict(
      answer: answer,
      observation: PredictionObservation(
        kind: kind, value: value, highlight: highlight, marker: marker, time: time, endTimes: endTimes)
    )
  }

  @Test(arguments: [(1.2, 1.0, true), (1.3, 1.0, false), (0.75, 1.0, true), (11, 10, true), (12, 10, false), (3, 1, false)])
  func elapsedIsRightWithinTenPercentOrAQuarterSecond(_ said: Double, _ ran: Double, _ right: Bool) {
    #expect(PredictionVerdict.matches(.seconds(said), .seconds(ran)) == right)
  }

  @Test func tasksThatEndedWithinTenMillisecondsMaySwap() {
    let ran = PredictionValue.order(["B", "C", "A"])
    let close = ["B": 1.0, "C": 1.008, "A": 3.0]
    let apart = ["B": 1.0, "C": 1.02, "A": 3.0]
    #expect(PredictionVerdict.matches(.order(["C", "B", "A"]), ran, endTimes: close))
    #expect(!PredictionVerdict.matches(.order(["C", "B", "A"]), ran, endTimes: apart))
    #expect(!PredictionVerdict.matches(.order(["C", "B", "A"]), ran))
    #expect(!PredictionVerdict.matches(.order(["B", "A", "C"]), ran, endTimes: close))
    #expect(!PredictionVerdict.matches(.order(["B", "C"]), ran, endTimes: close))
    #expect(PredictionVerdict.matches(.order(["B", "C", "A"]), ran))
  }

  @Test func resultsAreComparedSlotBySlotIgnoringCase() {
    let ran = PredictionValue.results(.slots([.error, .value("B")]))
    #expect(PredictionVerdict.matches(.results(.slots([.error, .value("b")])), ran))
    #expect(!PredictionVerdict.matches(.results(.slots([.value("A"), .value("B")])), ran))
    #expect(!PredictionVerdict.matches(.results(.slots([.error])), ran))
    #expect(!PredictionVerdict.matches(.results(.none), ran))
    #expect(PredictionVerdict.matches(.results(.none), .results(.none)))
  }

  @Test func setsAreComparedAsSets() {
    #expect(PredictionVerdict.matches(.tasks(["C", "B"]), .tasks(["B", "C"])))
    #expect(!PredictionVerdict.matches(.tasks([]), .tasks(["B", "C"])))
  }

  @Test func theVerdictCarriesWhatToHighlight() {
    let verdict = verdict(.cancelled, said: .tasks([]), ran: .tasks(["B", "C"]), highlight: ["B", "C"], time: 1)
    #expect(verdict.correct == false)
    #expect(verdict.decidedBy == .run)
    #expect(verdict.highlight == ["B", "C"])
    #expect(verdict.marker == nil)
  }

  @Test func theVerdictInWordsForEveryKind() {
    let sentences = [
      verdict(.order, said: .order(["B", "C", "A"]), ran: .order(["B", "C", "A"])),
      verdict(.order, said: .order(["A", "B", "C"]), ran: .order(["B", "C", "A"])),
      verdict(.cancelled, said: .tasks([]), ran: .tasks(["B", "C"]), time: 1),
      verdict(.cancelled, said: .tasks([]), ran: .tasks([])),
      verdict(.orphans, said: .tasks(["B"]), ran: .tasks(["B", "C"]), marker: .join),
      verdict(.orphans, said: .tasks([]), ran: .tasks([]), marker: .join),
      verdict(.results, said: .results(.slots([.value("A"), .value("B")])), ran: .results(.none), marker: .join, time: 1),
      verdict(.results, said: .results(.slots([.error, .value("b")])), ran: .results(.slots([.error, .value("B")])), marker: .join, time: 2),
      verdict(.elapsed, said: .seconds(3), ran: .seconds(1.002), marker: .join, time: 1.002),
      verdict(.outcome, said: .outcome(.returned), ran: .outcome(.timedOut), marker: .deadline, time: 5),
      verdict(.outcome, said: .outcome(.threw), ran: .outcome(.threw), marker: .join, time: 1),
      verdict(.running, said: .count(20), ran: .count(5)),
      verdict(.existing, said: .count(20), ran: .count(20)),
      verdict(.existing, said: .count(1), ran: .count(1)),
    ].map(\.sentence)
    #expect(
      sentences == [
        "You said B C A; the run finished B, C, A (each row's finish rank) — right.",
        "You said A B C; the run finished B, C, A (each row's finish rank).",
        "You said none; the run cancelled B and C at 1.00s (the ⊘ rows).",
        "You said none; the run cancelled nothing — right.",
        "You said B; B and C kept running after the caller got its error (the ▒ past the ▲ marker).",
        "You said none; no task was still running when the caller got its error — right.",
        "You said A B; the caller got an exception instead of a list at 1.00s (the ▲ marker).",
        "You said error b; the caller received [error, B] at 2.00s (the ▲ marker) — right.",
        "You said 3 s; the caller resumed after 1.00s (the ▲ marker).",
        "You said returned; the caller's await timed out at 5.00s (the ┆ deadline).",
        "You said threw; the caller's await threw at 1.00s (the ▲ marker) — right.",
        "You said 20; at most 5 tasks ran at once (the █ bars in one column).",
        "You said 20; at most 20 tasks existed at once (running █ or waiting ░) — right.",
        "You said 1; at most 1 task existed at once (running █ or waiting ░) — right.",
      ])
  }

  @Test func aFailedTaskNamedAsCancelledIsToldApart() {
    var observation = PredictionObservation(kind: .cancelled, value: .tasks(["B", "C"]), highlight: ["B", "C"], time: 1)
    observation.failed = ["A"]
    let verdict = PredictionVerdict(answer: .tasks(["A", "B", "C"]), observation: observation)
    #expect(verdict.correct == false)
    #expect(
      verdict.sentence
        == "You said A B C; the run cancelled B and C at 1.00s (the ⊘ rows). A failed on its own: a failed task is not a cancelled one."
    )
    let right = PredictionVerdict(answer: .tasks(["B", "C"]), observation: observation)
    #expect(right.sentence == "You said B C; the run cancelled B and C at 1.00s (the ⊘ rows) — right.")
  }

  @Test func threwIsRightForATimeoutAndTheVerdictSaysWhy() {
    let verdict = verdict(.outcome, said: .outcome(.threw), ran: .outcome(.timedOut), marker: .deadline, time: 5)
    #expect(verdict.correct)
    #expect(
      verdict.sentence
        == "You said threw; the caller's await timed out at 5.00s (the ┆ deadline) — right. "
        + "The demo calls it \"timed out\": the deadline made the caller's await raise TimeoutError, so \"threw\" says the same."
    )
    #expect(!PredictionVerdict.matches(.outcome(.timedOut), .outcome(.threw)))
  }

  @Test func noMarkerIsNamedThatTheTimelineDoesNotDraw() {
    let sentences = [
      verdict(.elapsed, said: .seconds(1), ran: .seconds(1), marker: nil, time: 1),
      verdict(.results, said: .results(.none), ran: .results(.none), marker: .deadline, time: 5),
      verdict(.orphans, said: .tasks(["B"]), ran: .tasks(["B"]), marker: nil),
    ].map(\.sentence)
    #expect(
      sentences == [
        "You said 1 s; the caller resumed after 1.00s — right.",
        "You said none; the caller got an exception instead of a list at 5.00s (the ┆ deadline) — right.",
        "You said B; B kept running after the caller got its error — right.",
      ])
  }

  private let forgotAwait = PredictionParser.predictions(in: PredictionFixtures.lesson).predictions[1]

  @Test func aChoiceDecidedByThePythonProgramNamesTheLineItPrinted() {
    let result = PythonProgramResult.ran(status: 0, output: ["<_GatheringFuture pending>"], errors: [])
    let wrong = PredictionVerdict(answer: .choice(0), prediction: forgotAwait, python: result)
    #expect(wrong.decidedBy == .run)
    #expect(wrong.correct == false)
    #expect(
      wrong.lines(why: forgotAwait.why) == [
        "You said a (the list of results); the program printed \"<_GatheringFuture pending>\": c (a _GatheringFuture object).",
        "gather() returns a future at once; without await you print the future itself.",
      ])
    let right = PredictionVerdict(answer: .choice(2), prediction: forgotAwait, python: result)
    #expect(
      right.sentence
        == "You said c (a _GatheringFuture object); the program printed \"<_GatheringFuture pending>\": c (a _GatheringFuture object) — right."
    )
  }

  @Test func withoutPythonTheLessonsExpectDecidesAndTheVerdictSaysSo() {
    let missing = PredictionVerdict(answer: .choice(1), prediction: forgotAwait, python: .unavailable("no python3"))
    #expect(missing.decidedBy == .expectOnly(.pythonUnavailable))
    #expect(missing.correct == false)
    #expect(missing.observed == .choice(2))
    #expect(
      missing.sentence
        == "You said b (a coroutine object); the lesson says c (a _GatheringFuture object) — not the same. "
        + "(python3 3.11 or newer was not found, so the lesson's answer decides, not a run.)")
    let declined = PredictionVerdict(answer: .choice(2), prediction: forgotAwait, reason: .notTrusted)
    #expect(
      declined.sentence
        == "You said c (a _GatheringFuture object); the lesson says c (a _GatheringFuture object) — right. "
        + "(The lesson's Python was not run, so the lesson's answer decides, not a run.)")
  }

  @Test func anUndecidedOrHungProgramLeavesItToTheLesson() {
    let undecided = PredictionVerdict(
      answer: .choice(2), prediction: forgotAwait, python: .ran(status: 1, output: [], errors: ["Traceback"]))
    #expect(undecided.decidedBy == .expectOnly(.undecided(PredictionUndecided(matching: []))))
    #expect(
      undecided.sentence
        == "You said c (a _GatheringFuture object); the lesson says c (a _GatheringFuture object) — right. "
        + "(The program's output shows none of the options. The lesson's answer decides.)")
    let hung = PredictionVerdict(answer: .choice(2), prediction: forgotAwait, python: .timedOut(after: .seconds(30)))
    #expect(
      hung.sentence
        == "You said c (a _GatheringFuture object); the lesson says c (a _GatheringFuture object) — right. "
        + "(The program did not finish within 30 s, so the lesson's answer decides, not a run.)")
  }

  @Test func aVerdictWithoutAWhyIsOneLine() {
    let verdict = verdict(.running, said: .count(5), ran: .count(5))
    #expect(verdict.lines(why: "  ") == ["You said 5; at most 5 tasks ran at once (the █ bars in one column) — right."])
  }
}
