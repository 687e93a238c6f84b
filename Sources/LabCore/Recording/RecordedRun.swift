import LabTerminal

/// A recording ready to be drawn again: its plan (rows, horizon, deadline), the instant each of
/// its entries takes effect, and the timeline at any nominal instant — a pure function of the
/// instant, so a replay, a step, a cast and an SVG of the same recording show the same frames
/// whatever the machine is doing.
///
/// ```swift
/// let run = RecordedRun(try Recording.read(path: "run.jsonl"))
/// run.snapshot(at: 1.0).rows.map(\.state)  // [.failed(error: "A failed"), .running, .running]
/// ```
public struct RecordedRun: Sendable {
  public let recording: Recording
  /// The demo the recording names, when this gatherlab has it and its parameters still resolve.
  public let demo: (any Demo)?
  public let parameters: DemoParameters
  public let plan: DemoPlan
  /// "error-cancel · delays=2,2 · fail-at=1 · mode=gather".
  public let title: String
  /// The speed the run was recorded at.
  public let speed: Double
  /// When each entry takes effect, in nominal seconds: its `t`, except a deadline line, which is
  /// written when the deadline is set and says when it will pass.
  public let instants: [Double]
  /// The last instant of the run.
  public let end: Double

  public init(_ recording: Recording, registry: DemoRegistry = .standard) {
    self.recording = recording
    var instants: [Double] = []
    var latest = 0.0
    for entry in recording.entries {
      if case .deadline = entry {
        instants.append(latest)
      } else {
        latest = max(latest, entry.time)
        instants.append(latest)
      }
    }
    self.instants = instants
    end = latest
    speed = recording.run?.speed ?? 1

    let known = recording.run.flatMap { header -> (any Demo, DemoParameters)? in
      guard let demo = registry.demo(id: header.demo),
        let parameters = try? demo.resolve([header.params.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }])
      else { return nil }
      return (demo, parameters)
    }
    if let (demo, parameters) = known {
      self.demo = demo
      self.parameters = parameters
      plan = demo.plan(resolved: parameters, runtime: recording.run?.runtime)
      title = DemoTranscript.title(demo: demo.id, parameters: parameters)
        + (recording.run?.runtime.map { " · " + $0 } ?? "")
    } else {
      demo = nil
      parameters = Self.noParameters
      plan = Self.plan(from: recording.entries, end: latest)
      if let header = recording.run {
        title = ([header.demo] + header.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
          .joined(separator: " · ")
      } else {
        title = recording.header.command.dropFirst().joined(separator: " ")
      }
    }
  }

  /// No parameters: resolving an empty declaration cannot fail.
  /// No parameters at all: resolving an empty declaration cannot fail.
  private static let noParameters = try! DemoParameters.resolve([], demo: "")

  /// A plan read off the entries, for a demo this gatherlab does not know or a traced program:
  /// one row per task in the order they first appear, the axis up to the last instant.
  static func plan(from entries: [DemoLogEntry], end: Double) -> DemoPlan {
    var tasks: [DemoPlan.PlannedTask] = []
    var seen: Set<DemoPlan.PlannedTask> = []  // (a recording of 100 000 tasks was 5 billion comparisons)
    var phases: [String] = []
    var phase: String?
    var firstJoin: Double?
    var deadline: Double?
    for entry in entries {
      switch entry {
      case .phase(let name, _, _):
        phase = name
        if !phases.contains(name) { phases.append(name) }
      case .event(let event):
        let task = DemoPlan.PlannedTask(name: event.task, phase: event.phase ?? phase)
        if seen.insert(task).inserted { tasks.append(task) }
      case .join(let join):
        if firstJoin == nil { firstJoin = join.time }
      case .deadline(let time):
        deadline = time
      }
    }
    return DemoPlan(tasks: tasks, phases: phases, ideal: firstJoin ?? end, sequential: 0, horizon: end, deadline: deadline)
  }

  // MARK: - The run at an instant

  /// The timeline after the first `count` entries.
  public func timeline(through count: Int) -> RunTimeline {
    var timeline = RunTimeline(plan: plan)
    for entry in recording.entries.prefix(count) { timeline.apply(entry) }
    return timeline
  }

  /// How many entries have taken effect at `time`.
  public func entryCount(at time: Double) -> Int {
    instants.firstIndex { $0 > time + 1e-9 } ?? instants.count
  }

  /// The timeline as it stood at `time`.
  public func timeline(at time: Double) -> RunTimeline {
    timeline(through: entryCount(at: time))
  }

  /// What the live view showed at `time`.
  public func snapshot(at time: Double, isFinal: Bool = false) -> TimelineSnapshot {
    timeline(at: time).snapshot(title: title, speed: speed, now: time, isFinal: isFinal)
  }

  /// The instants a replay draws: every `interval` of nominal time from 0, every instant an
  /// entry takes effect, and the end.
  public func frameInstants(every interval: Double = 0.05) -> [Double] {
    let ticks = Int((end / interval).rounded(.down))
    var times = (0...max(0, ticks)).map { Double($0) * interval } + instants + [end]
    times.sort()
    var frames: [Double] = []
    for time in times where frames.last.map({ time - $0 > 1e-6 }) ?? true {
      frames.append(time)
    }
    return frames
  }

  /// The frames at `frameInstants(every:)`, built in one pass over the entries.
  public func frames(every interval: Double = 0.05) -> [ReplayFrame] {
    var timeline = RunTimeline(plan: plan)
    var applied = 0
    return frameInstants(every: interval).map { time in
      while applied < instants.count, instants[applied] <= time + 1e-9 {
        timeline.apply(recording.entries[applied])
        applied += 1
      }
      return ReplayFrame(time: time, entryCount: applied, snapshot: timeline.snapshot(title: title, speed: speed, now: time))
    }
  }

  // MARK: - Steps

  /// The stops of `replay --step`: the entries that take effect within a few milliseconds of
  /// each other (three tasks starting at once, a failure and the cancellations it causes) make
  /// one stop, at the instant of the last of them.
  public var steps: [ReplayStep] {
    // Real milliseconds: a run at speed 20 spreads the scheduler's jitter twenty times wider in
    // nominal time.
    let sameMoment = Self.sameMoment * max(1, speed)
    var steps: [ReplayStep] = []
    var start = 0
    while start < instants.count {
      var next = start + 1
      while next < instants.count, instants[next] - instants[start] < sameMoment { next += 1 }
      steps.append(ReplayStep(time: instants[next - 1], entries: start..<next))
      start = next
    }
    return steps
  }

  /// Entries this close together (real seconds) happen "at the same moment" for a learner.
  static let sameMoment = 0.01

  // MARK: - The whole run

  /// The report of the whole run, derived from its entries as a live run's is.
  public func report() -> DemoReport {
    var report = timeline(through: recording.entries.count)
      .report(demo: recording.run?.demo ?? "recording", parameters: parameters, speed: speed, now: end)
    report.runtime = recording.run?.runtime
    return report
  }

  /// The summary a live run ends with.
  public func summary(width: Int) -> [StyledText] {
    let report = report()
    return DemoTranscript.summary(report, takeaway: demo?.takeaway(report) ?? [], width: width)
  }
}

/// The timeline drawn at one instant of a replay.
public struct ReplayFrame: Sendable, Equatable {
  public var time: Double
  /// How many of the recording's entries it shows.
  public var entryCount: Int
  public var snapshot: TimelineSnapshot
}

/// One stop of `replay --step`: the entries that happened at one moment.
public struct ReplayStep: Sendable, Equatable {
  public var time: Double
  public var entries: Range<Int>

  public init(time: Double, entries: Range<Int>) {
    self.time = time
    self.entries = entries
  }
}
