import LabCore

/// Recordings written out by hand, so tests know every instant.
enum RecordingFixtures {
  /// `gatherlab run error-cancel mode=gather`: A fails at 1 s, the caller gets the error, B and C
  /// run on to 2 s as orphans.
  static let errorCancelGather = """
    {"type":"recording","version":1,"command":["gatherlab","run","error-cancel","mode=gather","--record","class.jsonl"],"columns":60,"rows":16}
    {"type":"demo","demo":"error-cancel","speed":1,"params":{"delays":[2,2],"fail-at":1,"mode":"gather"}}
    {"type":"event","t":0,"task":"A","event":"started","value":null,"error":null,"phase":null}
    {"type":"event","t":0,"task":"B","event":"started","value":null,"error":null,"phase":null}
    {"type":"event","t":0.001,"task":"C","event":"started","value":null,"error":null,"phase":null}
    {"type":"event","t":1.001,"task":"A","event":"failed","value":null,"error":"A failed","phase":null}
    {"type":"join","t":1.002,"label":"error reached the caller","detail":"A failed","outcome":"threw","error":"A failed"}
    {"type":"event","t":2,"task":"B","event":"finished","value":"B","error":null,"phase":null,"orphan":true}
    {"type":"event","t":2.001,"task":"C","event":"finished","value":"C","error":null,"phase":null,"orphan":true}
    {"type":"result","outcome":"threw","elapsed":1.002,"ideal":1,"sequential":5,"speedup":null,"results":[{"task":"A","error":"A failed"},{"task":"B","value":"B","lost":true},{"task":"C","value":"C","lost":true}],"error":"A failed","finishOrder":["A","B","C"],"orphans":["B","C"],"maxRunning":3,"maxExisting":3}

    """

  /// `gatherlab run timeout delays=1,3 timeout=2`: the deadline line comes first (it is written when
  /// the deadline is set) and says when it passes.
  static let timeout = """
    {"type":"recording","version":1,"command":["gatherlab","run","timeout","delays=1,3","timeout=2"],"columns":80,"rows":24}
    {"type":"demo","demo":"timeout","speed":2,"params":{"delays":[1,3],"timeout":2}}
    {"type":"deadline","t":2}
    {"type":"event","t":0,"task":"A","event":"started","value":null,"error":null,"phase":null}
    {"type":"event","t":0,"task":"B","event":"started","value":null,"error":null,"phase":null}
    {"type":"event","t":1,"task":"A","event":"finished","value":"A","error":null,"phase":null}
    {"type":"event","t":2,"task":"B","event":"cancelled","value":null,"error":null,"phase":null}
    {"type":"join","t":2,"label":"deadline passed","detail":"timed out after 2.00s","outcome":"timedOut","error":"timed out after 2.00s"}
    {"type":"result","outcome":"timedOut"}

    """

  /// A demo this gatherlab does not know, whose values need escaping in XML.
  static let unknownDemo = """
    {"type":"recording","version":1,"command":["gatherlab","trace","fetch.py"],"columns":80,"rows":24}
    {"type":"demo","demo":"fetcher","speed":1,"params":{}}
    {"type":"event","t":0,"task":"fetch('a')","event":"started","value":null,"error":null,"phase":null}
    {"type":"event","t":0.5,"task":"fetch('b')","event":"started","value":null,"error":null,"phase":null}
    {"type":"event","t":1.5,"task":"fetch('a')","event":"finished","value":"<b>&\\"x'</b>","error":null,"phase":null}
    {"type":"event","t":1.5,"task":"fetch('b')","event":"failed","value":null,"error":"KeyError('<a> & \\"b\\"')","phase":null}
    {"type":"join","t":1.5,"label":"gather returned","detail":"","outcome":"returned"}
    {"type":"result","outcome":"returned"}

    """

  /// `gatherlab trace crawl.py --record crawl.jsonl`, written as the tracer and `--record` write
  /// it: `main()` gathers two fetches and makes a `tick()`; fetch 'a' sleeps, runs again (its
  /// `await` line with no `on`) and finishes, fetch 'b' waits on a queue and fails, the gather
  /// raises, `main()` fails and `tick()`, which awaited task #2 and then a sleep, is cancelled.
  static let crawlTrace = """
    {"type":"recording","version":1,"command":["gatherlab","trace","/tmp/crawl.py","--record","crawl.jsonl"],"columns":60,"rows":14}
    {"type": "trace", "t": 0.0, "runtime": "CPython 3.11.7"}
    {"type":"event","t":0.0,"id":1,"task":"main()","parent":null,"gather":null,"group":null,"event":"waiting"}
    {"type":"event","t":0.0,"id":1,"task":"main()","parent":null,"gather":null,"group":null,"event":"started"}
    {"type":"gather","t":0.1,"gather":1,"parent":1,"tasks":[2,3]}
    {"type":"await","t":0.1,"id":1,"on":"gather #1","tasks":[2,3]}
    {"type":"event","t":0.1,"id":2,"task":"fetch('a', 0.5)","parent":1,"gather":1,"group":null,"event":"waiting"}
    {"type":"event","t":0.1,"id":3,"task":"fetch('b', 1)","parent":1,"gather":1,"group":null,"event":"waiting"}
    {"type":"event","t":0.1,"id":4,"task":"tick()","parent":1,"gather":null,"group":null,"event":"waiting"}
    {"type":"event","t":0.2,"id":2,"task":"fetch('a', 0.5)","parent":1,"gather":1,"group":null,"event":"started"}
    {"type":"await","t":0.2,"id":2,"on":"sleep 0.5s","tasks":[]}
    {"type":"event","t":0.2,"id":3,"task":"fetch('b', 1)","parent":1,"gather":1,"group":null,"event":"started"}
    {"type":"event","t":0.2,"id":4,"task":"tick()","parent":1,"gather":null,"group":null,"event":"started"}
    {"type":"await","t":0.2,"id":4,"on":"task #2","tasks":[2]}
    {"type":"await","t":0.3,"id":3,"on":"Queue.get","tasks":[]}
    {"type":"await","t":0.7,"id":2,"on":null,"tasks":[]}
    {"type":"event","t":0.8,"id":2,"task":"fetch('a', 0.5)","parent":1,"gather":1,"group":null,"event":"finished","value":"'a'"}
    {"type":"output","t":0.8,"text":"a done\\n"}
    {"type":"await","t":0.8,"id":4,"on":"sleep 10s","tasks":[]}
    {"type":"event","t":1.0,"id":3,"task":"fetch('b', 1)","parent":1,"gather":1,"group":null,"event":"failed","error":"ValueError: b"}
    {"type":"join","t":1.0,"gather":1,"label":"gather raised ValueError: b","outcome":"threw","error":"ValueError: b","orphans":[]}
    {"type":"event","t":1.0,"id":1,"task":"main()","parent":null,"gather":null,"group":null,"event":"failed","error":"ValueError: b"}
    {"type":"event","t":1.0,"id":4,"task":"tick()","parent":1,"gather":null,"group":null,"event":"cancelled"}
    {"type":"result","outcome":"raised","status":1,"tasks":4}

    """

  static func run(_ text: String, file: String = "class.jsonl") throws -> RecordedRun {
    RecordedRun(try Recording.parse(text, file: file))
  }
}
