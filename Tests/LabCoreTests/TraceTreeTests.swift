import LabCore
import LabTerminal
import Testing

/// `trace`'s tree: the tracer's JSON Lines (written here by hand) read into a `TraceForest`,
/// folded into a `TraceTree` and drawn at 80 and 40 columns, whole.
struct TraceTreeTests {
  // MARK: - Programs, as the tracer reports them

  static func event(_ t: Double, _ id: Int, _ label: String, _ kind: String, parent: Int? = nil, gather: Int? = nil, group: Int? = nil, value: String? = nil) -> String {
    func json(_ value: Int?) -> String { value.map(String.init) ?? "null" }
    let label = label.replacingOccurrences(of: "\"", with: "\\\"")
    var text = #"{"type":"event","t":\#(t),"id":\#(id),"task":"\#(label)","parent":\#(json(parent)),"gather":\#(json(gather)),"group":\#(json(group)),"event":"\#(kind)""#
    if let value { text += #","value":"\#(value)""# }
    return text + "}"
  }

  /// A task's three events: made and started at `start`, ended at `end` (or still running).
  static func task(_ id: Int, _ label: String, start: Double, end: Double? = nil, parent: Int? = nil, gather: Int? = nil, group: Int? = nil, value: String = "None") -> [String] {
    var lines = [
      event(start, id, label, "waiting", parent: parent, gather: gather, group: group),
      event(start, id, label, "started", parent: parent, gather: gather, group: group),
    ]
    if let end { lines.append(event(end, id, label, "finished", parent: parent, gather: gather, group: group, value: value)) }
    return lines
  }

  static func forest(_ lines: [String], keepsEveryTask: Bool = false) -> TraceForest {
    var forest = TraceForest(keepsEveryTask: keepsEveryTask)
    for text in lines {
      if let line = TraceLine.parse(text) { forest.apply(line) }
    }
    return forest
  }

  /// `asyncio.gather(fetch('a', 0.5), fetch('b', 1), fetch('c', 1.5))`, at 1.2 s.
  static let threeAtOneTwo: [String] = [#"{"type":"trace","t":0.0,"runtime":"CPython 3.11.7"}"#]
    + task(1, "main()", start: 0)
    + [#"{"type":"gather","t":0.001,"gather":1,"parent":1,"tasks":[2,3,4]}"#]
    + task(2, "fetch('a', 0.5)", start: 0.001, end: 0.5, parent: 1, gather: 1, value: "a")
    + task(3, "fetch('b', 1)", start: 0.001, end: 1.0, parent: 1, gather: 1, value: "b")
    + task(4, "fetch('c', 1.5)", start: 0.001, parent: 1, gather: 1)
    + [#"{"type":"await","t":1.0,"id":1,"on":"gather #1","tasks":[4]}"#, #"{"type":"await","t":1.0,"id":4,"on":"sleep 1.5s","tasks":[]}"#]

  static let threeDone: [String] = threeAtOneTwo + [
    event(1.5, 4, "fetch('c', 1.5)", "finished", parent: 1, gather: 1, value: "c"),
    #"{"type":"join","t":1.5,"gather":1,"label":"gather returned","outcome":"returned","error":null,"orphans":[]}"#,
    event(1.51, 1, "main()", "finished", value: "None"),
  ]

  /// `gather(branch(2), branch(3))`, each a TaskGroup of leaves, then a TaskGroup of `branch(4)`.
  static let nested: [String] =
    task(1, "main()", start: 0, end: 0.52)
    + [#"{"type":"gather","t":0.0,"gather":1,"parent":1,"tasks":[2,3]}"#]
    + task(2, "branch(2)", start: 0.0, end: 0.11, parent: 1, gather: 1, value: "2")
    + task(3, "branch(3)", start: 0.0, end: 0.21, parent: 1, gather: 1, value: "3")
    + [#"{"type":"group","t":0.0,"group":2,"parent":2}"#, #"{"type":"group","t":0.0,"group":3,"parent":3}"#]
    + task(4, "leaf(0)", start: 0.0, end: 0.0, parent: 2, group: 2, value: "0")
    + task(5, "leaf(1)", start: 0.0, end: 0.1, parent: 2, group: 2, value: "1")
    + task(6, "leaf(0)", start: 0.0, end: 0.0, parent: 3, group: 3, value: "0")
    + task(7, "leaf(1)", start: 0.0, end: 0.1, parent: 3, group: 3, value: "1")
    + task(8, "leaf(2)", start: 0.0, end: 0.2, parent: 3, group: 3, value: "2")
    + [
      #"{"type":"join","t":0.1,"group":2,"label":"TaskGroup exited","outcome":"returned"}"#,
      #"{"type":"join","t":0.2,"group":3,"label":"TaskGroup exited","outcome":"returned"}"#,
      #"{"type":"join","t":0.21,"gather":1,"label":"gather returned","outcome":"returned"}"#,
      #"{"type":"group","t":0.21,"group":4,"parent":1}"#,
    ]
    + task(9, "branch(4)", start: 0.21, end: 0.51, parent: 1, group: 4, value: "4")
    + [#"{"type":"group","t":0.21,"group":5,"parent":9}"#]
    + (0..<4).flatMap { task(10 + $0, "leaf(\($0))", start: 0.21, end: 0.21 + 0.1 * Double($0), parent: 9, group: 5, value: "\($0)") }
    + [
      #"{"type":"join","t":0.51,"group":5,"label":"TaskGroup exited","outcome":"returned"}"#,
      #"{"type":"join","t":0.51,"group":4,"label":"TaskGroup exited","outcome":"returned"}"#,
    ]

  /// `gather(*(work(i) for i in range(n)))` at 0.5 s: `ended` of them done in 10 ms, the rest asleep.
  static func many(_ count: Int, ended: Int) -> [String] {
    var lines = task(1, "main()", start: 0) + [#"{"type":"gather","t":0.1,"gather":1,"parent":1,"tasks":[]}"#]
    lines += [#"{"type":"await","t":0.1,"id":1,"on":"gather #1","tasks":[]}"#]
    for index in 0..<count {
      let id = index + 2
      lines += task(id, "work(\(index))", start: 0.1, end: index < ended ? 0.11 : nil, parent: 1, gather: 1, value: "\(index)")
      if index >= ended { lines.append(#"{"type":"await","t":0.1,"id":\#(id),"on":"sleep 10s","tasks":[]}"#) }
    }
    return lines
  }

  /// Three workers on a queue, the caller gathering them: two wait on `Queue.get`, one sleeps.
  static let workers: [String] =
    task(1, "main()", start: 0)
    + [#"{"type":"gather","t":0.0,"gather":1,"parent":1,"tasks":[2,3,4]}"#]
    + task(2, "worker('w1', q)", start: 0.0, parent: 1, gather: 1)
    + task(3, "worker('w2', q)", start: 0.0, parent: 1, gather: 1)
    + task(4, "worker('w3', q)", start: 0.0, parent: 1, gather: 1)
    + [
      #"{"type":"hidden","t":0.0,"id":5,"task":"_run_until_complete_cb","why":"asyncio's own"}"#,
      #"{"type":"await","t":0.0,"id":1,"on":"gather #1","tasks":[2,3,4]}"#,
      #"{"type":"await","t":0.3,"id":2,"on":"Queue.get","tasks":[]}"#,
      #"{"type":"await","t":0.3,"id":3,"on":"Queue.get","tasks":[]}"#,
      #"{"type":"await","t":0.3,"id":4,"on":"sleep 0.5s","tasks":[]}"#,
    ]

  static func render(_ lines: [String], now: Double, moment: TraceTreeRenderer.Moment = .live, width: Int, height: Int = 24, title: String = "trace · prog.py") -> String {
    TraceTreeRenderer.fitted(forest(lines), title: title, now: now, moment: moment, width: width, height: height)
      .map(\.plainText).joined(separator: "\n")
  }

  static func picture(_ lines: [String], now: Double, width: Int) -> String {
    TraceTreeRenderer.awaitPicture(forest(lines), now: now, width: width).map(\.plainText).joined(separator: "\n")
  }

  // MARK: - Goldens

  @Test func aFlatGatherOfThreeEndsWithItsJoinOnTheGatherRow() {
    #expect(Self.render(Self.threeDone, now: 1.51, moment: .done, width: 80) == """
      trace · prog.py                                                      done 1.51s
      #1 main()              █████████████████████████████████████████ ✓ 1.51s "None"
      └ gather #1 · 3 tasks                                          ▲ returned 1.50s
        ├ #2 fetch('a', 0.5) ██████████████                            ✓ 0.50s "a"
        ├ #3 fetch('b', 1)   ███████████████████████████               ✓ 1.00s "b"
        └ #4 fetch('c', 1.5) █████████████████████████████████████████ ✓ 1.50s "c"
                             0s           0.5s          1s           1.5s
      """)
    #expect(Self.render(Self.threeDone, now: 1.51, moment: .done, width: 40) == """
      trace · prog.py              done 1.51s
      #1 main()              ✓ 1.51s "None"
      └ gather #1 · 3 tasks · returned 1.50s
        ├ #2 fetch('a', 0.5) ✓ 0.50s "a"
        ├ #3 fetch('b', 1)   ✓ 1.00s "b"
        └ #4 fetch('c', 1.5) ✓ 1.50s "c"
      """)
  }

  @Test func aFlatGatherOfThreeShowsWhatTheLastTaskWaitsOn() {
    #expect(Self.render(Self.threeAtOneTwo, now: 1.2, width: 80) == """
      trace · prog.py                                                           1.20s
      #1 main()              ██████████████████████████████████          ◌ gather #1
      └ gather #1 · 3 tasks
        ├ #2 fetch('a', 0.5) ██████████████                              ✓ 0.50s "a"
        ├ #3 fetch('b', 1)   █████████████████████████████               ✓ 1.00s "b"
        └ #4 fetch('c', 1.5) ██████████████████████████████████          ◌ sleep 1.5s
                             0s            0.5s          1s            1.5s
      """)
    #expect(Self.render(Self.threeAtOneTwo, now: 1.2, width: 40) == """
      trace · prog.py                   1.20s
      #1 main()              ◌ gather #1
      └ gather #1 · 3 tasks
        ├ #2 fetch('a', 0.5) ✓ 0.50s "a"
        ├ #3 fetch('b', 1)   ✓ 1.00s "b"
        └ #4 fetch('c', 1.5) ◌ sleep 1.5s
      """)
  }

  @Test func aGatherOfTaskGroupsIsATreeWithAJoinPerNode() {
    #expect(Self.render(Self.nested, now: 0.52, moment: .done, width: 80) == """
      trace · prog.py                                                      done 0.52s
      #1 main()                    ██████████████████████████████      ✓ 0.52s "None"
      ├ gather #1 · 2 tasks                    ▲                       returned 0.21s
      │ ├ #2 branch(2)             ██████                              ✓ 0.11s "2"
      │ │ └ TaskGroup #2 · 2 tasks      ▲                              exited 0.10s
      │ │   ├ #4 leaf(0)                                               ✓ 0.00s "0"
      │ │   └ #5 leaf(1)           ██████                              ✓ 0.10s "1"
      │ └ #3 branch(3)             ████████████                        ✓ 0.21s "3"
      │   └ TaskGroup #3 · 3 tasks            ▲                        exited 0.20s
      │     ├ #6 leaf(0)                                               ✓ 0.00s "0"
      │     ├ #7 leaf(1)           ██████                              ✓ 0.10s "1"
      │     └ #8 leaf(2)           ████████████                        ✓ 0.20s "2"
      └ TaskGroup #4 · 1 task                                   ▲      exited 0.51s
        └ #9 branch(4)                         ██████████████████      ✓ 0.51s "4"
          └ TaskGroup #5 · 4 tasks                              ▲      exited 0.51s
            ├ #10 leaf(0)                                              ✓ 0.21s "0"
            ├ #11 leaf(1)                      ██████                  ✓ 0.31s "1"
            ├ #12 leaf(2)                      ████████████            ✓ 0.41s "2"
            └ #13 leaf(3)                      ██████████████████      ✓ 0.51s "3"
                                   0s         0.2s        0.4s       0.6s
      """)
    #expect(Self.render(Self.nested, now: 0.52, moment: .done, width: 40) == """
      trace · prog.py              done 0.52s
      #1 main()           ✓ 0.52s "None"
      ├ gather #1 · 2 tasks · returned 0.21s
      │ ├ #2 branch(2)    ✓ 0.11s "2"
      │ │ └ TaskGroup #2 · exited 0.10s
      │ │   ├ #4 leaf(0)  ✓ 0.00s "0"
      │ │   └ #5 leaf(1)  ✓ 0.10s "1"
      │ └ #3 branch(3)    ✓ 0.21s "3"
      │   └ TaskGroup #3 · exited 0.20s
      │     ├ #6 leaf(0)  ✓ 0.00s "0"
      │     ├ #7 leaf(1)  ✓ 0.10s "1"
      │     └ #8 leaf(2)  ✓ 0.20s "2"
      └ TaskGroup #4 · 1 task · exited 0.51s
        └ #9 branch(4)    ✓ 0.51s "4"
          └ TaskGroup #5 · exited 0.51s
            ├ #10 leaf(0) ✓ 0.21s "0"
            ├ #11 leaf(1) ✓ 0.31s "1"
            ├ #12 leaf(2) ✓ 0.41s "2"
            └ #13 leaf(3) ✓ 0.51s "3"
      """)
  }

  @Test func tenThousandTasksOfOneCoroutineFoldIntoOneRowWithCountsAndPercentiles() {
    #expect(Self.render(Self.many(10_000, ended: 22), now: 0.5, width: 80) == """
      trace · prog.py                                                           0.50s
      #1 main()                  █████████████████████████████████        ◌ gather #1
      └ gather #1 · 10 000 tasks
        └ work × 10 000: 9 978 sleeping, 22 done, p50 10 ms, p90 10 ms
                                 0s           0.2s         0.4s         0.6s
      """)
    #expect(Self.render(Self.many(10_000, ended: 22), now: 0.5, width: 40) == """
      trace · prog.py                   0.50s
      #1 main() ◌ gather #1
      └ gather #1 · 10 000 tasks
        └ work × 10 000: 9 978 sleeping, 22
            done, p50 10 ms, p90 10 ms
      """)
  }

  @Test func workersOnAQueueShowQueueGet() {
    #expect(Self.render(Self.workers, now: 0.5, width: 80) == """
      trace · prog.py                                                           0.50s
      #1 main()              ████████████████████████████████████        ◌ gather #1
      └ gather #1 · 3 tasks
        ├ #2 worker('w1', q) ████████████████████████████████████        ◌ Queue.get
        ├ #3 worker('w2', q) ████████████████████████████████████        ◌ Queue.get
        └ #4 worker('w3', q) ████████████████████████████████████        ◌ sleep 0.5s
                             0s            0.2s          0.4s          0.6s
      """)
    #expect(Self.render(Self.workers, now: 0.5, width: 40) == """
      trace · prog.py                   0.50s
      #1 main()              ◌ gather #1
      └ gather #1 · 3 tasks
        ├ #2 worker('w1', q) ◌ Queue.get
        ├ #3 worker('w2', q) ◌ Queue.get
        └ #4 worker('w3', q) ◌ sleep 0.5s
      """)
  }

  @Test func theFinalSummaryFitsTheTerminalByCollapsingEndedLeaves() {
    #expect(Self.render(Self.nested, now: 0.52, moment: .done, width: 80, height: 10) == """
      trace · prog.py                                                      done 0.52s
      #1 main()                    ██████████████████████████████      ✓ 0.52s "None"
      ├ gather #1 · 2 tasks                    ▲                       returned 0.21s
      │ ├ #2 branch(2)             ██████                              ✓ 0.11s "2"
      │ │ └ TaskGroup #2 · 2 tasks      ▲                              exited 0.10s
      │ │   └ … 2 done
      │ └ #3 branch(3)             ████████████                        ✓ 0.21s "3"
      │   └ TaskGroup #3 · 3 tasks            ▲                        exited 0.20s
      … 5 more lines
                                   0s         0.2s        0.4s       0.6s
      """)
    #expect(Self.render(Self.nested, now: 0.52, moment: .done, width: 40, height: 10) == """
      trace · prog.py              done 0.52s
      #1 main()        ✓ 0.52s "None"
      ├ gather #1 · 2 tasks · returned 0.21s
      │ ├ #2 branch(2) ✓ 0.11s "2"
      │ │ └ TaskGroup #2 · exited 0.10s
      │ │   └ … 2 done
      │ └ #3 branch(3) ✓ 0.21s "3"
      │   └ TaskGroup #3 · exited 0.20s
      │     └ … 3 done
      … 4 more lines
      """)
  }

  @Test func theCtrlCPictureShowsWhatEachPendingTaskAwaits() {
    #expect(Self.picture(Self.workers, now: 0.5, width: 80) == """
      where each task waits at 0.50s
      #1 main()            ◌ gather #1
      ├ #2 worker('w1', q) ◌ Queue.get
      ├ #3 worker('w2', q) ◌ Queue.get
      └ #4 worker('w3', q) ◌ sleep 0.5s
      """)
    #expect(Self.picture(Self.workers, now: 0.5, width: 40) == """
      where each task waits at 0.50s
      #1 main()            ◌ gather #1
      ├ #2 worker('w1', q) ◌ Queue.get
      ├ #3 worker('w2', q) ◌ Queue.get
      └ #4 worker('w3', q) ◌ sleep 0.5s
      """)
  }

  @Test func theCtrlCPictureFoldsTheSleepersOfAHugeGather() {
    #expect(Self.picture(Self.many(10_000, ended: 22), now: 0.5, width: 80) == """
      where each task waits at 0.50s
      #1 main() ◌ gather #1
      └ gather #1 · 9 978 tasks
        └ work × 9 978: 9 978 sleeping
      """)
    #expect(Self.picture(Self.many(10_000, ended: 22), now: 0.5, width: 40) == """
      where each task waits at 0.50s
      #1 main() ◌ gather #1
      └ gather #1 · 9 978 tasks
        └ work × 9 978: 9 978 sleeping
      """)
  }

  @Test func theCtrlCPictureLeavesOutTheTasksThatEnded() {
    #expect(Self.picture(Self.threeAtOneTwo, now: 1.2, width: 80) == """
      where each task waits at 1.20s
      #1 main()            ◌ gather #1
      └ #4 fetch('c', 1.5) ◌ sleep 1.5s
      """)
    #expect(Self.picture(Self.threeAtOneTwo, now: 1.2, width: 40) == """
      where each task waits at 1.20s
      #1 main()            ◌ gather #1
      └ #4 fetch('c', 1.5) ◌ sleep 1.5s
      """)
  }

  // MARK: - Memory, lines, folding

  @Test func memoryStaysFlatIn100000EndedTasks() {
    var forest = TraceForest()
    forest.apply(TraceLine.parse(Self.event(0, 1, "main()", "started"))!)
    forest.apply(TraceLine.parse(#"{"type":"gather","t":0,"gather":1,"parent":1,"tasks":[]}"#)!)
    var most = 0
    for index in 0..<100_000 {
      let id = index + 2
      for line in Self.task(id, "work(\(index))", start: 0.1, end: 0.11, parent: 1, gather: 1) {
        forest.apply(TraceLine.parse(line)!)
      }
      most = max(most, forest.storedTaskCount)
    }
    // main(), and at most one slot's worth of ended tasks before the slot folded.
    #expect(most <= 1 + forest.keptPerSlot)
    #expect(forest.storedTaskCount == 1)
    #expect(forest.taskCount == 100_001)
    let tree = TraceTree(forest)
    guard case .task(_, let children) = tree.nodes.first, case .structure(_, 100_000, let members) = children.first,
      case .fold(let fold) = members.first
    else {
      Issue.record("no fold under the gather: \(tree.nodes)")
      return
    }
    #expect(fold.counts == [TraceTree.Count("done", 100_000)])
    #expect(fold.median.map { abs($0 - 0.01) < 1e-9 } == true)
  }

  @Test func whatFoldedTasksCreatedHangsUnderTheirFold() {
    // 100 workers, each gathering 50 fetches; the first 10 workers' fetches are done.
    var lines = Self.task(1, "main()", start: 0) + [#"{"type":"gather","t":0,"gather":1,"parent":1,"tasks":[]}"#]
    var id = 102
    for worker in 0..<100 {
      lines += Self.task(2 + worker, "worker(\(worker))", start: 0, parent: 1, gather: 1)
      lines.append(#"{"type":"gather","t":0.1,"gather":\#(2 + worker),"parent":\#(2 + worker),"tasks":[]}"#)
      for index in 0..<50 {
        lines += Self.task(id, "fetch(\(index))", start: 0.1, end: worker < 10 ? 0.3 : nil, parent: 2 + worker, gather: 2 + worker)
        id += 1
      }
    }
    #expect(Self.render(lines, now: 0.5, width: 80) == """
      trace · prog.py                                                           0.50s
      #1 main()               █████████████████████████████████████████████ ▶ started
      └ gather #1 · 100 tasks
        └ worker × 100: 100 started
          └ fetch × 5 000: 4 500 started, 500 done, p50 200 ms, p90 200 ms
                              0s       0.1s     0.2s     0.3s     0.4s    0.5s
      """)
  }

  @Test func theAwaitChainFollowsPlainAwaitsAcrossParents() {
    // main() made a TaskGroup of two; #2 awaits a task main() made earlier (#4), which awaits
    // a lock; #3 awaits an Event.
    let lines = Self.task(1, "main()", start: 0)
      + Self.task(4, "refresh()", start: 0, parent: 1)
      + [#"{"type":"group","t":0.1,"group":1,"parent":1}"#]
      + Self.task(2, "handle('a')", start: 0.1, parent: 1, group: 1)
      + Self.task(3, "handle('b')", start: 0.1, parent: 1, group: 1)
      + [
        #"{"type":"await","t":0.2,"id":1,"on":"TaskGroup #1","tasks":[2,3]}"#,
        #"{"type":"await","t":0.2,"id":2,"on":"task #4","tasks":[4]}"#,
        #"{"type":"await","t":0.2,"id":4,"on":"Lock","tasks":[]}"#,
        #"{"type":"await","t":0.2,"id":3,"on":"Event","tasks":[]}"#,
      ]
    #expect(Self.picture(lines, now: 0.3, width: 40) == """
      where each task waits at 0.30s
      #1 main()        ◌ TaskGroup #1
      ├ #2 handle('a') ◌ task #4
      │ └ #4 refresh() ◌ Lock
      └ #3 handle('b') ◌ Event
      """)
    #expect(Self.render(lines, now: 0.3, width: 40) == """
      trace · prog.py                   0.30s
      #1 main()          ◌ TaskGroup #1
      ├ #4 refresh()     ◌ Lock
      └ TaskGroup #1 · 2 tasks
        ├ #2 handle('a') ◌ task #4
        └ #3 handle('b') ◌ Event
      """)
  }

  @Test func everyTaskIsKeptForAll() {
    let forest = Self.forest(Self.many(1_000, ended: 1_000), keepsEveryTask: true)
    #expect(forest.storedTaskCount == 1_001)
    let lines = TraceTreeRenderer.render(TraceTree(forest), title: "t", now: 1, moment: .done, width: 80)
    #expect(lines.count == 1 + 1 + 1 + 1_000 + 1)  // header, main, gather, the tasks, axis
  }

  @Test func awaitAndHiddenLinesAreReadAndUnknownTypesIgnored() throws {
    let wait = try #require(TraceLine.parse(#"{"type":"await","t":0.5,"id":3,"on":"Queue.get","tasks":[]}"#))
    #expect(wait.on == "Queue.get")
    #expect(wait.tasks == [])
    let awaitTask = try #require(TraceLine.parse(#"{"type":"await","t":0.5,"id":1,"on":"task #12","tasks":[12]}"#))
    #expect(awaitTask.tasks == [12])
    let runs = try #require(TraceLine.parse(#"{"type":"await","t":0.6,"id":3,"on":null}"#))
    #expect(runs.on == nil)
    let hidden = try #require(TraceLine.parse(#"{"type":"hidden","t":0,"id":9,"task":"_cb()","why":"asyncio's own"}"#))
    #expect(hidden.why == "asyncio's own")
    var forest = Self.forest(Self.workers + [#"{"type":"someday","t":0.7,"id":2,"what":{"nested":true}}"#])
    #expect(forest.hidden == ["asyncio's own": 1])
    #expect(forest.tasks[2]?.waitsOn == "Queue.get")
    forest.apply(runs)
    #expect(forest.tasks[3]?.waitsOn == nil)
    #expect(forest.slots.values.first { $0.key.kind == "worker" }?.states == ["on Queue.get": 1, "running": 1, "sleeping": 1])
  }

  @Test func withoutAwaitLinesAStartedTaskIsStartedNotRunning() {
    let forest = Self.forest(Self.task(1, "main()", start: 0))
    #expect(!forest.knowsWaits)
    #expect(TraceTreeRenderer.render(TraceTree(forest), title: "t", now: 0.2, moment: .live, width: 40).map(\.plainText) == [
      "t                                 0.20s",
      "#1 main() ▶ started",
    ])
  }

  @Test func aTaskGatheredAfterItWasMadeMovesIntoItsGather() {
    let forest = Self.forest(
      Self.task(1, "main()", start: 0) + Self.task(2, "job()", start: 0, parent: 1)
        + [#"{"type":"gather","t":0.1,"gather":1,"parent":1,"tasks":[2]}"#]
    )
    #expect(forest.tasks[2]?.container == .gather(1))
    #expect(forest.slots[TraceForest.SlotKey(parent: 1, container: nil, kind: "job")]?.total == 0)
    #expect(forest.slots[TraceForest.SlotKey(parent: nil, container: .gather(1), kind: "job")]?.live == [2])
  }

  @Test func namedTasksFoldByTheirStem() {
    #expect(TraceForest.Task(id: 1, label: "worker-12", created: 0).kind == "worker-*")
    #expect(TraceForest.Task(id: 1, label: "fetch('a', 1)", created: 0).kind == "fetch")
    #expect(TraceForest.Task(id: 1, label: "Task-7", created: 0).kind == "Task-*")
  }

  @Test func theSketchGivesPercentilesOfWhatItSaw() {
    var sketch = DurationSketch()
    for _ in 0..<90 { sketch.add(0.010) }
    for _ in 0..<10 { sketch.add(2.0) }
    #expect(sketch.percentile(0.5).map { abs($0 - 0.010) < 1e-12 } == true)
    #expect(sketch.percentile(0.99).map { abs($0 - 2.0) < 1e-12 } == true)
    #expect(DurationSketch.text(0.010) == "10 ms")
    #expect(DurationSketch.text(0.0004) == "0.4 ms")
    // Seen: 200 durations spread over 3.0–3.7 s (one bucket, 3.16–3.98 s, holds most) read as
    // p50 and p90 both 3.38s, the bucket's mean. Now each is read by its rank in its bucket.
    var spread = DurationSketch()
    for step in 0...100 { spread.add(3.2 + 0.007 * Double(step)) }  // 3.2 to 3.9, one bucket
    #expect(spread.percentile(0.5).map { abs($0 - 3.55) < 1e-9 } == true)   // the 51st of 101
    #expect(spread.percentile(0.9).map { abs($0 - 3.83) < 1e-9 } == true)   // the 91st
    #expect(spread.percentile(1.0).map { abs($0 - 3.9) < 1e-9 } == true)
    var merged = DurationSketch()
    merged.add(3.3)
    var other = DurationSketch()
    other.add(3.5)
    other.add(3.9)
    merged.merge(other)
    #expect(merged.percentile(0.33) == 3.3)   // the least the two saw
    #expect(merged.percentile(0.5).map { abs($0 - 3.6) < 1e-9 } == true)   // halfway, 2nd of 3
    #expect(merged.percentile(1.0) == 3.9)   // the greatest
    #expect(DurationSketch.text(1.5) == "1.50s")
  }
}
