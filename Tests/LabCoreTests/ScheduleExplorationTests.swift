import Foundation
import LabCore
import Synchronization
import Testing
import TestSupport

/// `trace --schedules N`: the reduction over runs and the runner, with fake runs; then two real
/// programs on virtual time (one that depends on how two equal timers tie, one that does not).
@Suite(.timeLimit(.minutes(3)))
struct ScheduleExplorationTests {
  typealias Run = ScheduleExploration.Run

  static func run(_ seed: Int, _ ended: [String], status: Int32 = 0, output: [String] = []) -> Run {
    Run(seed: seed, status: status, output: output, endOrder: ended)
  }

  @Test func runsThatAgreeOnStatusOutputAndEndOrderAreOneBehaviour() {
    let runs = [
      Self.run(3, ["a", "b"]), Self.run(1, ["a", "b"]), Self.run(2, ["b", "a"]),
      Self.run(4, ["a", "b"], status: 1), Self.run(5, ["a", "b"], output: ["x"]), Self.run(6, ["b", "a"]),
    ]
    let found = ScheduleExploration.behaviours(runs)
    #expect(found.map(\.seeds) == [[1, 3], [2, 6], [4], [5]])
    #expect(found.map(\.firstSeed) == [1, 2, 4, 5])
    #expect(found[1].endOrder == ["b", "a"])
  }

  @Test func theRunnerTriesEverySeedOnceAndNeverMoreThanItsWidthAtOnce() async throws {
    let state = Mutex<(running: Int, most: Int, seeds: [Int])>((0, 0, []))
    let result = await ScheduleExploration.explore(count: 9, width: 2) { seed -> Result<Run, Never> in
      state.withLock { $0.running += 1; $0.most = max($0.most, $0.running); $0.seeds.append(seed) }
      await Task.yield()
      state.withLock { $0.running -= 1 }
      return .success(Self.run(seed, seed % 3 == 0 ? ["b", "a"] : ["a", "b"]))
    }
    let runs = try result.get()
    #expect(runs.map(\.seed) == Array(1...9))
    #expect(state.withLock { $0.seeds.sorted() } == Array(1...9))
    #expect(state.withLock { $0.most } <= 2)
    #expect(ScheduleExploration.behaviours(runs).map(\.firstSeed) == [1, 3])
  }

  struct Broken: Error, Equatable {}

  @Test func aRunThatCannotStartEndsTheExplorationWithItsError() async {
    let result = await ScheduleExploration.explore(count: 5, width: 1) { seed -> Result<Run, Broken> in
      seed == 2 ? .failure(Broken()) : .success(Self.run(seed, []))
    }
    #expect(throws: Broken.self) { try result.get() }
  }

  @Test func theReportNamesEachBehavioursFirstSeedAndTheCommandThatReplaysIt() {
    let runs = [Self.run(1, ["fetch('cache')", "fetch('db')"], output: ["using 'new' from the database"]),
                Self.run(2, ["fetch('db')", "fetch('cache')"], output: ["using 'old' from the cache"]),
                Self.run(3, ["fetch('cache')", "fetch('db')"], output: ["using 'new' from the database"])]
    let lines = ScheduleExploration.report(file: "race.py", arguments: [], runs: runs, width: 80)
    #expect(lines == [
      "3 schedules of race.py on virtual time (seeds 1-3): 2 different behaviours.",
      "",
      "1. first seen with seed 1 (2 schedules): exit status 0",
      "   tasks ended: fetch('cache'), fetch('db')",
      "   » using 'new' from the database",
      "   replay: gatherlab trace race.py --clock virtual --seed 1",
      "",
      "2. first seen with seed 2 (1 schedule): exit status 0",
      "   tasks ended: fetch('db'), fetch('cache')",
      "   » using 'old' from the cache",
      "   replay: gatherlab trace race.py --clock virtual --seed 2",
    ])
    let one = ScheduleExploration.report(file: "my prog.py", arguments: ["--n", "it's"], runs: [Self.run(1, ["a"])], width: 120)
    #expect(one.first == "1 schedule of my prog.py on virtual time (seeds 1-1): one behaviour, the same every time.")
    #expect(one.last == #"   replay: gatherlab trace 'my prog.py' --clock virtual --seed 1 -- --n 'it'\''s'"#)
  }

  @Test func onANarrowTerminalTheReportWrapsItsSentencesAndGivesTheCommandALineOfItsOwn() {
    let runs = [Self.run(1, ["lookup('cache', 'old')", "lookup('database', 'new')"], output: ["using 'new' from the database"]),
                Self.run(2, ["lookup('database', 'new')", "lookup('cache', 'old')"], output: ["using 'old' from the cache"])]
    #expect(ScheduleExploration.report(file: "race.py", arguments: [], runs: runs, width: 40) == [
      "2 schedules of race.py on virtual time",
      "(seeds 1-2): 2 different behaviours.",
      "",
      "1. first seen with seed 1 (1",
      "   schedule): exit status 0",
      "   tasks ended: lookup('cache', 'old'),",
      "   lookup('database', 'new')",
      "   » using 'new' from the database",
      "   replay:",
      "   gatherlab trace race.py --clock virtual --seed 1",
      "",
      "2. first seen with seed 2 (1",
      "   schedule): exit status 0",
      "   tasks ended: lookup('database',",
      "   'new'), lookup('cache', 'old')",
      "   » using 'old' from the cache",
      "   replay:",
      "   gatherlab trace race.py --clock virtual --seed 2",
    ])
  }

  @Test func theJSONReportIsOneObjectWithEachBehaviour() throws {
    let runs = [Self.run(1, ["a"], status: 0, output: ["x"]), Self.run(2, ["b"], status: 1)]
    let text = ScheduleExploration.json(file: "race.py", arguments: [], runs: runs)
    #expect(!text.contains("\n"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["type"] as? String == "schedules")
    #expect(object["schedules"] as? Int == 2)
    let behaviours = try #require(object["behaviours"] as? [[String: Any]])
    #expect(behaviours.count == 2)
    #expect(behaviours[0]["seed"] as? Int == 1)
    #expect(behaviours[0]["output"] as? [String] == ["x"])
    #expect(behaviours[1]["status"] as? Int == 1)
    #expect(behaviours[1]["ended"] as? [String] == ["b"])
    #expect(behaviours[1]["replay"] as? String == "gatherlab trace race.py --clock virtual --seed 2")
  }

  @Test func aRunIsToldByItsOutputAndTheOrderItsTasksEnded() {
    let messages: [TracedProgram.Message] = [
      .trace("", TraceLine(type: "event", t: 0, id: 1, task: "main()", event: "waiting")),
      .trace("", TraceLine(type: "event", t: 0, id: 2, task: "a()", event: "waiting")),
      .trace("", TraceLine(type: "event", t: 1, id: 2, event: "failed")),
      .trace("", TraceLine(type: "output", t: 1, text: "hi")),
      .output(time: 1.2, text: "ra"),
      .output(time: 1.3, text: "w\n"),
      .trace("", TraceLine(type: "event", t: 2, id: 1, event: "finished")),
    ]
    let run = Run.from(seed: 4, status: 2, messages: messages)
    #expect(run == Self.run(4, ["a() (failed)", "main()"], status: 2, output: ["hi", "raw"]))
  }

  // MARK: - Real programs

  static func explore(_ source: String, count: Int) async throws -> [ScheduleExploration.Behaviour] {
    let path = try #require(TracedProgramTests.interpreter(11))
    let python = try PythonInterpreter.find(explicit: path, environment: [:])
    let directory = try TemporaryDirectory(files: ["program.py": source])
    var program = TracedProgram(interpreter: python, path: directory.path + "/program.py", arguments: [])
    program.passesStandardInput = false
    let base = program
    let result = await ScheduleExploration.explore(count: count, width: 2) { seed -> Result<Run, TraceError> in
      var seeded = base
      seeded.pythonClock = .virtual(seed: seed)
      let messages = Mutex<[TracedProgram.Message]>([])
      do throws(TraceError) {
        let outcome = try await seeded.run { batch in messages.withLock { $0 += batch } }
        return .success(Run.from(seed: seed, status: outcome.status, messages: messages.withLock { $0 }))
      } catch {
        return .failure(error)
      }
    }
    return ScheduleExploration.behaviours(try result.get())
  }

  static let race = """
    import asyncio
    answers = []
    async def lookup(source, value):
        await asyncio.sleep(1.0)
        answers.append((source, value))
    async def main():
        await asyncio.gather(lookup("cache", "old"), lookup("database", "new"))
        source, value = answers[-1]
        print(f"using {value!r} from the {source}")
    asyncio.run(main())
    """

  @Test(.enabled(if: TracedProgramTests.interpreter(11) != nil, "no python3 3.11+ on PATH"))
  func aProgramRelyingOnTwoEqualTimersEndingInArgumentOrderShowsTwoBehaviours() async throws {
    let found = try await Self.explore(Self.race, count: 20)
    #expect(found.count == 2)
    #expect(Set(found.map { $0.output }) == [["using 'new' from the database"], ["using 'old' from the cache"]])
  }

  @Test(.enabled(if: TracedProgramTests.interpreter(11) != nil, "no python3 3.11+ on PATH"))
  func aProgramWhoseTimersCannotTieShowsOneBehaviour() async throws {
    let found = try await Self.explore("""
      import asyncio
      async def lookup(source, value, seconds):
          await asyncio.sleep(seconds)
          return source, value
      async def main():
          answers = await asyncio.gather(lookup("cache", "old", 1.0), lookup("database", "new", 2.0))
          source, value = answers[-1]
          print(f"using {value!r} from the {source}")
      asyncio.run(main())
      """, count: 20)
    #expect(found.count == 1)
    #expect(found.first?.output == ["using 'new' from the database"])
  }
}
