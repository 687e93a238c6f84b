import Foundation
import LabCore
import Testing

/// Each check on small hand-made traces: facts in, verdict, measured value and sentence out.
@Suite struct ExerciseCheckTests {
  typealias Task = RunFacts.TaskFact

  /// main (id 1, 0…`mainEnd`) and `tasks`.
  static func facts(mainEnd: Double? = 2, _ tasks: [Task], output: [String] = [], status: Int32 = 0, standardError: String = "") -> RunFacts {
    var facts = RunFacts()
    var sequence = 0
    var all = [Task(id: 1, label: "main()", created: 0, ended: mainEnd, end: mainEnd == nil ? nil : "finished")] + tasks
    // End order follows end instants; main's end comes after tasks ending at the same instant.
    let order = all.indices.filter { all[$0].ended != nil }.sorted { (all[$0].ended!, all[$0].id == 1 ? 1 : 0) < (all[$1].ended!, all[$1].id == 1 ? 1 : 0) }
    for index in order {
      sequence += 1
      all[index].endSequence = sequence
    }
    facts.tasks = all
    facts.mainEndSequence = all[0].endSequence
    facts.output = output
    facts.outputTimes = output.map { _ in 1 }
    facts.status = status
    facts.standardError = standardError
    facts.lastTime = all.compactMap(\.ended).max() ?? 0
    return facts
  }

  static func fetches(_ count: Int, from start: Double = 0, each: Double = 1, stagger: Double = 0) -> [Task] {
    (0..<count).map { index in
      let begin = start + Double(index) * stagger
      return Task(id: index + 2, label: "fetch(\(index))", parent: 1, created: begin, ended: begin + each, end: "finished")
    }
  }

  @Test(arguments: [
    (1.3, 1.3, true), (1.3, 1.2999, true), (1.3, 1.3001, false), (1.0, 2.4, false),
  ])
  func elapsedHoldsUpToItsBound(limit: Double, mainEnd: Double, holds: Bool) {
    let result = ExerciseChecker.evaluate(.elapsed(atMost: limit), on: Self.facts(mainEnd: mainEnd, []))
    #expect(result.passed == holds)
  }

  /// Seen: a program whose main() raised at once got "✓ main() returned after 0 s".
  @Test func aMainThatRaisedDidNotReturnInTime() {
    var facts = Self.facts(mainEnd: 0, [], status: 1)
    facts.tasks[0].end = "failed"
    let result = ExerciseChecker.evaluate(.elapsed(atMost: 1.3), on: facts)
    #expect(result.line == "✗ main() raised after 0 s; the exercise asks for at most 1.3 s")
  }

  @Test func elapsedSaysWhenMainReturnedBesideTheBound() {
    let result = ExerciseChecker.evaluate(.elapsed(atMost: 1.3), on: Self.facts(mainEnd: 2.4, []))
    #expect(result.line == "✗ main() returned after 2.4 s; the exercise asks for at most 1.3 s")
    #expect(result.measured == .number(2.4))
    #expect(result.bound == "<= 1.3")
  }

  @Test func aMainThatNeverReturnedFailsElapsed() {
    let result = ExerciseChecker.evaluate(.elapsed(atMost: 5), on: Self.facts(mainEnd: nil, Self.fetches(1)))
    #expect(!result.passed)
    #expect(result.sentence == "main() had not returned after 1 s; the exercise asks for at most 5 s")
  }

  @Test(arguments: [
    // (tasks at once, bound, holds)
    (3, ExerciseCheck.Bound.atLeast(3), true), (2, .atLeast(3), false), (6, .atMost(6), true), (7, .atMost(6), false), (0, .atLeast(1), false),
  ])
  func runningCountsTasksBesidesMainAtOneInstant(count: Int, bound: ExerciseCheck.Bound, holds: Bool) {
    let result = ExerciseChecker.evaluate(.running(bound), on: Self.facts(Self.fetches(count)))
    #expect(result.passed == holds)
    #expect(result.measured == .integer(count))
  }

  @Test func oneByOneTasksNeverRunAtOnce() {
    // Each starts when the one before ends: ends count before starts at the same instant.
    let facts = Self.facts(mainEnd: 3, Self.fetches(3, each: 1, stagger: 1))
    let result = ExerciseChecker.evaluate(.running(.atLeast(3)), on: facts)
    #expect(result.line == "✗ 1 task ran at once at most; the exercise asks for at least 3")
  }

  @Test func existingCountsFromCreationAndNamesTheRows() {
    // Ten tasks created at once, though a semaphore lets three run at a time.
    let facts = Self.facts(mainEnd: 4, (0..<10).map { Task(id: $0 + 2, label: "fetch(\($0))", parent: 1, created: 0, started: Double($0 / 3), ended: Double($0 / 3) + 1, end: "finished") })
    let result = ExerciseChecker.evaluate(.existing(atMost: 6), on: facts)
    #expect(result.line == "✗ 10 tasks existed at once at most; the exercise asks for at most 6")
    #expect(result.rows.count == 10)
    #expect(result.instant == 0)
    #expect(ExerciseChecker.evaluate(.existing(atMost: 10), on: facts).passed)
  }

  @Test(arguments: [(6, 6, true), (5, 6, false), (0, 1, false)])
  func tasksCountsEveryTaskBesidesMain(made: Int, least: Int, holds: Bool) {
    #expect(ExerciseChecker.evaluate(.tasks(atLeast: least), on: Self.facts(Self.fetches(made))).passed == holds)
  }

  @Test func outputMustBeExactlyTheLinesAndSaysWhereItDiffers() {
    let expected = ["profile: ok", "orders: ok"]
    #expect(ExerciseChecker.evaluate(.output(expected), on: Self.facts([], output: expected)).passed)
    let swapped = ExerciseChecker.evaluate(.output(expected), on: Self.facts([], output: ["orders: ok", "profile: ok"]))
    #expect(swapped.line == "✗ output line 1 is 'orders: ok'; the exercise asks for 'profile: ok'")
    let extra = ExerciseChecker.evaluate(.output(expected), on: Self.facts([], output: expected + ["receipt sent"]))
    #expect(extra.line == "✗ the program printed 3 lines, 1 more than asked for: 'receipt sent'")
    let short = ExerciseChecker.evaluate(.output(expected), on: Self.facts([], output: ["profile: ok"]))
    #expect(short.line == "✗ the program printed 1 line; the exercise asks for 2, next 'orders: ok'")
  }

  @Test func outputContainsLooksForEachTextInSomeLine() {
    let facts = Self.facts([], output: ["12 pages crawled, 87 bytes"])
    #expect(ExerciseChecker.evaluate(.outputContains(["12 pages crawled"]), on: facts).passed)
    let missing = ExerciseChecker.evaluate(.outputContains(["audit: GET /home", "x"]), on: facts)
    #expect(missing.line == "✗ no output line has 'audit: GET /home' (and 1 more missing)")
  }

  @Test(arguments: [(Int32(0), Int32(0), true), (1, 0, false), (0, 1, false)])
  func exitComparesTheStatus(status: Int32, asked: Int32, holds: Bool) {
    #expect(ExerciseChecker.evaluate(.exit(asked), on: Self.facts([], status: status)).passed == holds)
  }

  static func checkout(receiptEnd: Double, receiptEnd end: String) -> RunFacts {
    facts(mainEnd: 2.5, [
      Task(id: 2, label: "charge_card()", parent: 1, created: 0, ended: 1.0, end: "failed"),
      Task(id: 3, label: "send_receipt()", parent: 1, created: 0, ended: receiptEnd, end: end),
    ])
  }

  @Test(arguments: [(1.0, true), (1.1, true), (1.1006, false), (1.9, false)])
  func cancelledWithinCountsFromTheFirstFailure(cancelledAt: Double, holds: Bool) {
    let result = ExerciseChecker.evaluate(.cancelled(["send_receipt"], within: 0.1), on: Self.checkout(receiptEnd: cancelledAt, receiptEnd: "cancelled"))
    #expect(result.passed == holds)
  }

  @Test func aTaskThatFinishedWasNeverCancelled() {
    let result = ExerciseChecker.evaluate(.cancelled(["send_receipt"], within: 0.1), on: Self.checkout(receiptEnd: 2, receiptEnd: "finished"))
    #expect(result.line == "✗ send_receipt() finished at 2 s: it was never cancelled")
    #expect(result.rows == [3])
    let absent = ExerciseChecker.evaluate(.cancelled(["refund"], within: nil), on: Self.checkout(receiptEnd: 2, receiptEnd: "finished"))
    #expect(absent.line == "✗ no task running refund was cancelled")
  }

  @Test func anOrphanIsATaskThatRanOnAfterItsGatherRaised() {
    var facts = Self.checkout(receiptEnd: 2, receiptEnd: "finished")
    facts.joins = [RunFacts.Join(time: 1, orphans: [3])]
    let result = ExerciseChecker.evaluate(.noOrphans, on: facts)
    #expect(result.line == "✗ send_receipt() ran on after its gather raised at 1 s; the exercise asks for no orphans")
    // Cancelled right after the join (within 0.1 s): not an orphan.
    var cancelled = Self.checkout(receiptEnd: 1.1, receiptEnd: "cancelled")
    cancelled.joins = [RunFacts.Join(time: 1, orphans: [3])]
    #expect(ExerciseChecker.evaluate(.noOrphans, on: cancelled).passed)
    var late = Self.checkout(receiptEnd: 1.2, receiptEnd: "cancelled")
    late.joins = [RunFacts.Join(time: 1, orphans: [3])]
    #expect(!ExerciseChecker.evaluate(.noOrphans, on: late).passed)
  }

  @Test func pendingAtExitIsWhatEndedAfterMain() {
    // Two downloads ended only by asyncio.run's shutdown, after main returned at 0.4.
    let facts = Self.facts(mainEnd: 0.4, [
      Task(id: 2, label: "download('a')", parent: 1, created: 0, ended: 0.4, end: "cancelled"),
      Task(id: 3, label: "download('b')", parent: 1, created: 0, ended: 0.4, end: "finished"),
    ])
    // The facts helper puts main's end after tasks ending at the same instant; put one after it.
    var shutdown = facts
    shutdown.tasks[1].endSequence = 99
    let result = ExerciseChecker.evaluate(.noPendingAtExit, on: shutdown)
    #expect(result.line == "✗ download('a') was still pending when main() returned; asyncio.run cancelled it on its way out")
    #expect(ExerciseChecker.evaluate(.noPendingAtExit, on: facts).passed)
    var destroyed = facts
    destroyed.standardError = "Task was destroyed but it is pending!\n"
    #expect(!ExerciseChecker.evaluate(.noPendingAtExit, on: destroyed).passed)
  }

  @Test func aMainThatNeverReturnedLeavesPendingAtExitUnshown() {
    // Stopped at the hang limit (or stuck) with a worker still waiting: nothing was left behind
    // by a return that never came, and the check must not say it was.
    var hung = Self.facts(mainEnd: nil, [Task(id: 2, label: "worker()", parent: 1, created: 0)])
    hung.hungAfter = 1.25
    let result = ExerciseChecker.evaluate(.noPendingAtExit, on: hung)
    #expect(result.line == "✗ main() never returned, so what it leaves pending could not be seen")
  }

  @Test(arguments: [(0.1, true), (0.1001, false), (0.3, false)])
  func blockedIsTheLongestCallback(seconds: Double, holds: Bool) {
    var facts = Self.facts(Self.fetches(1))
    facts.blocked = [(time: 0, seconds: 0.05, task: 2), (time: 0.5, seconds: seconds, task: 2)]
    let result = ExerciseChecker.evaluate(.blocked(atMost: 0.1), on: facts)
    #expect(result.passed == holds)
    #expect(result.instant == 0.5)
  }

  @Test func blockedNamesTheTaskWhoseCallbackHeldTheLoop() {
    var facts = Self.facts([Task(id: 2, label: "make_thumbnail('beach.jpg')", parent: 1, created: 0, ended: 0.3, end: "finished")])
    facts.blocked = [(time: 0, seconds: 0.3, task: 2)]
    #expect(ExerciseChecker.evaluate(.blocked(atMost: 0.1), on: facts).line
      == "✗ one callback held the loop for 0.3 s (in make_thumbnail('beach.jpg')); the exercise asks for at most 0.1 s")
  }

  @Test func blockedCountsTheCallbacksOverTheLimitAndNamesTheLongest() {
    let thumbnails = ["beach", "city"].enumerated().map { index, name in
      Task(id: index + 2, label: "make_thumbnail('\(name).jpg')", parent: 1, created: 0, ended: 0.6, end: "finished")
    }
    var facts = Self.facts(thumbnails)
    facts.blocked = [(time: 0, seconds: 0.3, task: 2), (time: 0.3, seconds: 0.31, task: 3)]
    #expect(ExerciseChecker.evaluate(.blocked(atMost: 0.1), on: facts).line
      == "✗ 2 callbacks held the loop for more than 0.1 s, the longest for 0.31 s (in make_thumbnail('city.jpg')); the exercise asks for at most 0.1 s")
    facts.blocked = [(time: 0, seconds: 0.05, task: 2), (time: 0.3, seconds: 0.3, task: 3)]
    #expect(ExerciseChecker.evaluate(.blocked(atMost: 0.1), on: facts).line
      == "✗ the longest callback held the loop for 0.3 s (in make_thumbnail('city.jpg')); the exercise asks for at most 0.1 s")
    facts.blocked = [(time: 0, seconds: 0.05, task: 2), (time: 0.3, seconds: 0.08, task: 3)]
    #expect(ExerciseChecker.evaluate(.blocked(atMost: 0.1), on: facts).line
      == "✓ the longest callback held the loop for 0.08 s (in make_thumbnail('city.jpg')); the exercise asks for at most 0.1 s")
  }

  @Test(arguments: [
    ("", true),
    ("sys:1: RuntimeWarning: coroutine 'send_welcome_email' was never awaited\n", false),
    ("Task exception was never retrieved\n", false),
    ("Task was destroyed but it is pending!\n", false),
  ])
  func warningsReadPythonsWarningsFromStderr(standardError: String, holds: Bool) {
    #expect(ExerciseChecker.evaluate(.noWarnings, on: Self.facts([], standardError: standardError)).passed == holds)
  }

  @Test func usesNamesWhatTheTraceNeverSaw() {
    var facts = Self.facts([])
    facts.uses = ["Queue", "gather"]
    #expect(ExerciseChecker.evaluate(.uses(["Queue"]), on: facts).passed)
    #expect(ExerciseChecker.evaluate(.uses(["Queue(maxsize)"]), on: facts).line == "✗ the program never used Queue(maxsize); the exercise asks for it")
  }

  @Test func aSyntaxErrorIsTheOnlyVerdict() {
    let facts = Self.facts(mainEnd: nil, [], status: 1, standardError: """
      File "/w/01-fetch-together.py", line 12
        await asyncio.gather(
                            ^
    SyntaxError: '(' was never closed
    """)
    var noTasks = facts
    noTasks.tasks = []
    let results = ExerciseChecker.evaluate([.elapsed(atMost: 1)], on: noTasks, file: "01-fetch-together.py")
    #expect(results.map(\.line) == ["✗ 01-fetch-together.py is not valid Python at line 12: SyntaxError: '(' was never closed; nothing ran."])
  }

  @Test func aHangAStdinReadAndTooMuchOutputEachGetASentenceAndFail() {
    var facts = Self.facts(mainEnd: nil, [])
    facts.hungAfter = 10
    facts.uses = ["stdin"]
    facts.outputTruncated = true
    let lines = ExerciseChecker.evaluate([], on: facts).map(\.line)
    #expect(lines == [
      "✗ the program was still running after 10 s and was stopped: does something wait forever?",
      "✗ the program read from stdin; exercises take no input.",
      "✗ the program printed more than 1 MB; only the first 1 MB was kept and checked.",
    ])
  }

  /// Seen: 9 MB of prints ran on to the 10 s hang limit under load, and the check said both
  /// "still running after 10 s" and "printed more than 1 MB"; now the run stops at the limit.
  @Test func aProgramStoppedForItsOutputGetsOneSentenceAndFailsItsExit() {
    var facts = Self.facts(mainEnd: nil, [], status: 137)
    facts.outputTruncated = true
    facts.stoppedForOutput = true
    #expect(ExerciseChecker.evaluate([.exit(0)], on: facts).map(\.line) == [
      "✗ the program printed more than 1 MB and was stopped there; the first 1 MB was checked.",
      "✗ the program never exited by itself; the exercise asks for status 0",
    ])
  }

  @Test func anUncaughtExceptionIsNamedByItsLastLine() {
    let facts = Self.facts([], status: 1, standardError: "Traceback (most recent call last):\n  File \"x.py\", line 3\nValueError: bad\n")
    #expect(ExerciseChecker.evaluate([], on: facts).map(\.line) == ["✗ the program ended with an uncaught exception: ValueError: bad (its traceback is below)."])
  }

  @Test func anUncaughtExceptionGroupIsNamedWithTheErrorsItHolds() {
    let standardError = """
        + Exception Group Traceback (most recent call last):
        |   File "x.py", line 60, in <module>
        |     asyncio.run(main())
        | ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)
        +-+---------------- 1 ----------------
          | Traceback (most recent call last):
          |   File "x.py", line 40, in read_station
          |     raise UnknownStation(name)
          | UnknownStation: quarry
          +---------------- 2 ----------------
          | Traceback (most recent call last):
          |   File "x.py", line 44, in read_station
          |     raise BadReading(name)
          | BadReading: pier
          +------------------------------------

      """
    let facts = Self.facts([], status: 1, standardError: standardError)
    #expect(ExerciseChecker.evaluate([], on: facts).map(\.line) == [
      "✗ the program ended with an uncaught exception: ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions): UnknownStation: quarry; BadReading: pier (its traceback is below).",
    ])
  }

  @Test func theBuilderReducesTracerLines() {
    var builder = RunFactsBuilder()
    let lines = [
      #"{"type":"trace","t":0.0,"runtime":"CPython 3.11.7"}"#,
      #"{"type":"event","t":0.0,"id":1,"task":"main()","parent":null,"gather":null,"group":null,"event":"waiting"}"#,
      #"{"type":"event","t":0.0,"id":1,"task":"main()","parent":null,"gather":null,"group":null,"event":"started"}"#,
      #"{"type":"event","t":0.1,"id":2,"task":"fetch(1)","parent":1,"gather":null,"group":null,"event":"waiting"}"#,
      #"{"type":"uses","t":0.1,"label":"gather"}"#,
      #"{"type":"blocked","t":0.2,"value":"0.3000","id":2}"#,
      #"{"type":"output","t":0.5,"text":"done"}"#,
      #"{"type":"event","t":1.0,"id":1,"task":"main()","parent":null,"gather":null,"group":null,"event":"finished"}"#,
      #"{"type":"event","t":1.0,"id":2,"task":"fetch(1)","parent":1,"gather":null,"group":null,"event":"cancelled"}"#,
    ]
    for line in lines { builder.apply(.trace(line, TraceLine.parse(line)!)) }
    builder.finish(status: 0, standardError: "")
    let facts = builder.facts
    #expect(facts.tasks.map(\.label) == ["main()", "fetch(1)"])
    #expect(facts.elapsed == 1.0)
    #expect(facts.uses == ["gather"])
    #expect(facts.longestCallback?.seconds == 0.3)
    #expect(facts.output == ["done"])
    #expect(facts.pendingAtExit.map(\.label) == ["fetch(1)"])
  }

  /// Seen with a teacher's wrong program for worker-pool: three packers taking turns behind one
  /// `asyncio.Lock` printed the right line and passed `running: ">= 3"`, as three tasks were alive.
  @Test func tasksWaitingTheirTurnOnALockDoNotCountAsRunning() {
    // Three packers from 0 to 3; each packs for 1 s in turn, waiting on the Lock the rest.
    var facts = Self.facts(mainEnd: 3, Self.fetches(3, each: 3))
    facts.turnWaits = [
      TurnWait(id: 3, on: "Lock", from: 0, to: 1), TurnWait(id: 4, on: "Lock", from: 0, to: 2),
      TurnWait(id: 2, on: "Lock", from: 1, to: 3), TurnWait(id: 3, on: "Lock", from: 2, to: 3),
    ]
    let result = ExerciseChecker.evaluate(.running(.atLeast(3)), on: facts)
    #expect(result.line == "✗ 1 task ran at once at most, while up to 3 were alive, waiting their turn on Lock; the exercise asks for at least 3")
    #expect(result.measured == .integer(1))
  }

  @Test(arguments: [
    // (what the tasks wait on, from, to, running at most)
    ("Semaphore", 0.0, 2.0 as Double?, 2), ("Lock", 0.0, 1.0, 3), ("Queue.get", 0.0, nil, 2), ("sleep 0.5s", 0.0, 1.0, 3), ("Event", 0.5, 0.5, 3),
  ] as [(String, Double, Double?, Int)])
  func aTurnWaitTakesItsTaskOutOfRunningForItsSpan(on: String, from: Double, to: Double?, most: Int) {
    // Three fetches from 0 to 2; the third waits on `on` from `from` to `to` (nil: to its end),
    // counted only when it waits for a turn. A span of no length takes nothing out.
    var builder = RunFactsBuilder()
    var lines = [#"{"type":"event","t":0.0,"id":1,"task":"main()","parent":null,"gather":null,"group":null,"event":"started"}"#]
    for id in 2...4 {
      lines.append(#"{"type":"event","t":0.0,"id":\#(id),"task":"fetch(\#(id))","parent":1,"gather":null,"group":null,"event":"started"}"#)
    }
    lines.append(#"{"type":"await","t":\#(from),"id":4,"on":"\#(on)","tasks":[]}"#)
    if let to { lines.append(#"{"type":"await","t":\#(to),"id":4,"on":null,"tasks":[]}"#) }
    for id in [2, 3, 4, 1] {
      lines.append(#"{"type":"event","t":2.0,"id":\#(id),"task":"x","parent":1,"gather":null,"group":null,"event":"finished"}"#)
    }
    for line in lines { builder.apply(.trace(line, TraceLine.parse(line)!)) }
    builder.finish(status: 0, standardError: "")
    #expect(builder.facts.mostRunning.count == most)
    #expect(builder.facts.mostStarted.count == 3)
  }
}
