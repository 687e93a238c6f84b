/// A traced program's tasks as the tracer reports them, grouped the way they belong together —
/// under the task that created them, in the gather or TaskGroup that holds them, by coroutine —
/// in memory that does not grow with the tasks that have *ended*: a group ("slot") keeps its
/// ended tasks one by one only while it is small, and otherwise counts them and sketches how
/// long they took. Live tasks are kept one by one (they are what a reader wants to see), and so
/// are tasks that created others (the tree hangs from them).
///
/// `TraceTree` reads it at an instant; `keepsEveryTask` (for `trace --all`) keeps every ended
/// task too.
///
/// ```swift
/// var forest = TraceForest()
/// forest.apply(TraceLine.parse(#"{"type":"event","t":0,"id":1,"task":"main()","event":"waiting"}"#)!)
/// forest.tasks[1]?.label  // "main()"
/// ```
public struct TraceForest: Sendable {
  /// What holds a task besides its creator: a gather or a TaskGroup, by the tracer's number.
  public enum Container: Hashable, Sendable {
    case gather(Int)
    case group(Int)

    public var text: String {
      switch self {
      case .gather(let number): "gather #\(number)"
      case .group(let number): "TaskGroup #\(number)"
      }
    }
  }

  /// How a task ended.
  public enum End: Sendable, Equatable {
    case finished(value: String)
    case failed(error: String)
    case cancelled
  }

  public struct Task: Sendable, Equatable {
    public var id: Int
    public var label: String {
      didSet { kind = Self.kind(of: label) }
    }
    /// Its coroutine's name, which tasks are folded by: `fetch` for `fetch('a', 1)`, `worker-*`
    /// for tasks named `worker-1`, `worker-2` (made once: every line of the task looks it up).
    public private(set) var kind: String
    public var parent: Int?
    public var container: Container?
    public var created: Double
    public var started: Double?
    public var ended: Double?
    public var end: End?
    /// What it waits on now, as the tracer says ("sleep 0.5s", "Queue.get", "task #12").
    public var waitsOn: String?
    /// The tasks it awaits now.
    public var awaits: [Int] = []

    public init(id: Int, label: String, parent: Int? = nil, container: Container? = nil, created: Double) {
      self.id = id
      self.label = label
      self.kind = Self.kind(of: label)
      self.parent = parent
      self.container = container
      self.created = created
    }

    public var isLive: Bool { end == nil }

    static func kind(of label: String) -> String {
      if let paren = label.firstIndex(of: "(") { return String(label[..<paren]) }
      let stem = label.reversed().drop(while: \.isNumber).reversed()
      return stem.count < label.count && !stem.isEmpty ? String(stem) + "*" : label
    }
  }

  /// A gather or TaskGroup: who made it, when, and its join once the caller resumed.
  public struct Structure: Sendable, Equatable {
    public var container: Container
    public var parent: Int?
    public var created: Double
    public var join: Join?
  }

  public struct Join: Sendable, Equatable {
    public var time: Double
    public var label: String
    public var threw: Bool
  }

  /// Tasks of one coroutine under one parent (or in one gather or TaskGroup).
  public struct SlotKey: Hashable, Sendable {
    public var parent: Int?
    public var container: Container?
    public var kind: String

    public init(parent: Int?, container: Container?, kind: String) {
      self.parent = parent
      self.container = container
      self.kind = kind
    }
  }

  /// A slot's counts: every task it ever had, its live tasks by id, the ended ones it still
  /// keeps, and the ended ones by how they ended with a sketch of their durations.
  public struct Slot: Sendable {
    public var key: SlotKey
    public var total = 0
    public var live: Set<Int> = []
    public var kept: [Int] = []
    /// Every ended task is still kept: the slot can be drawn task by task.
    public var isComplete = true
    /// Live tasks by what they are doing ("running", "sleeping", "on Queue.get"…).
    public var states: [String: Int] = [:]
    public var finished = 0
    public var failed = 0
    public var cancelled = 0
    public var durations = DurationSketch()

    mutating func absorb(_ other: Slot) {
      total += other.total
      isComplete = false
      for (phrase, count) in other.states { states[phrase, default: 0] += count }
      finished += other.finished
      failed += other.failed
      cancelled += other.cancelled
      durations.merge(other.durations)
    }
  }

  /// Items under a parent task (or at the top), in the order they appeared.
  public enum Item: Hashable, Sendable {
    case slot(SlotKey)
    case structure(Container)
  }

  /// Keep every ended task (`trace --all`).
  public var keepsEveryTask: Bool
  /// A slot keeps its ended tasks one by one up to this many tasks in all.
  public var keptPerSlot: Int
  /// Ended tasks kept in all (besides parents), whatever the slots.
  public var keptAtMost: Int

  public private(set) var tasks: [Int: Task] = [:]
  public private(set) var structures: [Container: Structure] = [:]
  public private(set) var slots: [SlotKey: Slot] = [:]
  /// Items by parent (nil: the top), in order.
  public private(set) var items: [Int?: [Item]] = [:]
  /// Slots in each gather or TaskGroup, in order.
  public private(set) var members: [Container: [SlotKey]] = [:]
  private var parents: Set<Int> = []
  private var keptEnded = 0

  // Counts for the account.
  public private(set) var taskCount = 0
  public private(set) var finished = 0
  public private(set) var failed = 0
  public private(set) var cancelled = 0
  /// Tasks asyncio made for itself, which the tracer leaves out, by why.
  public private(set) var hidden: [String: Int] = [:]
  /// Whether the tracer says what tasks wait on (it sends `await` lines).
  public private(set) var knowsWaits = false
  public private(set) var lastTime = 0.0
  public private(set) var deadline: Double?

  public init(keepsEveryTask: Bool = false, keptPerSlot: Int = 32, keptAtMost: Int = 2_000) {
    self.keepsEveryTask = keepsEveryTask
    self.keptPerSlot = keptPerSlot
    self.keptAtMost = keptAtMost
  }

  /// How many tasks are held one by one (live, kept ended, parents): what grows with the run.
  public var storedTaskCount: Int { tasks.count }

  // MARK: - Applying lines

  public mutating func apply(_ line: TraceLine) {
    let time = line.t ?? lastTime
    if line.type != "deadline" { lastTime = max(lastTime, time) }
    switch line.type {
    case "event":
      guard let id = line.id, let what = line.event else { return }
      event(id: id, kind: what, line: line, time: time)
    case "await":
      guard let id = line.id, var task = tasks[id], task.isLive else { return }
      knowsWaits = true
      let before = phrase(task)
      task.waitsOn = line.on
      task.awaits = line.on == nil ? [] : line.tasks ?? []
      tasks[id] = task
      changeState(task, from: before)
    case "gather":
      guard let number = line.gather else { return }
      addStructure(.gather(number), parent: line.parent, time: time)
      for id in line.tasks ?? [] { move(id, to: .gather(number)) }
    case "group":
      guard let number = line.group else { return }
      addStructure(.group(number), parent: line.parent, time: time)
    case "join":
      let container = line.gather.map(Container.gather) ?? line.group.map(Container.group)
      guard let container else { return }
      if structures[container] == nil { addStructure(container, parent: nil, time: time) }
      structures[container]?.join = Join(time: time, label: line.label ?? "joined", threw: line.outcome == "threw")
    case "deadline":
      deadline = time
    case "hidden":
      hidden[line.why ?? "asyncio's own", default: 0] += 1
    default:
      break
    }
  }

  private mutating func event(id: Int, kind: String, line: TraceLine, time: Double) {
    if tasks[id] == nil {
      // A task seen for the first time; an end for a task no longer held is one already counted.
      guard kind == "waiting" || kind == "started" else { return }
      let container = line.gather.map(Container.gather) ?? line.group.map(Container.group)
      add(Task(id: id, label: line.task ?? "task #\(id)", parent: line.parent, container: container, created: time))
    }
    guard var task = tasks[id], task.isLive else { return }
    switch kind {
    case "started":
      guard task.started == nil else { return }
      let before = phrase(task)
      task.started = time
      tasks[id] = task
      changeState(task, from: before)
    case "finished": finish(task, .finished(value: line.value ?? ""), at: time)
    case "failed": finish(task, .failed(error: line.error ?? "failed"), at: time)
    case "cancelled": finish(task, .cancelled, at: time)
    default: break
    }
  }

  private mutating func add(_ task: Task) {
    tasks[task.id] = task
    taskCount += 1
    if let parent = task.parent { parents.insert(parent) }
    let key = slotKey(task)!
    addToSlot(task, key: key)
  }

  private mutating func addToSlot(_ task: Task, key: SlotKey) {
    var index = slots.index(forKey: key)
    if index == nil {
      slots[key] = Slot(key: key)
      index = slots.index(forKey: key)
      if let container = key.container {
        members[container, default: []].append(key)
      } else {
        items[key.parent, default: []].append(.slot(key))
      }
    }
    // By index: a slot key hashes its coroutine's name, and this runs for every task.
    let at = index!
    slots.values[at].total += 1
    if task.isLive {
      slots.values[at].live.insert(task.id)
      slots.values[at].states[phrase(task), default: 0] += 1
    } else {
      count(task, at: at)
      slots.values[at].kept.append(task.id)
    }
    if !keepsEveryTask, slots.values[at].total > keptPerSlot, slots.values[at].isComplete { evict(key) }
  }

  /// The slot stops keeping its ended tasks one by one (parents stay: the tree hangs from them).
  private mutating func evict(_ key: SlotKey) {
    slots[key]!.isComplete = false
    var stay: [Int] = []
    for id in slots[key]!.kept {
      if parents.contains(id) { stay.append(id) } else { tasks[id] = nil; keptEnded -= 1 }
    }
    slots[key]!.kept = stay
  }

  private func slotKey(_ task: Task) -> SlotKey? {
    task.container.map { SlotKey(parent: nil, container: $0, kind: task.kind) }
      ?? SlotKey(parent: task.parent, container: nil, kind: task.kind)
  }

  private mutating func count(_ task: Task, at index: Dictionary<SlotKey, Slot>.Index) {
    switch task.end {
    case .finished: slots.values[index].finished += 1
    case .failed: slots.values[index].failed += 1
    case .cancelled: slots.values[index].cancelled += 1
    case nil: return
    }
    if let ended = task.ended { slots.values[index].durations.add(ended - (task.started ?? task.created)) }
  }

  private mutating func changeState(_ task: Task, from before: String) {
    let after = phrase(task)
    guard before != after, let key = slotKey(task), let at = slots.index(forKey: key) else { return }
    Self.move(&slots.values[at].states, from: before, to: after)
  }

  /// One live task less in state `before`, and one more in `after` (nil: it ended).
  private static func move(_ states: inout [String: Int], from before: String, to after: String?) {
    if let index = states.index(forKey: before) {
      if states.values[index] <= 1 { states.remove(at: index) } else { states.values[index] -= 1 }
    }
    if let after { states[after, default: 0] += 1 }
  }

  private mutating func finish(_ task: Task, _ end: End, at time: Double) {
    var task = task
    let key = slotKey(task)!
    let before = phrase(task)
    task.end = end
    task.ended = time
    task.waitsOn = nil
    task.awaits = []
    switch end {
    case .finished: finished += 1
    case .failed: failed += 1
    case .cancelled: cancelled += 1
    }
    let at = slots.index(forKey: key)!
    slots.values[at].live.remove(task.id)
    Self.move(&slots.values[at].states, from: before, to: nil)
    count(task, at: at)
    let isParent = parents.contains(task.id)
    let keeps = keepsEveryTask || isParent || (slots.values[at].isComplete && keptEnded < keptAtMost)
    if keeps {
      tasks[task.id] = task
      slots.values[at].kept.append(task.id)
      if !isParent { keptEnded += 1 }
    } else {
      tasks[task.id] = nil
      if slots.values[at].isComplete { evict(key) }
    }
  }

  private mutating func addStructure(_ container: Container, parent: Int?, time: Double) {
    guard structures[container] == nil else { return }
    structures[container] = Structure(container: container, parent: parent, created: time)
    items[parent, default: []].append(.structure(container))
    if let parent { parents.insert(parent) }
  }

  /// A task gathered after it was made: it moves into its gather.
  private mutating func move(_ id: Int, to container: Container) {
    guard var task = tasks[id], task.container == nil, let old = slotKey(task) else { return }
    slots[old]!.total -= 1
    if task.isLive {
      slots[old]!.live.remove(id)
      let phrase = phrase(task)
      slots[old]!.states[phrase, default: 1] -= 1
      if slots[old]!.states[phrase] == 0 { slots[old]!.states[phrase] = nil }
    } else {
      slots[old]!.kept.removeAll { $0 == id }
      switch task.end {
      case .finished: slots[old]!.finished -= 1
      case .failed: slots[old]!.failed -= 1
      case .cancelled: slots[old]!.cancelled -= 1
      case nil: break
      }
    }
    task.container = container
    tasks[id] = task
    addToSlot(task, key: slotKey(task)!)
  }

  // MARK: - Reading

  /// What a live task is doing, as a folded row counts it: "not started", "running",
  /// "sleeping", "awaiting a task", "on Queue.get".
  public func phrase(_ task: Task) -> String {
    guard task.started != nil else { return "not started" }
    guard let on = task.waitsOn else { return "running" }
    return Self.phrase(waitingOn: on)
  }

  static func phrase(waitingOn on: String) -> String {
    if on.hasPrefix("sleep") { return "sleeping" }
    if on.hasPrefix("task #") { return "awaiting a task" }
    if on.hasPrefix("gather #") { return "awaiting a gather" }
    if on.hasPrefix("TaskGroup #") { return "in a TaskGroup" }
    return "on " + on
  }

  public func isParent(_ id: Int) -> Bool { parents.contains(id) }

  /// The tasks the members of slot `key` created, merged by coroutine: what hangs under a
  /// folded row (`worker × 100` made `fetch × 5 000`).
  public func childSlots(of key: SlotKey) -> [Slot] {
    var merged: [String: Slot] = [:]
    var order: [String] = []
    for id in parents.sorted() {
      guard let task = tasks[id], slotKey(task) == key else { continue }
      for item in items[id] ?? [] {
        let keys: [SlotKey]
        switch item {
        case .slot(let child): keys = [child]
        case .structure(let container): keys = members[container] ?? []
        }
        for child in keys {
          guard let slot = slots[child] else { continue }
          if merged[child.kind] == nil {
            order.append(child.kind)
            merged[child.kind] = Slot(key: SlotKey(parent: nil, container: nil, kind: child.kind))
          }
          merged[child.kind]!.absorb(slot)
        }
      }
    }
    return order.compactMap { merged[$0] }
  }
}
