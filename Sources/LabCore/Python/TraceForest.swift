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
      // Cut at the parenthesis by its bytes when only ASCII comes before it (every label made of
      // a coroutine's name and its arguments): the same cut as by characters, without them.
      let bytes = label.utf8
      if let paren = bytes.firstIndex(of: UInt8(ascii: "(")), bytes[..<paren].allSatisfy({ $0 < 0x80 }) {
        return String(label[..<paren])
      }
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
  /// The slot last looked up, and where it is in `slots`: a run of lines is mostly of one slot,
  /// and a slot's key hashes its coroutine's name. Forgotten when a slot is added (an insertion
  /// may move the others); changing a slot's counts leaves every slot where it is.
  private var recentSlot: (key: SlotKey, index: Dictionary<SlotKey, Slot>.Index)?

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
      guard let id = line.id, let index = tasks.index(forKey: id) else { return }
      let on = line.on
      let awaits = on == nil ? [] : line.tasks ?? []
      let isLive = changeLiveTask(at: index) { task in
        task.waitsOn = on
        task.awaits = awaits
        return true
      }
      if isLive { knowsWaits = true }
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
    var index = tasks.index(forKey: id)
    if index == nil {
      // A task seen for the first time; an end for a task no longer held is one already counted.
      guard kind == "waiting" || kind == "started" else { return }
      let container = line.gather.map(Container.gather) ?? line.group.map(Container.group)
      add(Task(id: id, label: line.task ?? "task #\(id)", parent: line.parent, container: container, created: time))
      guard kind == "started" else { return }  // (a task is added waiting)
      index = tasks.index(forKey: id)
    }
    guard let index else { return }
    switch kind {
    case "started":
      changeLiveTask(at: index) { task in
        guard task.started == nil else { return false }
        task.started = time
        return true
      }
    case "finished": finish(taskAt: index, .finished(value: line.value ?? ""), at: time)
    case "failed": finish(taskAt: index, .failed(error: line.error ?? "failed"), at: time)
    case "cancelled": finish(taskAt: index, .cancelled, at: time)
    default: break
    }
  }

  /// (`consuming`: the task moves into `tasks`, not copied there.)
  private mutating func add(_ task: consuming Task) {
    taskCount += 1
    if let parent = task.parent { parents.insert(parent) }
    addToSlot(task, key: Self.slotKey(task))
    let id = task.id
    tasks[id] = task
  }

  private mutating func addToSlot(_ task: Task, key: SlotKey) {
    let index: Dictionary<SlotKey, Slot>.Index
    if let known = slotIndex(key) {
      index = known
    } else {
      slots[key] = Slot(key: key)
      recentSlot = nil
      index = slotIndex(key)!
      if let container = key.container {
        members[container, default: []].append(key)
      } else {
        items[key.parent, default: []].append(.slot(key))
      }
    }
    if Self.add(task, to: &slots.values[index], keptPerSlot: keepsEveryTask ? .max : keptPerSlot) { evict(key) }
  }

  /// Counts `task` in `slot`; true when the slot has grown past keeping its ended tasks.
  private static func add(_ task: Task, to slot: inout Slot, keptPerSlot: Int) -> Bool {
    slot.total += 1
    if task.isLive {
      slot.live.insert(task.id)
      slot.states[phrase(of: task), default: 0] += 1
    } else {
      count(task, in: &slot)
      slot.kept.append(task.id)
    }
    return slot.total > keptPerSlot && slot.isComplete
  }

  /// Where the slot of `key` is in `slots`.
  private mutating func slotIndex(_ key: SlotKey) -> Dictionary<SlotKey, Slot>.Index? {
    if let recentSlot, recentSlot.key == key { return recentSlot.index }
    guard let index = slots.index(forKey: key) else { return nil }
    recentSlot = (key, index)
    return index
  }

  /// Changes the task at `index` in place, if it is live (a task is not copied out of `tasks`
  /// and back for each of its lines), and moves it between its slot's state counts. `change`
  /// says whether it changed anything. Returns whether the task is live.
  @discardableResult
  private mutating func changeLiveTask(at index: Dictionary<Int, Task>.Index, _ change: (inout Task) -> Bool) -> Bool {
    var isLive = false
    var moved: (key: SlotKey, before: String, after: String)?
    Self.changeLive(&tasks.values[index], change, isLive: &isLive, moved: &moved)
    guard let moved, moved.before != moved.after, let at = slotIndex(moved.key) else { return isLive }
    Self.move(&slots.values[at].states, from: moved.before, to: moved.after)
    return isLive
  }

  private static func changeLive(
    _ task: inout Task, _ change: (inout Task) -> Bool, isLive: inout Bool, moved: inout (key: SlotKey, before: String, after: String)?
  ) {
    guard task.isLive else { return }
    isLive = true
    let before = phrase(of: task)
    guard change(&task) else { return }
    moved = (slotKey(task), before, phrase(of: task))
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

  private static func slotKey(_ task: Task) -> SlotKey {
    task.container.map { SlotKey(parent: nil, container: $0, kind: task.kind) }
      ?? SlotKey(parent: task.parent, container: nil, kind: task.kind)
  }

  private static func count(_ task: Task, in slot: inout Slot) {
    count(task.end, took: task.ended.map { $0 - (task.started ?? task.created) }, in: &slot)
  }

  /// Counts an ended task in `slot`: how it ended, and how long it took (when it says).
  private static func count(_ end: End?, took duration: Double?, in slot: inout Slot) {
    switch end {
    case .finished: slot.finished += 1
    case .failed: slot.failed += 1
    case .cancelled: slot.cancelled += 1
    case nil: return
    }
    if let duration { slot.durations.add(duration) }
  }

  /// One live task less in state `before`, and one more in `after` (nil: it ended).
  private static func move(_ states: inout [String: Int], from before: String, to after: String?) {
    if let index = states.index(forKey: before) {
      if states.values[index] <= 1 { states.remove(at: index) } else { states.values[index] -= 1 }
    }
    if let after { states[after, default: 0] += 1 }
  }

  /// The live task at `index` ended: it leaves `tasks` unless it is kept.
  private mutating func finish(taskAt index: Dictionary<Int, Task>.Index, _ end: End, at time: Double) {
    // Ended in place: read out of `tasks`, a task is copied (each of its fields retained).
    guard let ending = Self.end(&tasks.values[index], end, at: time) else { return }
    switch end {
    case .finished: finished += 1
    case .failed: failed += 1
    case .cancelled: cancelled += 1
    }
    let at = slotIndex(ending.key)!
    let isComplete = Self.count(ending, in: &slots.values[at])
    let isParent = parents.contains(ending.id)
    let keeps = keepsEveryTask || isParent || (isComplete && keptEnded < keptAtMost)
    if keeps {
      slots.values[at].kept.append(ending.id)
      if !isParent { keptEnded += 1 }
    } else {
      tasks.remove(at: index)
      if isComplete { evict(ending.key) }
    }
  }

  /// What a slot counts of a task that ended.
  private struct Ending {
    var id: Int
    var key: SlotKey
    /// What it was doing (its `phrase`) until it ended.
    var before: String
    var end: End
    var duration: Double
  }

  /// Ends `task` at `time`, if it is live.
  private static func end(_ task: inout Task, _ end: End, at time: Double) -> Ending? {
    guard task.isLive else { return nil }
    let ending = Ending(id: task.id, key: slotKey(task), before: phrase(of: task), end: end, duration: time - (task.started ?? task.created))
    task.end = end
    task.ended = time
    task.waitsOn = nil
    task.awaits = []
    return ending
  }

  /// Counts `ending` in its slot; returns whether the slot keeps every ended task still.
  private static func count(_ ending: Ending, in slot: inout Slot) -> Bool {
    slot.live.remove(ending.id)
    move(&slot.states, from: ending.before, to: nil)
    count(ending.end, took: ending.duration, in: &slot)
    return slot.isComplete
  }

  private mutating func addStructure(_ container: Container, parent: Int?, time: Double) {
    guard structures[container] == nil else { return }
    structures[container] = Structure(container: container, parent: parent, created: time)
    items[parent, default: []].append(.structure(container))
    if let parent { parents.insert(parent) }
  }

  /// A task gathered after it was made: it moves into its gather.
  private mutating func move(_ id: Int, to container: Container) {
    guard let index = tasks.index(forKey: id), tasks.values[index].container == nil else { return }
    var task = tasks.values[index]
    let old = Self.slotKey(task)
    slots[old]!.total -= 1
    if task.isLive {
      slots[old]!.live.remove(id)
      let phrase = Self.phrase(of: task)
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
    addToSlot(task, key: Self.slotKey(task))
  }

  // MARK: - Reading

  /// What a live task is doing, as a folded row counts it: "not started", "running",
  /// "sleeping", "awaiting a task", "on Queue.get".
  public func phrase(_ task: Task) -> String { Self.phrase(of: task) }

  static func phrase(of task: Task) -> String {
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
      guard let task = tasks[id], Self.slotKey(task) == key else { continue }
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
