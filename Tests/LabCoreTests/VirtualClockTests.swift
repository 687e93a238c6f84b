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
    /// The program's printed lines (its stdout arrives in chunks, timed on arrival on the real clock).
    var output: [String] {
      lines.filter { $0.type == "output" }.compactMap(\.text).joined().split(separator: "\n").map(String.init)
    }
    /// The tracer's own lines: all on the loop's clock.
    var tracerTexts: [String] { zip(texts, lines).filter { $0.1.type != "output" }.map(\.0) }
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
        case .errorOutput:
          break
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
  func theSameProgramAndSeedGiveByteIdenticalJSONTenTimes(_ minor: Int) async throws {
    let program = """
      import asyncio, random
      async def fetch(name, seconds):
          await asyncio.sleep(seconds)
          print(name, "done")
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
      for _ in 1..<10 {
        let again = try await Self.trace(program, minor: minor, clock: .virtual(seed: seed))
        #expect(again.tracerTexts == first.tracerTexts, "seed \(seed)")
        #expect(again.output == first.output, "seed \(seed)")
      }
    }
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
  func aThreadKeepsRealTimeWhileATimerBesideItStillFiresAtOne(_ minor: Int) async throws {
    let traced = try await Self.trace("""
      import asyncio, time
      async def blocking():
          await asyncio.to_thread(time.sleep, 0.2)
      async def timer():
          await asyncio.sleep(1)
      async def main():
          await asyncio.gather(blocking(), timer())
      asyncio.run(main())
      """, minor: minor)
    #expect(traced.outcome.status == 0)
    #expect(traced.ends("timer()") == [1.0])
    let start = try #require(traced.started("blocking()"))
    let end = try #require(traced.ends("blocking()").first)
    #expect(end - start >= 0.2)
    #expect(end < 1.0)
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
