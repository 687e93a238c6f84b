import Foundation
import LabCore
import Synchronization
import Testing
import TestSupport

/// A stuck loop on virtual time (`_gatherlab_clock.py`, "A stuck loop"; DESIGN §12, §13): every
/// task waits on something nothing will ever set, no timer is pending and nothing outside the
/// loop (a thread, a signal handler of the program's, I/O, an executor job, a subprocess) could
/// wake it. An exercise check ends the program there at once, with what each task waits on; a
/// `trace` says so in one line and waits as python3 would. Real CPython, every version here.
@Suite(.timeLimit(.minutes(3)))
struct StuckLoopTests {
  static let versions = TracedProgramTests.versions

  static func check(_ source: String, minor: Int, hangLimit: Duration = .seconds(60)) async throws -> RunFacts {
    let path = try #require(TracedProgramTests.interpreter(minor))
    let python = try PythonInterpreter.find(explicit: path, environment: [:])
    let directory = try TemporaryDirectory(files: ["program.py": source])
    var run = ExerciseRun(interpreter: python, path: directory.path + "/program.py")
    run.hangLimit = hangLimit
    return try await run.run().facts
  }

  static func verdicts(_ facts: RunFacts) -> [String] {
    ExerciseChecker.evaluate([], on: facts).map(\.line)
  }

  // MARK: - Stuck: ended at once, with what waits

  static let event = """
    import asyncio


    async def main():
        await asyncio.sleep(1.5)
        print("waiting for the go")
        await asyncio.Event().wait()


    asyncio.run(main())
    """

  /// No wall clock: the real limit is 60 s here, and the run was ended by the stuck rule at its
  /// virtual instant, not by that limit (a bound on the wall time flaked under load: 7 s for a
  /// run that takes 0.6 s on a quiet machine; `make bench`-style numbers are in the commit).
  @Test(arguments: versions)
  func anEventNobodySetsEndsTheCheckAtOnceAtItsVirtualInstant(_ minor: Int) async throws {
    let facts = try await Self.check(Self.event, minor: minor)
    #expect(facts.stuck)
    #expect(facts.hungOnVirtualTime)
    #expect(facts.hungAfter == 1.5)
    #expect(facts.status == 124)
    #expect(facts.output == ["waiting for the go"])
    #expect(Self.verdicts(facts) == [
      "✗ the program never finished: every task was waiting and nothing could wake them (main() waits on Event.wait)",
    ])
  }

  @Test(arguments: versions)
  func aQueueNoProducerFeedsNamesTheConsumersNotTheGatherAwaitingThem(_ minor: Int) async throws {
    let facts = try await Self.check("""
      import asyncio


      async def consume(queue):
          return await queue.get()


      async def main():
          queue = asyncio.Queue()
          await asyncio.gather(consume(queue), consume(queue))


      asyncio.run(main())
      """, minor: minor)
    #expect(facts.stuck)
    #expect(facts.hungAfter == 0)
    #expect(Self.verdicts(facts) == [
      "✗ the program never finished: every task was waiting and nothing could wake them (2 tasks of consume(<Queue>) wait on Queue.get)",
    ])
  }

  @Test(arguments: versions)
  func aFutureNobodyResolvesIsFoundOnceTheOtherTimersHaveFired(_ minor: Int) async throws {
    let facts = try await Self.check("""
      import asyncio


      async def answer(future):
          return await future


      async def main():
          future = asyncio.get_running_loop().create_future()
          await asyncio.gather(answer(future), asyncio.sleep(2))


      asyncio.run(main())
      """, minor: minor)
    #expect(facts.stuck)
    #expect(facts.hungAfter == 2)
    #expect(Self.verdicts(facts) == [
      "✗ the program never finished: every task was waiting and nothing could wake them (answer(<Future>) waits on a future)",
    ])
  }

  @Test(arguments: versions)
  func aForgottenTaskDoneLeavesJoinAndTheWorkersWaiting(_ minor: Int) async throws {
    let facts = try await Self.check("""
      import asyncio


      async def worker(queue):
          while True:
              await queue.get()
              await asyncio.sleep(0.5)


      async def main():
          queue = asyncio.Queue()
          workers = [asyncio.create_task(worker(queue)) for _ in range(2)]
          for item in range(4):
              queue.put_nowait(item)
          await queue.join()


      asyncio.run(main())
      """, minor: minor)
    #expect(facts.stuck)
    #expect(facts.hungAfter == 1)
    #expect(Self.verdicts(facts) == [
      "✗ the program never finished: every task was waiting and nothing could wake them (main() waits on Queue.join; 2 tasks of worker(<Queue>) wait on Queue.get)",
    ])
  }

  // MARK: - Not stuck: something outside the loop can still wake it

  @Test(arguments: versions)
  func aThreadThatCallsCallSoonThreadsafeAfterAFifthOfASecondIsWaitedFor(_ minor: Int) async throws {
    let facts = try await Self.check("""
      import asyncio, threading, time


      async def main():
          loop = asyncio.get_running_loop()
          future = loop.create_future()

          def later():
              time.sleep(0.2)
              loop.call_soon_threadsafe(future.set_result, "woken")

          threading.Thread(target=later).start()
          print(await future)


      asyncio.run(main())
      """, minor: minor)
    #expect(!facts.stuck)
    #expect(facts.hungAfter == nil)
    #expect(facts.status == 0)
    #expect(facts.output == ["woken"])
  }

  /// The timer is the kernel's (setitimer), not the loop's: only the program's handler wakes it.
  @Test(arguments: versions)
  func aSignalHandlerOfTheProgramsIsWaitedForAndRuns(_ minor: Int) async throws {
    let facts = try await Self.check("""
      import asyncio, signal


      async def main():
          done = asyncio.Event()
          asyncio.get_running_loop().add_signal_handler(signal.SIGALRM, done.set)
          signal.setitimer(signal.ITIMER_REAL, 0.3)
          await done.wait()
          print("alarm")


      asyncio.run(main())
      """, minor: minor)
    #expect(!facts.stuck)
    #expect(facts.status == 0)
    #expect(facts.output == ["alarm"])
  }

  /// A handler that never runs: the run waits for the real limit (1.5 s here, 10 s in a check),
  /// as before; with `loop.add_signal_handler` or with `signal.signal` alike.
  @Test(arguments: versions)
  func aProgramWithASignalHandlerWaitsForTheRealLimit(_ minor: Int) async throws {
    for install in ["asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, print)", "signal.signal(signal.SIGUSR1, print)"] {
      let facts = try await Self.check("""
        import asyncio, signal


        async def main():
            \(install)
            await asyncio.Event().wait()


        asyncio.run(main())
        """, minor: minor, hangLimit: .milliseconds(1500))
      #expect(!facts.stuck, "\(install)")
      #expect(facts.hungAfter == 1, "\(install)")  // the real limit, in whole seconds
      #expect(!facts.hungOnVirtualTime)
    }
  }

  // MARK: - A child of subprocess.Popen

  /// The child cannot wake the loop (no pipe the loop watches, no handler, no thread waits on
  /// it): the loop is stuck all the same, at once.
  @Test(arguments: versions)
  func aRunningPopenChildDoesNotKeepALoopWithNothingOnItsClockFromBeingStuck(_ minor: Int) async throws {
    let facts = try await Self.check("""
      import asyncio, subprocess


      async def main():
          subprocess.Popen(["sleep", "2"])
          print("waiting")
          await asyncio.Event().wait()


      asyncio.run(main())
      """, minor: minor)
    #expect(facts.stuck)
    #expect(facts.hungAfter == 0)
    #expect(facts.output == ["waiting"])
  }

  /// While a Popen child runs, the timers wait in real time beside it: polling it every 50 ms
  /// takes a few polls (fewer than 600 however loaded the machine), not thousands of virtual
  /// ones (before: 1 989 polls and 99.45 s of virtual time for a 0.3 s child, and a check stopped
  /// it at its 60 s limit as a hang).
  @Test(arguments: versions)
  func aCoroutinePollingAPopenChildPollsInRealTime(_ minor: Int) async throws {
    let facts = try await Self.check("""
      import asyncio, subprocess


      async def main():
          child = subprocess.Popen(["sleep", "0.3"])
          polls = 0
          while child.poll() is None:
              polls += 1
              await asyncio.sleep(0.05)
          print("few polls" if polls < 600 else f"{polls} polls", child.returncode)


      asyncio.run(main())
      """, minor: minor)
    #expect(!facts.stuck)
    #expect(facts.hungAfter == nil)
    #expect(facts.status == 0)
    #expect(facts.output == ["few polls 0"])
  }

  // MARK: - trace: one line, and it goes on waiting

  @Test(arguments: versions)
  func aTraceSaysTheLoopWaitsWithNothingOnItsClockAndGoesOnWaiting(_ minor: Int) async throws {
    let path = try #require(TracedProgramTests.interpreter(minor))
    let python = try PythonInterpreter.find(explicit: path, environment: [:])
    let directory = try TemporaryDirectory(files: ["program.py": """
      import asyncio, signal


      async def main():
          await asyncio.sleep(2)
          done = asyncio.Event()
          asyncio.get_running_loop().add_signal_handler(signal.SIGALRM, done.set)
          signal.setitimer(signal.ITIMER_REAL, 0.3)
          await done.wait()
          print("woken")


      asyncio.run(main())
      """])
    var program = TracedProgram(interpreter: python, path: directory.path + "/program.py", arguments: [])
    program.passesStandardInput = false
    program.pythonClock = .virtual(seed: 0)
    let lines = Mutex<[TraceLine]>([])
    let outcome = try await program.run { messages in
      for case .trace(_, let line) in messages { lines.withLock { $0.append(line) } }
    }
    let seen = lines.withLock { $0 }
    #expect(outcome.status == 0)
    #expect(seen.filter { $0.type == "idle" }.map(\.t) == [2.0])
    #expect(!seen.contains { $0.type == "stuck" })
  }

  // MARK: - The verdict, from the facts

  @Test func theStuckLineSetsTheFactsAndTheLatestAwaitOfEachTaskIsKept() {
    var builder = RunFactsBuilder()
    builder.apply(.trace("", TraceLine(type: "event", t: 0, id: 1, task: "main()", event: "started")))
    builder.apply(.trace("", TraceLine(type: "event", t: 0, id: 2, task: "worker(1)", event: "started")))
    builder.apply(.trace("", TraceLine.parse(#"{"type":"await","t":0,"id":1,"on":"task #2","tasks":[2]}"#)!))
    builder.apply(.trace("", TraceLine.parse(#"{"type":"await","t":0,"id":2,"on":"sleep 1s","tasks":[]}"#)!))
    builder.apply(.trace("", TraceLine.parse(#"{"type":"await","t":1,"id":2,"on":"Semaphore","tasks":[]}"#)!))
    builder.apply(.trace("", TraceLine(type: "stuck", t: 1)))
    builder.finish(status: 124, standardError: "")
    let facts = builder.facts
    #expect(facts.stuck && facts.hungOnVirtualTime && facts.hungAfter == 1)
    #expect(facts.waits == [1: "task #2", 2: "Semaphore"])
    #expect(ExerciseChecker.evaluate([.exit(0)], on: facts).map(\.line) == [
      "✗ the program never finished: every task was waiting and nothing could wake them (worker(1) waits on Semaphore.acquire)",
      "✗ the program never exited by itself; the exercise asks for status 0",
    ])
    let run = ExerciseChecker.evaluate([], on: facts)[0]
    #expect(run.rows == [2])
    #expect(run.instant == 1)
  }

  @Test func theSentenceGroupsTasksByWhatTheyWaitOnAndSaysThreeGroupsAtMost() {
    typealias Waiting = (label: String, on: String?)
    let sentence = { (waiting: [Waiting]) in ExerciseChecker.stuckSentence(waiting) }
    #expect(sentence([("main()", "Queue.join"), ("worker(1)", "Queue.get"), ("worker(2)", "Queue.get")])
      == "the program never finished: every task was waiting and nothing could wake them (main() waits on Queue.join; worker(1), worker(2) wait on Queue.get)")
    #expect(sentence([("a()", "Lock"), ("b()", "Lock"), ("c()", "Lock"), ("d()", "Lock"), ("e()", "Lock")])
      == "the program never finished: every task was waiting and nothing could wake them (a(), b(), c() and 2 more wait on Lock.acquire)")
    #expect(sentence([("a()", "Event"), ("b()", "Condition"), ("c()", "Barrier"), ("d()", "future")])
      == "the program never finished: every task was waiting and nothing could wake them (a() waits on Event.wait; b() waits on Condition.wait; c() waits on Barrier.wait; and more)")
    #expect(sentence([("main()", nil)])
      == "the program never finished: every task was waiting and nothing could wake them (main() waits)")
    #expect(sentence([]) == "the program never finished: every task was waiting and nothing could wake them")
  }

  @Test func withNoTaskWaitingOnAnythingButTasksEveryPendingTaskIsNamed() {
    var facts = RunFacts()
    facts.tasks = [
      RunFacts.TaskFact(id: 1, label: "main()", created: 0),
      RunFacts.TaskFact(id: 2, label: "child()", parent: 1, created: 0),
      RunFacts.TaskFact(id: 3, label: "done()", parent: 1, created: 0, ended: 0.5, end: "finished"),
    ]
    facts.waits = [1: "gather #1", 2: "TaskGroup #1"]
    #expect(facts.waitingTasks.map(\.task.id) == [1, 2])
    facts.waits[2] = "Queue.put"
    #expect(facts.waitingTasks.map(\.task.id) == [2])
  }
}
