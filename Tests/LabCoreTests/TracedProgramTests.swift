import Foundation
import LabCore
import Synchronization
import Testing
import TestSupport

/// `trace`'s tracer on programs written for these tests, under every CPython this machine has
/// (3.11 on PATH; 3.12 and 3.13 from pyenv when installed — the others are skipped by name).
/// This suite runs in the parallel unit phase, beside everything else: a test that asserts an
/// instant or an order the sleeps decide runs on virtual time (exact instants whatever the load,
/// DESIGN §13); the ones left on the real clock assert only what a loaded machine cannot change
/// (which tasks, which events, which joins, the order of one pipe's chunks).
@Suite(.timeLimit(.minutes(2)))
struct TracedProgramTests {
  /// The interpreters to run each program under: the ones this machine has. The tests below
  /// name the ones that are missing.
  static let versions = [11, 12, 13].filter { interpreter($0) != nil }

  @Test(.enabled(if: interpreter(11) != nil, "no python3 3.11+ on PATH: the tracer tests on it are skipped"))
  func python311IsHere() {}
  @Test(.enabled(if: interpreter(12) != nil, "no pyenv Python 3.12: the tracer tests on 3.12 are skipped"))
  func python312IsHere() {}
  @Test(.enabled(if: interpreter(13) != nil, "no pyenv Python 3.13: the tracer tests on 3.13 are skipped"))
  func python313IsHere() {}

  static func interpreter(_ minor: Int) -> String? {
    if minor == 11, let python3 = PythonForTests.python3 { return python3 }
    return PythonForTests.pyenv(minor)
  }

  struct Traced {
    var lines: [TraceLine]
    var outcome: TracedProgram.Outcome

    var tasks: [String] { lines.filter { $0.type == "event" && $0.event == "waiting" }.compactMap(\.task) }
    func events(_ task: String) -> [String] {
      lines.filter { $0.type == "event" && $0.task == task }.compactMap(\.event)
    }
    var joins: [String] { lines.filter { $0.type == "join" }.compactMap(\.label) }
    /// Everything the program wrote to its stdout, as the chunks arrived.
    var standardOutput: String { lines.filter { $0.type == "output" }.compactMap(\.text).joined() }
    /// The program's stdout lines.
    var output: [String] {
      var lines = standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if lines.last == "" { lines.removeLast() }
      return lines
    }
  }

  static func trace(
    _ source: String, minor: Int, arguments: [String] = [], lineBuffered: Bool = false, clock: PythonClock = .real,
    environment: [String: String] = [:]
  ) async throws -> Traced {
    let path = try #require(interpreter(minor))
    let python = try PythonInterpreter.find(explicit: path, environment: [:])
    let directory = try TemporaryDirectory(files: ["program.py": source])
    var program = TracedProgram(interpreter: python, path: directory.path + "/program.py", arguments: arguments)
    program.passesStandardInput = false
    program.lineBuffered = lineBuffered
    program.pythonClock = clock
    program.environment = environment
    let lines = Mutex<[TraceLine]>([])
    let outcome = try await program.run { messages in
      for message in messages {
        switch message {
        case .trace(_, let line): lines.withLock { $0.append(line) }
        case .output(let time, let text): lines.withLock { $0.append(TraceLine(type: "output", t: time, text: text)) }
        case .errorOutput(let time, let text): lines.withLock { $0.append(TraceLine(type: "error-output", t: time, text: text)) }
        }
      }
    }
    return Traced(lines: lines.withLock { $0 }, outcome: outcome)
  }

  @Test(arguments: versions)
  func nestedGathersShowEveryTaskWithItsArgumentsAndEachJoin(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio
      async def fetch(what, n):
          await asyncio.sleep(0.02 * n)
          return what
      async def main():
          await asyncio.gather(fetch("profile", 1), asyncio.gather(fetch("posts", 2), fetch("likes", 1)))
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.tasks.sorted() == ["fetch('likes', 1)", "fetch('posts', 2)", "fetch('profile', 1)", "main()"])
    #expect(traced.events("fetch('posts', 2)") == ["waiting", "started", "finished"])
    #expect(traced.joins == ["gather returned", "gather returned"])
    let gathers = traced.lines.filter { $0.type == "gather" }
    #expect(gathers.count == 2)
    let main = try #require(traced.lines.first { $0.task == "main()" }?.id)
    #expect(traced.lines.filter { $0.type == "event" && $0.task != "main()" }.allSatisfy { $0.parent == main })
    #expect(traced.lines.filter { $0.task?.hasPrefix("fetch") == true }.allSatisfy { $0.gather != nil })
  }

  @Test(arguments: versions)
  func aTaskGroupWhoseChildFailsCancelsTheOthersAndRaises(_ minor: Int) async throws {
    // On virtual time, so that the 1 s child is still asleep when its 0.02 s sibling fails
    // however loaded the machine (on the real clock a stall of a second ends it first). Fails
    // if the sibling is not cancelled or the group does not raise the child's error.
    let traced = try await Self.trace("""
      import asyncio
      async def slow():
          await asyncio.sleep(1)
      async def fail():
          await asyncio.sleep(0.02)
          raise ValueError("boom")
      async def main():
          try:
              async with asyncio.TaskGroup() as group:
                  group.create_task(slow())
                  group.create_task(fail())
          except* ValueError:
              pass
      asyncio.run(main())
      """, minor: minor, clock: .virtual(seed: 0))
    #expect(traced.events("slow()") == ["waiting", "started", "cancelled"])
    #expect(traced.events("fail()") == ["waiting", "started", "failed"])
    #expect(traced.lines.first { $0.task == "fail()" && $0.event == "failed" }?.error == "ValueError: boom")
    #expect(traced.joins == ["TaskGroup raised ExceptionGroup(ValueError: boom)"])
    #expect(traced.lines.filter { $0.task == "slow()" }.allSatisfy { $0.group != nil })
  }

  @Test(arguments: versions)
  func labelsAndWaitsAreReadWithoutMakingTheCoroutinesFrameObjects(_ minor: Int) async throws {
    // A frame object (and a dict of its locals) made for each task would live as long as the
    // task, for the collector to walk: a coroutine's referents list its frame object once made.
    let traced = try await Self.trace("""
      import asyncio, gc, types
      async def work(n, name, *rest, option=None):
          def keep(): return n
          await asyncio.sleep(0.05)
          return n
      async def main():
          tasks = [asyncio.create_task(work(n, "w", [1, 2], option=3)) for n in range(3)]
          await asyncio.sleep(0.01)
          frames = [o for t in tasks for c in (t.get_coro(), t.get_coro().cr_await)
                    for o in gc.get_referents(c) if type(o) is types.FrameType]
          print("frames", len(frames))
          await asyncio.gather(*tasks)
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.output == ["frames 0"])
    #expect(traced.tasks == ["main()", "work(0, 'w')", "work(1, 'w')", "work(2, 'w')"])
    let waits = traced.lines.filter { $0.type == "await" && $0.id != 1 }.compactMap(\.on)
    #expect(waits == ["sleep 0.05s", "sleep 0.05s", "sleep 0.05s"])
  }

  @Test(arguments: versions)
  func aTaskEndsAsItsLastStepEndsBeforeTheNextCallbackRuns(_ minor: Int) async throws {
    // Its end is reported from the step that ended it, not from a done callback a loop
    // iteration later: here, before the task it woke up makes a Semaphore in its next step.
    let traced = try await Self.trace("""
      import asyncio
      async def first(event):
          event.set()
          return 1
      async def second(event):
          await event.wait()
          asyncio.Semaphore()
      async def main():
          event = asyncio.Event()
          await asyncio.gather(second(event), first(event))
      asyncio.run(main())
      """, minor: minor)
    let ended = try #require(traced.lines.firstIndex { $0.task == "first(<Event>)" && $0.event == "finished" })
    let secondStep = try #require(traced.lines.firstIndex { $0.type == "uses" && $0.label == "Semaphore" })
    #expect(ended < secondStep)
  }

  @Test(arguments: versions)
  func aGatherThatRaisesNamesTheTasksStillRunningAsOrphans(_ minor: Int) async throws {
    // On virtual time: the join at 0.04 s and the late task's end at 0.5 s are exact, so a
    // loaded machine's loop lag cannot end the late task before the join (on the real clock the
    // join named no orphan on 3.12 at load 26, 1 run in 3, and on 3.13 in release before). Still
    // fails if the join names no orphans or the wrong one, or if either instant is off.
    let traced = try await Self.trace("""
      import asyncio
      async def work(n, fails):
          await asyncio.sleep(0.02 * n)
          if fails:
              raise RuntimeError("no")
          return n
      async def main():
          try:
              await asyncio.gather(work(1, False), work(2, True), work(25, False))
          except RuntimeError:
              await asyncio.sleep(0.6)  # the late task ends after the join
      asyncio.run(main())
      """, minor: minor, clock: .virtual(seed: 0))
    #expect(traced.events("work(1, False)") == ["waiting", "started", "finished"])
    #expect(traced.events("work(2, True)") == ["waiting", "started", "failed"])
    #expect(traced.events("work(25, False)") == ["waiting", "started", "finished"])
    #expect(traced.joins == ["gather raised RuntimeError: no"])
    let late = try #require(traced.lines.first { $0.task == "work(25, False)" }?.id)
    let join = try #require(traced.lines.first { $0.type == "join" })
    #expect(join.orphans == [late])
    #expect(join.t == 0.04)
    #expect(traced.lines.first { $0.task == "work(25, False)" && $0.event == "finished" }?.t == 0.5)
  }

  @Test(arguments: versions)
  func returnExceptionsWaitsForEveryTaskAndCancelsNothing(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio
      async def work(n, fails):
          await asyncio.sleep(0.02 * n)
          if fails:
              raise RuntimeError("no")
          return n
      async def main():
          print(await asyncio.gather(work(1, True), work(2, False), return_exceptions=True))
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.events("work(1, True)") == ["waiting", "started", "failed"])
    #expect(traced.events("work(2, False)") == ["waiting", "started", "finished"])
    #expect(traced.joins == ["gather returned"])
    #expect(traced.output == ["[RuntimeError('no'), 2]"])
  }

  @Test(arguments: versions)
  func aTimeoutSetsADeadlineAndCancelsTheLateTask(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio
      async def late():
          await asyncio.sleep(5)
      async def main():
          try:
              await asyncio.wait_for(late(), 0.05)
          except TimeoutError:
              print("timed out")
          try:
              async with asyncio.timeout(0.05):
                  await asyncio.create_task(late())
          except TimeoutError:
              print("timed out")
      asyncio.run(main())
      """, minor: minor)
    let deadlines = traced.lines.filter { $0.type == "deadline" }.compactMap(\.t)
    #expect(deadlines.count == 2)
    // 3.11's wait_for wraps the coroutine in a task of its own; 3.12's awaits it in the caller.
    #expect(traced.lines.filter { $0.task == "late()" && $0.event == "cancelled" }.count == (minor == 11 ? 2 : 1))
    #expect(traced.output == ["timed out", "timed out"])
  }

  @Test(arguments: versions)
  func namedTasksKeepTheirNames(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio
      async def work():
          await asyncio.sleep(0.01)
      async def main():
          first = asyncio.create_task(work(), name="worker-1")
          async with asyncio.TaskGroup() as group:
              group.create_task(work(), name="worker-2")
          await first
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.tasks.sorted() == ["main()", "worker-1", "worker-2"])
  }

  @Test(arguments: versions)
  func aForgottenAwaitPrintsTheFutureAndTheTasksStillRun(_ minor: Int) async throws {
    // On virtual time: A's 0.01 s sleep ends before main's 0.05 s one at exact instants. On the
    // real clock a stall of 40 ms before A's first step put main's timer first, asyncio.run
    // cancelled A, and the test failed under load. Fails if the gather's future is not what is
    // printed, or the unawaited tasks do not run to their end.
    let traced = try await Self.trace("""
      import asyncio
      async def work(name):
          await asyncio.sleep(0.01)
          return name
      async def main():
          print(asyncio.gather(work("A"), work("B")))
          await asyncio.sleep(0.05)
      asyncio.run(main())
      """, minor: minor, clock: .virtual(seed: 0))
    #expect(traced.output.first?.hasPrefix("<_GatheringFuture") == true)
    #expect(traced.events("work('A')") == ["waiting", "started", "finished"])
    #expect(traced.lines.first { $0.task == "work('A')" && $0.event == "finished" }?.t == 0.01)
  }

  static let printsAroundASleep = """
    import asyncio, sys
    async def work():
        print("before")
        await asyncio.sleep(0.1)
        print("after", end="")
        sys.stdout.flush()
    asyncio.run(work())
    """

  @Test(arguments: versions)
  func printedLinesAreTimedInOrderWithTheTasks(_ minor: Int) async throws {
    // On virtual time, where each write is timed at its loop instant whatever the load (on the
    // real clock both writes are timed on arrival, a loaded machine can deliver "before" late, and
    // the 0.09 s gap this asserted failed at load 30+). Fails if a write is timed anywhere but at
    // its instant (its arrival, the program's end), or handed on after its task's end.
    let traced = try await Self.trace(Self.printsAroundASleep, minor: minor, lineBuffered: true, clock: .virtual(seed: 0))
    #expect(traced.standardOutput == "before\nafter")
    let before = try #require(traced.lines.first { $0.type == "output" }?.t)
    let after = try #require(traced.lines.first { $0.type == "output" && $0.text?.contains("after") == true }?.t)
    let finished = try #require(traced.lines.first { $0.event == "finished" }?.t)
    #expect(before == 0)
    #expect(after == 0.1)
    #expect(finished == 0.1)
    let afterIndex = try #require(traced.lines.firstIndex { $0.type == "output" && $0.text?.contains("after") == true })
    let finishedIndex = try #require(traced.lines.firstIndex { $0.event == "finished" })
    #expect(afterIndex < finishedIndex, "the write is handed on before the end of the task that made it")
  }

  @Test(arguments: versions)
  func onTheRealClockAPartialLineArrivesAsFlushedAndInOrder(_ minor: Int) async throws {
    // On the real clock output is timed on arrival, which load can delay by any amount: only
    // what arrives and its order are asserted. Fails if the partial line is lost, or joined
    // to or put before "before".
    let traced = try await Self.trace(Self.printsAroundASleep, minor: minor, lineBuffered: true)
    // A partial line arrives as it is flushed, not as a line of its own later (the chunks may be
    // smaller: PYTHONUNBUFFERED writes "before" and its newline apart).
    #expect(traced.standardOutput == "before\nafter")
    let before = try #require(traced.lines.first { $0.type == "output" }?.t)
    let after = try #require(traced.lines.first { $0.type == "output" && $0.text?.contains("after") == true }?.t)
    #expect(before <= after)
  }

  @Test(arguments: versions)
  func aProgramThatRaisesGivesItsTracebackWithoutTheBootstrapAndItsStatus(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio
      async def main():
          raise KeyError("missing")
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 1)
    #expect(traced.outcome.standardError.hasPrefix("Traceback (most recent call last):\n  File \""))
    #expect(traced.outcome.standardError.hasSuffix("KeyError: 'missing'\n"))
    #expect(!traced.outcome.standardError.contains("<string>"))
    #expect(traced.events("main()") == ["waiting", "started", "failed"])
  }

  @Test(arguments: versions)
  func aSyntaxErrorRunsNothingAndSaysWhere(_ minor: Int) async throws {
    let traced = try await Self.trace("import asyncio\nasync def main(:\n    pass\n", minor: minor)
    #expect(traced.outcome.status == 1)
    #expect(traced.tasks.isEmpty)
    #expect(traced.outcome.standardError.contains("program.py\", line 2"))
    #expect(traced.outcome.standardError.contains("SyntaxError"))
    #expect(!traced.outcome.standardError.contains("runpy"))
  }

  @Test(arguments: versions)
  func asyncioRunsOwnShutdownTasksAreHidden(_ minor: Int) async throws {
    let traced = try await Self.trace("import asyncio\nasync def main():\n    await asyncio.to_thread(print, 'x')\nasyncio.run(main())\n", minor: minor)
    #expect(traced.tasks == ["main()"])
    #expect(traced.lines.filter { $0.type == "hidden" }.count >= 1)
    #expect(traced.joins.isEmpty, "asyncio.run's own gather draws no join")
  }

  @Test(arguments: versions)
  func eachTaskSaysWhatItWaitsOnWhenThatChanges(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio
      async def child(queue, lock, event):
          async with lock:
              await asyncio.sleep(0.02)
          await event.wait()
          return await queue.get()
      async def main():
          queue, lock, event = asyncio.Queue(), asyncio.Lock(), asyncio.Event()
          first = asyncio.create_task(child(queue, lock, event))
          second = asyncio.create_task(child(queue, lock, event))
          await asyncio.sleep(0.1)
          event.set()
          await asyncio.sleep(0.05)
          queue.put_nowait(1)
          queue.put_nowait(2)
          await first
          async with asyncio.TaskGroup() as group:
              group.create_task(asyncio.sleep(0.01))
          await asyncio.gather(second, asyncio.to_thread(sum, [1]))
      asyncio.run(main())
      """, minor: minor)
    let awaits = traced.lines.filter { $0.type == "await" }
    func on(_ id: Int) -> [String] { awaits.filter { $0.id == id }.compactMap(\.on) }
    #expect(on(1).starts(with: ["sleep 0.1s", "sleep 0.05s", "task #2", "TaskGroup #1", "gather #2"]))
    // The children's later waits depend on how fast the machine runs them (the event may be set
    // before the second one gets there); their first ones do not.
    #expect(on(2).first == "sleep 0.02s")
    #expect(on(3).first == "Lock")
    #expect(Set(on(2) + on(3)).isSubset(of: ["sleep 0.02s", "Lock", "Event", "Queue.get"]))
    #expect(awaits.first { $0.on == "task #2" }?.tasks == [2])
    #expect(traced.tasks.contains("sleep(0.01, None)"))
    #expect(on(4) == ["sleep 0.01s"])
    #expect(on(5) == ["thread"])
  }

  @Test(.enabled(if: interpreter(12) != nil, "no pyenv Python 3.12: the eager task factory test is skipped"))
  func theEagerTaskFactoryOfPython312IsStillTraced() async throws {
    let traced = try await Self.trace("""
      import asyncio
      async def quick(n):
          return n
      async def main():
          asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
          await asyncio.gather(quick(1), quick(2))
      asyncio.run(main())
      """, minor: 12)
    #expect(traced.events("quick(1)") == ["waiting", "started", "finished"])
    #expect(traced.events("quick(2)") == ["waiting", "started", "finished"])
  }
}
