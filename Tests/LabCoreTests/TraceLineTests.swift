import Foundation
import LabCore
import Testing

/// The tracer's lines as gatherlab reads them (a fast scan of flat objects, `JSONDecoder` for the
/// rest): each line must read exactly as `JSONDecoder` reads it.
struct TraceLineTests {
  /// What Foundation's decoder makes of `text`: the reference every read is held to.
  static func decoded(_ text: String) -> TraceLine? {
    try? JSONDecoder().decode(TraceLine.self, from: Data(text.utf8))
  }

  @Test func aTaskEventReadsEveryField() throws {
    let line = try #require(TraceLine.parse(
      #"{"type":"event","t":0.0123,"id":7,"task":"fetch('a', 1)","parent":1,"gather":2,"group":null,"event":"finished","value":"'a'"}"#
    ))
    var expected = TraceLine(type: "event", t: 0.0123, id: 7, task: "fetch('a', 1)", event: "finished")
    expected.parent = 1
    expected.gather = 2
    expected.value = "'a'"
    #expect(line == expected)
  }

  @Test func aJoinReadsItsOrphansAndSkipsTheKeysItDoesNotKeep() throws {
    let line = try #require(TraceLine.parse(
      #"{"type": "join", "t": 1.5, "gather": 3, "label": "gather raised ValueError: x", "outcome": "threw", "error": "ValueError: x", "orphans": [4, 5], "detail": true, "tasks": []}"#
    ))
    #expect(line.type == "join")
    #expect(line.t == 1.5)
    #expect(line.gather == 3)
    #expect(line.label == "gather raised ValueError: x")
    #expect(line.outcome == "threw")
    #expect(line.error == "ValueError: x")
    #expect(line.orphans == [4, 5])
  }

  @Test func aChainLineReadsItsCoroutinesInOrder() throws {
    let line = try #require(TraceLine.parse(#"{"type":"chain","t":1.02,"id":4,"coroutines":["guarded(<coroutine>)","download('b')"]}"#))
    #expect(line.type == "chain")
    #expect(line.id == 4)
    #expect(line.coroutines == ["guarded(<coroutine>)", "download('b')"])
  }

  @Test func escapesAreUndoneAsJSONSaysIncludingSurrogatePairs() throws {
    let line = try #require(TraceLine.parse(#"{"type":"output","t":2,"text":"tab\there \"quoted\" back\\slash caf\u00e9 \ud83d\ude00 é\n"}"#))
    #expect(line.text == "tab\there \"quoted\" back\\slash café 😀 é\n")
    #expect(line.t == 2)
  }

  @Test(arguments: [
    #"{"type":"event","t":0.5,"id":1,"task":"a","event":"started"}"#,
    #"{"type":"gather","t":0.1,"gather":1,"parent":null,"tasks":[2,3]}"#,
    #"{"type":"trace","t":0.0,"runtime":"CPython 3.11.7"}"#,
    #"{"type":"deadline","t":1e-3}"#,
    #"{"type":"event","t":12345.6789,"id":-3,"parent":0,"gather":123456789012345678}"#,
    #"{"type":"event","t":0.1234567890123456789,"id":1234567890123456789012}"#,
    #"{"type":"event","t":-1.25e2,"id":4}"#,
    #"{"type":"event","t":0.30000000000000004}"#,
    #"{"typ\u0065":"event","t\u0000":1,"i\u0064":2}"#,
    #"{"type":"event","t":-0.0,"id":1,"event":"x","extra":{"nested":[1,{"a":2}]}}"#,
    #"{"type":"event","id":1.0}"#,
    #"{"type":"event","id":1.5}"#,
    #"{"type":"event","id":"1"}"#,
    #"{"type":3}"#,
    #"{"t":1}"#,
    #"{"type":"event","task":"bad \x escape"}"#,
    #"{"type":"event","task":"\ud83d alone"}"#,
    #"{"type":"event"} trailing"#,
    #"{"type":"event","orphans":[1,"2"]}"#,
    #"{"type":"chain","t":1.5,"id":3,"coroutines":["fetch_one('a')","download('a', \"b\\u00e9\")"]}"#,
    #"{"type":"chain","t":1.5,"id":3,"coroutines":[ ]}"#,
    #"{"type":"chain","t":1.5,"id":3,"coroutines":null}"#,
    #"{"type":"chain","id":3,"coroutines":["a",1]}"#,
    #"{"type":"chain","id":3,"coroutines":[1]}"#,
    #"{"type":"gather","tasks":["a"]}"#,
    "not json",
    "",
    "{}",
  ])
  func everyLineReadsAsJSONDecoderReadsIt(_ text: String) {
    #expect(TraceLine.parse(text) == Self.decoded(text))
  }
}
