/// A traced program's tasks as a tree at one instant, read off a `TraceForest`: each task under
/// the task that created it, the tasks of a gather or TaskGroup under it (with its own join),
/// and many tasks of one coroutine folded into one row that counts them by state
/// (`work × 100 000: 99 978 sleeping, 22 done, p50 10 ms`). Pure: `TraceTreeRenderer` draws it.
///
/// `awaits(_:)` is the other reading: the await chain of every pending task — which task waits
/// on which, as CPython 3.14's `python -m asyncio pstree` prints it for one moment.
public struct TraceTree: Sendable, Equatable {
  public indirect enum Node: Sendable, Equatable {
    /// A task, with what it is doing ("running", "sleeping", "on Queue.get") and what hangs under it.
    case task(TraceForest.Task, children: [Node])
    /// A gather or TaskGroup: how many tasks it holds, its join, its tasks.
    case structure(TraceForest.Structure, tasks: Int, children: [Node])
    /// Many tasks of one coroutine in one row.
    case fold(Fold)
    /// Tasks of one slot drawn as one line because they are not doing anything now (ended, or
    /// not started): "12 done, 2 not started".
    case settled([Count])
  }

  public struct Count: Sendable, Equatable {
    public var phrase: String
    public var count: Int

    public init(_ phrase: String, _ count: Int) {
      self.phrase = phrase
      self.count = count
    }
  }

  public struct Fold: Sendable, Equatable {
    /// The coroutine: `work`, `worker-*`.
    public var kind: String
    public var total: Int
    /// Live tasks by what they do, most first; then done, failed, cancelled.
    public var counts: [Count]
    public var median: Double?
    public var p90: Double?
    /// What the folded tasks created, folded too.
    public var children: [Node] = []
  }

  /// How to read the forest.
  public struct Options: Sendable, Equatable {
    /// Fold a slot of more than this many tasks (nil: only slots that no longer keep their ended
    /// tasks one by one).
    public var foldAbove: Int?
    /// Draw a slot's ended and not-started tasks as one line, keeping the live ones and those
    /// the tree hangs from.
    public var collapsesSettled: Bool

    public init(foldAbove: Int? = nil, collapsesSettled: Bool = false) {
      self.foldAbove = foldAbove
      self.collapsesSettled = collapsesSettled
    }
  }

  public var nodes: [Node]
  /// Whether the tracer said what tasks wait on; without it a started task is "started", not
  /// "running".
  public var knowsWaits: Bool

  public init(nodes: [Node], knowsWaits: Bool) {
    self.nodes = nodes
    self.knowsWaits = knowsWaits
  }

  /// Levels drawn at most: a chain of tasks each creating the next stays on screen.
  static let depthLimit = 24

  // MARK: - The tree of who made whom

  public init(_ forest: TraceForest, options: Options = Options()) {
    var builder = Builder(forest: forest, options: options)
    nodes = builder.nodes(under: nil, depth: 0)
    knowsWaits = forest.knowsWaits
  }

  private struct Builder {
    let forest: TraceForest
    let options: Options

    mutating func nodes(under parent: Int?, depth: Int) -> [Node] {
      guard depth < TraceTree.depthLimit else { return [] }
      var items = forest.items[parent] ?? []
      if parent == nil {
        // Whatever hangs from a task the trace does not hold (hidden, or never reported) goes at the top.
        let unknown = forest.items.keys.compactMap { $0 }.filter { forest.tasks[$0] == nil }.sorted()
        for id in unknown { items += forest.items[id] ?? [] }
      }
      var nodes: [Node] = []
      for item in items {
        switch item {
        case .slot(let key): nodes += slotNodes(key, depth: depth)
        case .structure(let container):
          guard let structure = forest.structures[container] else { continue }
          let keys = forest.members[container] ?? []
          let total = keys.reduce(0) { $0 + (forest.slots[$1]?.total ?? 0) }
          nodes.append(.structure(structure, tasks: total, children: keys.flatMap { slotNodes($0, depth: depth + 1) }))
        }
      }
      return nodes
    }

    mutating func slotNodes(_ key: TraceForest.SlotKey, depth: Int) -> [Node] {
      guard let slot = forest.slots[key], slot.total > 0 else { return [] }
      if !slot.isComplete || options.foldAbove.map({ slot.total > $0 }) ?? false {
        var fold = TraceTree.fold(slot, knowsWaits: forest.knowsWaits)
        if depth < TraceTree.depthLimit {
          fold.children = forest.childSlots(of: key).map { .fold(TraceTree.fold($0, knowsWaits: forest.knowsWaits)) }
        }
        return [.fold(fold)]
      }
      var nodes: [Node] = []
      var settled: [String: Int] = [:]
      for id in (slot.kept + slot.live).sorted() {
        guard let task = forest.tasks[id] else { continue }
        if options.collapsesSettled, !task.isLive || task.started == nil, !forest.isParent(id) {
          settled[TraceTree.phrase(task, forest: forest), default: 0] += 1
          continue
        }
        nodes.append(.task(task, children: self.nodes(under: id, depth: depth + 1)))
      }
      if !settled.isEmpty { nodes.append(.settled(TraceTree.ordered(settled))) }
      return nodes
    }
  }

  static func fold(_ slot: TraceForest.Slot, knowsWaits: Bool) -> Fold {
    var states = slot.states
    if !knowsWaits, let running = states.removeValue(forKey: "running") { states["started"] = running }
    var counts = ordered(states)
    for (phrase, count) in [("done", slot.finished), ("failed", slot.failed), ("cancelled", slot.cancelled)] where count > 0 {
      counts.append(Count(phrase, count))
    }
    return Fold(
      kind: slot.key.kind, total: slot.total, counts: counts,
      median: slot.durations.percentile(0.5), p90: slot.durations.count >= 10 ? slot.durations.percentile(0.9) : nil
    )
  }

  /// Counts by phrase, most first, ties in the order a reader expects (ended states last).
  static func ordered(_ counts: [String: Int]) -> [Count] {
    let late = ["done", "failed", "cancelled"]
    return counts.map { Count($0.key, $0.value) }.sorted { left, right in
      let (leftLate, rightLate) = (late.firstIndex(of: left.phrase), late.firstIndex(of: right.phrase))
      if (leftLate == nil) != (rightLate == nil) { return leftLate == nil }
      if let leftLate, let rightLate { return leftLate < rightLate }
      return left.count != right.count ? left.count > right.count : left.phrase < right.phrase
    }
  }

  /// What a task is doing, or how it ended, as a count's phrase.
  static func phrase(_ task: TraceForest.Task, forest: TraceForest) -> String {
    switch task.end {
    case .finished: return "done"
    case .failed: return "failed"
    case .cancelled: return "cancelled"
    case nil:
      let phrase = forest.phrase(task)
      return phrase == "running" && !forest.knowsWaits ? "started" : phrase
    }
  }

  // MARK: - Where each task waits

  /// The await chain of every pending task: under each task, the tasks it awaits (as the tracer
  /// says; where it says nothing, the tasks of its gathers and TaskGroups not yet joined); at
  /// the top, the tasks nobody awaits. Many tasks of one coroutine side by side are folded.
  public static func awaits(_ forest: TraceForest) -> TraceTree {
    let live = forest.tasks.values.filter(\.isLive).sorted { $0.id < $1.id }
    var claimed: Set<Int> = []
    var edges: [Int: [Edge]] = [:]
    for task in live {
      var out: [Edge] = []
      let targets = task.awaits.filter { forest.tasks[$0]?.isLive == true && $0 != task.id }
      if !targets.isEmpty {
        out.append(.tasks(targets))
      } else if task.waitsOn == nil || task.waitsOn?.hasPrefix("gather #") == true || task.waitsOn?.hasPrefix("TaskGroup #") == true {
        for case .structure(let container) in forest.items[task.id] ?? [] {
          guard let structure = forest.structures[container], structure.join == nil else { continue }
          let ids = (forest.members[container] ?? []).flatMap { forest.slots[$0]?.live ?? [] }.sorted()
          out.append(.structure(structure, ids))
        }
      }
      edges[task.id] = out
      for edge in out {
        switch edge {
        case .tasks(let ids), .structure(_, let ids): claimed.formUnion(ids)
        }
      }
    }
    var seen: Set<Int> = []
    func nodes(_ ids: [Int], depth: Int) -> [Node] {
      let tasks = ids.compactMap { id -> TraceForest.Task? in
        guard !seen.contains(id), let task = forest.tasks[id] else { return nil }
        return task
      }
      var byKind: [String: [TraceForest.Task]] = [:]
      var kinds: [String] = []
      for task in tasks {
        if byKind[task.kind] == nil { kinds.append(task.kind) }
        byKind[task.kind, default: []].append(task)
      }
      var result: [Node] = []
      for kind in kinds {
        let group = byKind[kind] ?? []
        if group.count > 4 && group.allSatisfy({ (edges[$0.id] ?? []).isEmpty }) {
          var states: [String: Int] = [:]
          for task in group {
            seen.insert(task.id)
            states[phrase(task, forest: forest), default: 0] += 1
          }
          result.append(.fold(Fold(kind: kind, total: group.count, counts: ordered(states), median: nil, p90: nil)))
          continue
        }
        for task in group where !seen.contains(task.id) {
          seen.insert(task.id)
          var children: [Node] = []
          if depth < depthLimit {
            for edge in edges[task.id] ?? [] {
              switch edge {
              case .tasks(let ids): children += nodes(ids, depth: depth + 1)
              case .structure(let structure, let ids):
                children.append(.structure(structure, tasks: ids.count, children: nodes(ids, depth: depth + 2)))
              }
            }
          }
          result.append(.task(task, children: children))
        }
      }
      return result
    }
    let roots = live.map(\.id).filter { !claimed.contains($0) }
    var result = nodes(roots, depth: 0)
    // Tasks only reachable through a cycle of awaits (none in a sane program) still appear.
    let rest = live.map(\.id).filter { !seen.contains($0) }
    if !rest.isEmpty { result += nodes(rest, depth: 0) }
    return TraceTree(nodes: result, knowsWaits: forest.knowsWaits)
  }

  private enum Edge {
    case tasks([Int])
    case structure(TraceForest.Structure, [Int])
  }

  /// Whether it shows nothing (no task, or none pending for `awaits`).
  public var isEmpty: Bool { nodes.isEmpty }
}
