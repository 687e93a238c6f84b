import Foundation
import LabCore
import Synchronization
import Testing
import TestSupport

/// `trace --clock virtual` (DESIGN §13): `_gatherlab_clock.py` under every CPython this machine
/// has (3.11 on PATH; 3.12 and 3.13 from pyenv — TracedProgramTests names the ones skipped).
/// Nothing here reads the wall clock but the lower bound on a thread's real sleep.
@Suite(.timeLimit(.minutes(3)))
struct VirtualClockTests {
  static let versions = TracedProgramTests.versions

  struct Traced {
    var texts: [String]
    var lines: [TraceLine]
    var outcome: TracedProgram.Outcome

    func ends(_ task: String) -> [Double] {
      lines.filter { $0.type == "event" && $0.task == task && ["finished", "failed", "cancelled"].contains($0.event) }.compactMap(\.t)
    }
    func started(_ task: String) -> Double? { lines.first { $0.type == "event" && $0.task == task && $0.event == "started" }?.t }
    /// The program's printed lines (its stdout's writes, timed on the loop's clock).
    var output: [String] {
      lines.filter { $0.type == "output" }.compactMap(\.text).joined().split(separator: "\n").map(String.init)
    }
    /// Each write's instant and text, stdout's and stderr's (marked "2: "), in order.
    var writes: [String] {
      lines.filter { $0.type == "output" || $0.type == "error-output" }.map { line in
        String(format: "%.3f ", line.t ?? -1) + (line.type == "error-output" ? "2: " : "") + (line.text ?? "")
      }
    }
    var clock: TraceLine? { lines.first { $0.type == "clock" } }
  }

  static func trace(_ source: String, minor: Int, clock: PythonClock = .virtual(seed: 0)) async throws -> Traced {
    let path = try #require(TracedProgramTests.interpreter(minor))
    let python = try PythonInterpreter.find(explicit: path, environment: [:])
    let directory = try TemporaryDirectory(files: ["program.py": source])
    var program = TracedProgram(interpreter: python, path: directory.path + "/program.py", arguments: [])
    program.passesStandardInput = false
    program.pythonClock = clock
    let seen = Mutex<(texts: [String], lines: [TraceLine])>(([], []))
    let outcome = try await program.run { messages in
      for message in messages {
        switch message {
        case .trace(let text, let line): seen.withLock { $0.texts.append(text); $0.lines.append(line) }
        case .errorOutput(let time, let text):
          seen.withLock {
            $0.texts.append(TraceLine.outputJSON(time: time, text: text, type: "error-output"))
            $0.lines.append(TraceLine(type: "error-output", t: time, text: text))
          }
        case .output(let time, let text):
          seen.withLock {
            $0.texts.append(TraceLine.outputJSON(time: time, text: text))
            $0.lines.append(TraceLine(type: "output", t: time, text: text))
          }
        }
      }
    }
    return seen.withLock { Traced(texts: $0.texts, lines: $0.lines, outcome: outcome) }
  }

  static let sleeps = """
    import asyncio
    async def nap(seconds):
        await asyncio.sleep(seconds)
        return seconds
    async def main():
        print(await asyncio.gather(nap(1), nap(2), nap(3)))
    asyncio.run(main())
    """

  @Test(arguments: versions)
  func sleepsOfOneTwoAndThreeSecondsEndAtExactlyOneTwoAndThree(_ minor: Int) async throws {
    let traced = try await Self.trace(Self.sleeps, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.ends("nap(1)") == [1.0])
    #expect(traced.ends("nap(2)") == [2.0])
    #expect(traced.ends("nap(3)") == [3.0])
    #expect(traced.ends("main()") == [3.0])
    #expect(traced.output == ["[1, 2, 3]"])
    #expect(traced.clock?.clock == "virtual")
  }

  @Test(arguments: versions)
  func timeoutsWaitForAndCallAtFireAtTheirExactInstants(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio
      async def main():
          loop = asyncio.get_running_loop()
          try:
              async with asyncio.timeout(5):
                  await asyncio.sleep(7)
          except TimeoutError:
              print(f"timeout {loop.time():.4f}")
          try:
              await asyncio.wait_for(asyncio.sleep(7), 2)
          except TimeoutError:
              print(f"wait_for {loop.time():.4f}")
          try:
              async with asyncio.timeout_at(loop.time() + 1.5):
                  await asyncio.sleep(3)
          except TimeoutError:
              print(f"timeout_at {loop.time():.4f}")
          done = loop.create_future()
          loop.call_at(loop.time() + 0.25, done.set_result, None)
          loop.call_later(0.5, print, f"call_later")
          await done
          print(f"call_at {loop.time():.4f}")
          await asyncio.sleep(1)
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.output == ["timeout 5.0000", "wait_for 7.0000", "timeout_at 8.5000", "call_at 8.7500", "call_later"])
    #expect(traced.ends("main()") == [9.75])
  }

  @Test(arguments: versions.filter { $0 >= 12 })
  func theEagerTaskFactoryFollowsVirtualTimeToo(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio
      async def nap(seconds):
          await asyncio.sleep(seconds)
      async def main():
          asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
          await asyncio.gather(nap(1.5), nap(0.5))
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.ends("nap(1.5)") == [1.5])
    #expect(traced.ends("nap(0.5)") == [0.5])
  }

  @Test(arguments: versions)
  func theSameProgramAndSeedGiveByteIdenticalJSONWithItsOutputTenTimes(_ minor: Int) async throws {
    let program = """
      import asyncio, os, sys
      async def fetch(name, seconds):
          print(name, "starts,", end=" ", flush=True)
          await asyncio.sleep(seconds)
          print(name, "done")
          sys.stderr.write(f"{name} on stderr\\n")
          sys.stdout.buffer.write(f"{name} as bytes, café\\n".encode())
          os.write(1, b"[fd]")
          if name == "c":
              raise ValueError("c broke")
          return name
      async def main():
          try:
              async with asyncio.TaskGroup() as group:
                  for index, name in enumerate("abcdef"):
                      group.create_task(fetch(name, 1 + index % 3 * 0.5))
          except* ValueError:
              print("caught")
          print(await asyncio.gather(fetch("x", 1), fetch("y", 1), return_exceptions=True))
      asyncio.run(main())
      """
    for seed in [0, 7] {
      let first = try await Self.trace(program, minor: minor, clock: .virtual(seed: seed))
      #expect(first.outcome.status == 0)
      #expect(first.lines.count > 20)
      if seed == 0 { #expect(first.writes.contains("1.000 2: a on stderr\n")) }
      // (python3 -u writes each print; without -u stdout is block-buffered and goes in one write.)
      let stdout = first.lines.filter { $0.type == "output" }.compactMap(\.text).joined()
      #expect(stdout.contains("x as bytes, café\n"))
      #expect(stdout.contains("[fd]"))
      for _ in 1..<10 {
        let again = try await Self.trace(program, minor: minor, clock: .virtual(seed: seed))
        #expect(again.texts == first.texts, "seed \(seed)")
      }
    }
  }

  @Test(arguments: versions)
  func eachWriteIsTimedAtItsInstantAndPlacedAmongTheTasksEvents(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio, sys
      async def nap(seconds):
          await asyncio.sleep(seconds)
          sys.stdout.write(f"woke {seconds}")
          sys.stdout.flush()
          sys.stderr.write(f"{seconds} on stderr\\n")
          print(" and done", flush=True)
      async def main():
          await asyncio.gather(nap(2), nap(1))
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.outcome.standardError == "1 on stderr\n2 on stderr\n")
    // The writes and the tasks' ends in the order handed on, a stream's writes at one instant
    // joined (python3 -u writes print's end apart).
    var sequence: [String] = []
    for line in traced.lines {
      let time = String(format: "%.3f ", line.t ?? -1)
      switch line.type {
      case "output", "error-output":
        let text = (line.type == "output" ? "" : "2: ") + (line.text ?? "").replacingOccurrences(of: "\n", with: "⏎")
        if line.type == "output", let last = sequence.last, last.hasPrefix(time), !last.hasPrefix(time + "2: "), !last.hasSuffix(" finished") {
          sequence[sequence.count - 1] = last + text
        } else {
          sequence.append(time + text)
        }
      case "event" where line.event == "finished":
        sequence.append(time + (line.task ?? "") + " finished")
      default:
        break
      }
    }
    #expect(sequence == [
      "1.000 woke 1", "1.000 2: 1 on stderr⏎", "1.000  and done⏎", "1.000 nap(1) finished",
      "2.000 woke 2", "2.000 2: 2 on stderr⏎", "2.000  and done⏎", "2.000 nap(2) finished", "2.000 main() finished",
    ])
  }

  static let readyCallbacks = """
    import asyncio

    order = []


    async def step(name):
        order.append(name + ".1")
        await asyncio.sleep(0)
        order.append(name + ".2")


    async def main():
        loop = asyncio.get_running_loop()
        for i in range(4):
            loop.call_soon(order.append, f"soon{i}")
        tasks = [asyncio.create_task(step(f"t{i}")) for i in range(4)]
        future = loop.create_future()
        for i in range(4):
            future.add_done_callback(lambda _, i=i: order.append(f"done{i}"))
        loop.call_soon(future.set_result, None)
        await asyncio.gather(*tasks)
        await asyncio.sleep(0.5)
        for i in range(3):
            loop.call_soon(order.append, f"late{i}")
        await asyncio.sleep(0)
        print(" ".join(order))


    asyncio.run(main())
    """

  @Test(arguments: versions)
  func noSeedReordersReadyCallbacksTasksFirstStepsOrAFuturesDoneCallbacks(_ minor: Int) async throws {
    // As python3 runs it: call_soon in order, each task's first step in the order made, a
    // future's done callbacks in the order added (asyncio documents all three as FIFO).
    let fifo = "soon0 soon1 soon2 soon3 t0.1 t1.1 t2.1 t3.1 t0.2 t1.2 t2.2 t3.2 done0 done1 done2 done3 late0 late1 late2"
    for seed in 0...15 {
      let traced = try await Self.trace(Self.readyCallbacks, minor: minor, clock: .virtual(seed: seed))
      #expect(traced.outcome.status == 0)
      #expect(traced.output == [fifo], "seed \(seed)")
    }
  }

  @Test(arguments: versions)
  func timersDueAtTheSameInstantFireInAnOrderSomeSeedChanges(_ minor: Int) async throws {
    // asyncio leaves the order of callbacks scheduled for exactly the same time undefined.
    let program = """
      import asyncio
      async def main():
          loop = asyncio.get_running_loop()
          order = []
          await asyncio.sleep(1)
          now = loop.time()
          for i in range(5):
              loop.call_at(now, order.append, i)
          await asyncio.sleep(0.5)
          print(*order)
      asyncio.run(main())
      """
    var orders: [Int: String] = [:]
    for seed in 1...8 {
      let traced = try await Self.trace(program, minor: minor, clock: .virtual(seed: seed))
      orders[seed] = traced.output.first
    }
    #expect(Set(orders.values).count > 1, "\(orders)")
    #expect(orders.values.allSatisfy { $0.split(separator: " ").sorted() == ["0", "1", "2", "3", "4"] })
    let again = try await Self.trace(program, minor: minor, clock: .virtual(seed: 3))
    #expect(again.output.first == orders[3], "a seed replays its order")
  }

  @Test(arguments: versions)
  func aSeedMovesTimersWithinTenPercentAndSeedZeroDoesNot(_ minor: Int) async throws {
    let naps = (1...8).map { "nap(\($0))" }.joined(separator: ", ")
    let program = """
      import asyncio
      async def nap(n):
          await asyncio.sleep(1.0)
      async def main():
          await asyncio.gather(\(naps))
      asyncio.run(main())
      """
    let plain = try await Self.trace(program, minor: minor, clock: .virtual(seed: 0))
    #expect((1...8).allSatisfy { plain.ends("nap(\($0))") == [1.0] })
    let seeded = try await Self.trace(program, minor: minor, clock: .virtual(seed: 3))
    let ends = (1...8).compactMap { seeded.ends("nap(\($0))").first }
    #expect(ends.count == 8)
    #expect(ends.allSatisfy { (0.9...1.1).contains($0) })
    #expect(Set(ends).count > 1)
  }

  @Test(arguments: versions)
  func aThreadKeepsRealTimeWhileATimerBesideItStillFiresAtTen(_ minor: Int) async throws {
    // While the thread runs the clock follows real time, so the thread's 0.2 s must be done
    // before the timer's instant for that instant to be exact: the timer is at 10 s, 9.8 s of
    // real time of margin (at 1 s, a loaded machine's slow thread start-up took the rest and the
    // timer fired late). Fails if the clock jumps while the thread is pending (the thread would
    // end at or after 10), if it stays on real time after (the timer would not end at exactly 10),
    // or if the thread's real time is not counted (under 0.2 s).
    let traced = try await Self.trace("""
      import asyncio, time
      async def blocking():
          await asyncio.to_thread(time.sleep, 0.2)
      async def timer():
          await asyncio.sleep(10)
      async def main():
          await asyncio.gather(blocking(), timer())
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.ends("timer()") == [10.0])
    let start = try #require(traced.started("blocking()"))
    let end = try #require(traced.ends("blocking()").first)
    #expect(end - start >= 0.2)
    #expect(end < 10.0)
  }

  @Test(arguments: versions)
  func aBlockingSleepInACoroutineMovesTheClockByExactlyItsLength(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio, time
      async def blocker():
          time.sleep(0.25)
      async def main():
          await asyncio.gather(blocker(), asyncio.sleep(1))
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.ends("blocker()") == [0.25])
    #expect(traced.ends("main()") == [1.25])
  }

  @Test(arguments: versions)
  func aLocalhostSocketEchoCompletesOnVirtualTime(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio
      async def handle(reader, writer):
          data = await reader.readline()
          await asyncio.sleep(0.1)
          writer.write(data.upper())
          await writer.drain()
          writer.close()
      async def client(port):
          reader, writer = await asyncio.open_connection("127.0.0.1", port)
          writer.write(b"hello\\n")
          await writer.drain()
          print((await reader.readline()).decode().strip())
          writer.close()
      async def main():
          server = await asyncio.start_server(handle, "127.0.0.1", 0)
          port = server.sockets[0].getsockname()[1]
          async with server:
              await asyncio.wait_for(client(port), 5)
          await asyncio.sleep(2)
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.output == ["HELLO"])
  }

  @Test(arguments: versions)
  func aProgramWithItsOwnLoopRunsOnRealTimeAndTheTraceSaysWhy(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio
      class MyLoop(asyncio.SelectorEventLoop):
          pass
      async def main():
          await asyncio.sleep(0.05)
      loop = MyLoop()
      loop.run_until_complete(main())
      loop.close()
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.lines.filter { $0.type == "clock" }.count == 1)
    #expect(traced.clock?.clock == "real")
    #expect(traced.clock?.why == "the program installed its own event loop (MyLoop)")
    let end = try #require(traced.ends("main()").first)
    #expect(end >= 0.05)
  }

  @Test(arguments: versions)
  func aSignalTheProgramSendsItselfIsHandledBeforeTheClockJumpsToTheNextTimer(_ minor: Int) async throws {
    // The signal arrives at 1.0 (its handler's byte on the loop's wake-up pipe); the loop's next
    // timer is wait_for's, at 5.0. Fails if the clock jumps to 5.0 before it looks at the pipe:
    // the timeout would fire beside the signal and win.
    let traced = try await Self.trace("""
      import asyncio, os, signal
      async def main():
          loop = asyncio.get_running_loop()
          got = asyncio.Event()
          loop.add_signal_handler(signal.SIGUSR1, got.set)
          loop.call_later(1, os.kill, os.getpid(), signal.SIGUSR1)
          await asyncio.wait_for(got.wait(), 5)
          print("signal at", loop.time())
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.output == ["signal at 1.0"])
  }

  @Test(arguments: versions)
  func aThreadOfTheProgramsKeepsTheLoopOnRealTimeWhileItIsAlive(_ minor: Int) async throws {
    // A producer thread hands the loop three items 0.05 s apart; the loop waits for each with a
    // 1 s timeout. Fails if the clock jumps while the thread is alive: every wait would time out
    // in no real time. The timer beside them, at 10 s, fires at exactly 10 once the thread ended.
    let traced = try await Self.trace("""
      import asyncio, threading, time
      async def consume(queue):
          got = []
          while len(got) < 3:
              try:
                  got.append(await asyncio.wait_for(queue.get(), 1))
              except TimeoutError:
                  got.append("timed out")
          print(got)
      async def timer():
          await asyncio.sleep(10)
      async def main():
          loop, queue = asyncio.get_running_loop(), asyncio.Queue()
          def produce():
              for item in range(3):
                  time.sleep(0.05)
                  loop.call_soon_threadsafe(queue.put_nowait, item)
          threading.Thread(target=produce).start()
          await asyncio.gather(consume(queue), timer())
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.output == ["[0, 1, 2]"])
    #expect(traced.ends("timer()") == [10.0])
  }

  @Test(arguments: versions)
  func loopsInTwoThreadsAtOnceRunOnRealTimeAndSaySoThenTheClockIsVirtualAgain(_ minor: Int) async throws {
    // The main loop sleeps 0.05 s forty times; a thread's own loop sleeps 0.25 s and reads how
    // far the main one got. On real time, about five naps (a loaded machine makes it fewer);
    // fails with forty if the main loop's clock jumps while the other runs (each loop's jump would
    // move the other's clock). Once the thread's loop ended, a 100 s sleep takes exactly 100.
    let traced = try await Self.trace("""
      import asyncio, threading
      naps = 0
      def other():
          async def look():
              await asyncio.sleep(0.25)
              print("naps seen", naps)
          asyncio.run(look())
      async def main():
          global naps
          loop = asyncio.get_running_loop()
          thread = threading.Thread(target=other)
          thread.start()
          for _ in range(40):
              await asyncio.sleep(0.05)
              naps += 1
          await asyncio.to_thread(thread.join)
          before = loop.time()
          await asyncio.sleep(100)
          print("slept", loop.time() - before)
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    let seen = try #require(traced.output.first { $0.hasPrefix("naps seen ") }.flatMap { Int($0.dropFirst(10)) })
    #expect(seen < 10)
    #expect(traced.output.last == "slept 100.0")
    let clocks = traced.lines.filter { $0.type == "clock" }.map { [$0.clock ?? "", $0.why ?? ""] }
    #expect(clocks.first == ["virtual", ""])
    #expect(clocks.contains(["real", "event loops run in more than one thread at once"]))
    #expect(clocks.last == ["virtual", ""])
  }

  @Test(arguments: versions)
  func aBusyLoopOnTheLoopsClockOrOnAFlagATimerSetsEnds(_ minor: Int) async throws {
    // Every turn has a callback ready, so the loop never waits and never jumps: without the busy
    // loop's rule the clock never moves and both loops turn for ever (the suite's time limit).
    let traced = try await Self.trace("""
      import asyncio
      async def main():
          loop = asyncio.get_running_loop()
          deadline = loop.time() + 0.2
          while loop.time() < deadline:
              await asyncio.sleep(0)
          print("deadline passed", loop.time() >= 0.2)
          flag = []
          loop.call_later(0.1, flag.append, "set")
          while not flag:
              await asyncio.sleep(0)
          print("flag", flag[0])
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.output == ["deadline passed True", "flag set"])
  }

  @Test(arguments: versions)
  func aStepThatComputesOrWaitsOnTheLoopsThreadIsBlockingAndEndsAfterIt(_ minor: Int) async throws {
    // compute() spends 0.3 s of CPU time in one step; join() joins a thread's 0.3 s sleep on the
    // loop's thread (no CPU time: a wait only Linux's schedstat tells from a wait for a CPU). Each
    // holds the loop, so the clock moves on by about 0.3 s (less what a loaded machine kept the
    // thread waiting for a CPU), before the step's end is read: the task ends after it and a
    // "blocked" line says so. Fails with both at 0.0 and no "blocked"
    // line if the clock moves only after the tracer has read it, or not at all for the join.
    let traced = try await Self.trace("""
      import asyncio, threading, time
      async def compute():
          end = time.thread_time() + 0.3
          while time.thread_time() < end:
              pass
      async def join():
          thread = threading.Thread(target=time.sleep, args=(0.3,))
          thread.start()
          thread.join()
      async def main():
          await asyncio.create_task(compute())
          await asyncio.create_task(join())
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    let computed = try #require(traced.ends("compute()").first)
    let joined = try #require(traced.ends("join()").first)
    #expect((0.3...1.0).contains(computed))
    #expect((0.25...1.0).contains(joined - computed))
    let blocked = traced.lines.filter { $0.type == "blocked" }
    #expect(blocked.map(\.id) == [2, 3])
    #expect(blocked.allSatisfy { ($0.value.flatMap(Double.init) ?? 0) >= 0.25 })
  }

  @Test(arguments: versions)
  func aTimerSetAfterAStepBlockedIsDueFromTheBlocksEndAndItsOutputIsStampedThere(_ minor: Int) async throws {
    // Seen (exercise 21, a wrong solution joining a thread per pause): inside one step, a 0.3 s
    // join or 0.3 s of computing, then a print and a 0.2 s sleep. Under python3 the sleep is due
    // 0.5 s after the step began; on virtual time the clock moved only at the step's end, so the
    // sleep was due at 0.2, the print was stamped 0.0, and a crawl that python3 ends at 1.8 s
    // ended at 1.5. Now the loop's time() (and a write's stamp) counts the step's blocking so far.
    let traced = try await Self.trace("""
      import asyncio, threading, time
      def join():
          thread = threading.Thread(target=time.sleep, args=(0.3,))
          thread.start()
          thread.join()
      def compute():
          end = time.thread_time() + 0.3
          while time.thread_time() < end:
              pass
      async def step(block):
          block()
          print(block.__name__, "done")
          await asyncio.sleep(0.2)
      async def main():
          await asyncio.create_task(step(join), name="joined")
          await asyncio.create_task(step(compute), name="computed")
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    let joined = try #require(traced.ends("joined").first)
    let computed = try #require(traced.ends("computed").first)
    #expect((0.45...0.6).contains(joined), "\(joined)")   // 0.3 blocked (less a loaded machine's queueing) + 0.2
    #expect((0.45...0.6).contains(computed - joined), "\(computed - joined)")
    let writes = traced.lines.filter { $0.type == "output" && $0.text?.hasPrefix("join") == true }.compactMap(\.t)
    #expect(writes.count == 1 && (0.25...0.4).contains(writes[0]), "\(writes)")
    let computeWrite = traced.lines.filter { $0.type == "output" && $0.text?.hasPrefix("compute") == true }.compactMap(\.t)
    #expect(computeWrite.count == 1 && (0.25...0.4).contains(computeWrite[0] - joined), "\(computeWrite)")
  }

  @Test(arguments: versions)
  func exitStatusTracebackAndOutputPassThroughAsOnRealTime(_ minor: Int) async throws {
    let program = """
      import asyncio, sys
      async def main():
          await asyncio.sleep(1)
          print("before")
          sys.stdout.flush()
          raise SystemExit(3)
      asyncio.run(main())
      """
    let virtual = try await Self.trace(program, minor: minor)
    #expect(virtual.outcome.status == 3)
    #expect(virtual.output == ["before"])
    let failing = try await Self.trace("import asyncio\nasync def main():\n    await asyncio.sleep(2)\n    raise KeyError('k')\nasyncio.run(main())\n", minor: minor)
    #expect(failing.outcome.status == 1)
    #expect(failing.outcome.standardError.contains("KeyError: 'k'"))
    #expect(failing.ends("main()") == [2.0])
  }

  @Test(arguments: versions)
  func onRealTimeThereIsNoClockLine(_ minor: Int) async throws {
    let traced = try await Self.trace("import asyncio\nasyncio.run(asyncio.sleep(0.01))\n", minor: minor, clock: .real)
    #expect(traced.outcome.status == 0)
    #expect(traced.clock == nil)
  }
}
