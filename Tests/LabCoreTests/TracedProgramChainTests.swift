import Foundation
import LabCore
import Testing
import TestSupport

/// The tracer's `chain` lines (what a cancelled task was running), under every CPython 3.11+
/// this machine has, on virtual time: the program's own coroutines on the task's await chain,
/// outermost first, for the cancelled task and for the task awaiting it; none for a task never
/// cancelled; the program's objects never touched.
@Suite(.timeLimit(.minutes(2)))
struct TracedProgramChainTests {
  static let versions = TracedProgramTests.versions

  /// Each chain line as "label: coroutines" by the task's label, in the order written.
  static func chains(_ traced: TracedProgramTests.Traced) -> [String] {
    var labels: [Int: String] = [:]
    for line in traced.lines where line.type == "event" {
      if let id = line.id, let task = line.task { labels[id] = task }
    }
    return traced.lines.filter { $0.type == "chain" }.map { line in
      (line.id.flatMap { labels[$0] } ?? "?") + ": " + (line.coroutines ?? []).joined(separator: " > ")
    }
  }

  @Test(arguments: versions)
  func aCancelledTaskSaysWhichOfTheProgramsCoroutinesItWasRunning(_ minor: Int) async throws {
    let traced = try await TracedProgramTests.trace("""
      import asyncio
      async def download(url):
          await asyncio.sleep(5)
      async def fetch_one(url):
          return await download(url)
      async def guarded(work):
          return await work
      async def follow(task):
          return await task
      async def cancel_myself():
          async def deep():
              asyncio.current_task().cancel()
              await asyncio.sleep(0)
          await deep()
      async def main():
          a = asyncio.create_task(fetch_one("a"))
          b = asyncio.create_task(guarded(download("b")), name="named")
          inner = asyncio.create_task(download("inner"))
          outer = asyncio.create_task(follow(inner))
          never = asyncio.create_task(download("never"))
          sleeper = asyncio.create_task(asyncio.sleep(5))
          kept = asyncio.create_task(fetch_one("kept"))
          never.cancel()
          await asyncio.sleep(1)
          a.cancel()
          b.cancel()
          inner.cancel()
          sleeper.cancel()
          await asyncio.gather(a, b, outer, never, sleeper, return_exceptions=True)
          try:
              await asyncio.create_task(cancel_myself())
          except asyncio.CancelledError:
              pass
          kept.cancel()
          await asyncio.gather(kept, return_exceptions=True)
      asyncio.run(main())
      """, minor: minor, clock: .virtual(seed: 0))
    #expect(traced.outcome.status == 0)
    #expect(Self.chains(traced) == [
      "download('never'): download('never')",
      "fetch_one('a'): fetch_one('a') > download('a')",
      "named: guarded(<coroutine>) > download('b')",
      "download('inner'): download('inner')",
      // follow() awaits the inner task: the CancelledError reaches it with no cancel() of its own.
      "follow(<Task>): follow(<Task>)",
      // (asyncio.sleep's own task: nothing of the program's, no line)
      "cancel_myself(): cancel_myself() > deep()",
      // main() awaits that task: the CancelledError reaches main() next (it catches it).
      "main(): main()",
      "fetch_one('kept'): fetch_one('kept') > download('kept')",
    ])
  }

  /// An awaitable of the program's whose attributes raise is never looked into.
  @Test(arguments: versions)
  func theProgramsOwnAwaitablesAreNeverTouched(_ minor: Int) async throws {
    let traced = try await TracedProgramTests.trace("""
      import asyncio
      class Touchy:
          def __init__(self, future): self.future = future
          def __await__(self): return (yield from self.future)
          def __getattr__(self, name): raise RuntimeError("touched " + name)
          def __repr__(self): raise RuntimeError("repr")
      async def wait_on(touchy):
          return await touchy
      async def main():
          task = asyncio.create_task(wait_on(Touchy(asyncio.get_running_loop().create_future())))
          await asyncio.sleep(0.5)
          task.cancel()
          try:
              await task
          except asyncio.CancelledError:
              print("cancelled")
      asyncio.run(main())
      """, minor: minor, clock: .virtual(seed: 0))
    #expect(traced.output == ["cancelled"])
    #expect(traced.outcome.status == 0)
    #expect(Self.chains(traced) == ["wait_on(<Touchy>): wait_on(<Touchy>) > __await__()"])
  }

  /// A program that never cancels gets no chain line.
  @Test(arguments: versions)
  func aProgramThatNeverCancelsHasNoChainLine(_ minor: Int) async throws {
    let traced = try await TracedProgramTests.trace("""
      import asyncio
      async def work(n):
          await asyncio.sleep(0.1 * n)
      async def main():
          await asyncio.gather(*(work(n) for n in range(5)))
      asyncio.run(main())
      """, minor: minor, clock: .virtual(seed: 0))
    #expect(traced.tasks.count == 6)
    #expect(Self.chains(traced) == [])
  }
}
