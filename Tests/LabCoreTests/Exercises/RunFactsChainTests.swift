import Foundation
import LabCore
import Testing

/// The tracer's `chain` lines, reduced: each task keeps the coroutines seen on its await chain.
@Suite struct RunFactsChainTests {
  static func facts(_ lines: [String]) -> RunFacts {
    var builder = RunFactsBuilder()
    for line in lines { builder.apply(.trace(line, TraceLine.parse(line)!)) }
    builder.finish(status: 0, standardError: "")
    return builder.facts
  }

  static func event(_ t: Double, _ id: Int, _ task: String, _ event: String) -> String {
    #"{"type":"event","t":\#(t),"id":\#(id),"task":"\#(task)","parent":\#(id == 1 ? "null" : "1"),"gather":null,"group":null,"event":"\#(event)"}"#
  }

  @Test func aTaskKeepsEachCoroutineSeenOnItsChainOnceInOrder() {
    let facts = Self.facts([
      Self.event(0, 1, "main()", "started"),
      Self.event(0, 2, "fetch_one('a')", "started"),
      #"{"type":"chain","t":1.0,"id":2,"coroutines":["fetch_one('a')","download('a')"]}"#,
      #"{"type":"chain","t":1.0,"id":2,"coroutines":["fetch_one('a')","retry('a')"]}"#,
      Self.event(1, 2, "fetch_one('a')", "cancelled"),
      Self.event(1, 1, "main()", "finished"),
    ])
    #expect(facts.tasks.map(\.chain) == [[], ["fetch_one('a')", "download('a')", "retry('a')"]])
    #expect(facts.tasks[1].runs("download"))
    #expect(facts.tasks[1].inside("download") == "download('a')")
    #expect(facts.tasks[1].inside("fetch_one") == nil)  // the task itself, not inside it
    #expect(!facts.tasks[1].runs("upload"))
  }

  /// A task cancelled before its first step: its chain line comes before any of its events.
  @Test func aChainSeenBeforeItsTaskIsKeptForIt() {
    let facts = Self.facts([
      Self.event(0, 1, "main()", "started"),
      #"{"type":"chain","t":0.0,"id":2,"coroutines":["guarded(<coroutine>)"]}"#,
      Self.event(0, 2, "guarded(<coroutine>)", "waiting"),
      Self.event(0, 2, "guarded(<coroutine>)", "started"),
      Self.event(0, 2, "guarded(<coroutine>)", "cancelled"),
      Self.event(1, 1, "main()", "finished"),
    ])
    #expect(facts.tasks.first { $0.id == 2 }?.chain == ["guarded(<coroutine>)"])
  }

  /// Lines a chain needs but lacks (no id, no coroutines) change nothing.
  @Test func aChainLineWithoutItsFieldsIsIgnored() {
    let facts = Self.facts([
      Self.event(0, 1, "main()", "started"),
      Self.event(0, 2, "fetch_one('a')", "started"),
      #"{"type":"chain","t":1.0,"coroutines":["download('a')"]}"#,
      #"{"type":"chain","t":1.0,"id":2}"#,
    ])
    #expect(facts.tasks.map(\.chain) == [[], []])
  }
}
