import Foundation

/// Turns the measurements into the table `make bench` prints and the JSON it writes.
struct Report {
  var measurements: Measurements

  static let counts = [1_000, 10_000, 100_000]
  static let boundedCounts = [1_000, 100_000]
  static let speeds = [1, 20]
  static let limit = 10
  /// What the window must keep whatever the limit: one `Int?` slot (16 bytes) while gathering and
  /// one `Int` (8 bytes) in the array it returns, per input.
  static let resultBytesPerInput = 24.0

  // MARK: The bars of DESIGN.md §8

  struct Bar {
    var name: String
    var met: Bool?
    var detail: String
  }

  var bars: [Bar] {
    var bars: [Bar] = []
    let ratios = Self.counts.compactMap { gatherRatio(at: $0) }
    if let worst = ratios.max() {
      bars.append(Bar(
        name: "GatherKit within 1.3× of a hand-written task group", met: worst <= 1.3,
        detail: "worst median of paired ratios \(Format.ratio(worst))"
      ))
    } else {
      bars.append(Bar(name: "GatherKit within 1.3× of a hand-written task group", met: nil, detail: "not measured"))
    }
    if let beyond = windowGrowthBeyondResults {
      bars.append(Bar(
        name: "bounded gather's memory flat in N", met: beyond < 1.0,
        detail: "window grows \(Format.megabytes(beyond)) MB beyond its results from N = 1 000 to 100 000"
          + semaphoreComparison
      ))
    } else {
      bars.append(Bar(name: "bounded gather's memory flat in N", met: nil, detail: "not measured"))
    }
    for speed in Self.speeds {
      guard let summary = measurements.fidelity[speed] else { continue }
      let allowed = fidelityAllowance(speed: speed)
      bars.append(Bar(
        name: "ordering at speed \(speed) within 0.5% + 5 ms × speed of ideal", met: abs(summary.median) <= allowed,
        detail: "median \(Format.milliseconds(summary.median)) ms nominal, allowed ±\(Format.milliseconds(allowed)) ms"
      ))
    }
    if let live = measurements.liveView {
      bars.append(Bar(
        name: "live view under 2% of one core", met: live.median < 2,
        detail: "median \(Format.percent(live.median))%"
      ))
    }
    if let list = measurements.startup["list"] {
      bars.append(Bar(
        name: "gatherlab list starts in under 10 ms", met: list.median < 10,
        detail: "median \(Format.milliseconds(list.median)) ms"
      ))
    }
    if let prompt = measurements.startup["first-prompt"] {
      bars.append(Bar(
        name: "the walkthrough's first prompt in under 10 ms", met: prompt.median < 10,
        detail: "median \(Format.milliseconds(prompt.median)) ms"
      ))
    }
    return bars
  }

  /// The median over rounds of gather's time divided by the task group's in the same round.
  func gatherRatio(at count: Int) -> Double? {
    measurements.pairedRatio[count]?.median
  }

  /// The window's peak growth from the smallest N to the largest, less the results arrays.
  var windowGrowthBeyondResults: Double? {
    guard let small = measurements.boundedPeak["window"]?[Self.boundedCounts[0]],
      let large = measurements.boundedPeak["window"]?[Self.boundedCounts[1]]
    else { return nil }
    let results = Double(Self.boundedCounts[1] - Self.boundedCounts[0]) * Self.resultBytesPerInput / 1_048_576
    return large.median - small.median - results
  }

  private var semaphoreComparison: String {
    guard let small = measurements.boundedPeak["semaphore"]?[Self.boundedCounts[0]],
      let large = measurements.boundedPeak["semaphore"]?[Self.boundedCounts[1]]
    else { return "" }
    return "; the semaphore pattern grows \(Format.megabytes(large.median - small.median)) MB"
  }

  func fidelityAllowance(speed: Int) -> Double {
    0.005 * (measurements.ideal ?? 3) * 1000 + 5 * Double(speed)
  }

  /// Bytes of peak growth per extra input between the smallest and largest N.
  func bytesPerInput(_ strategy: String) -> Double? {
    guard let small = measurements.boundedPeak[strategy]?[Self.boundedCounts[0]],
      let large = measurements.boundedPeak[strategy]?[Self.boundedCounts[1]]
    else { return nil }
    return (large.median - small.median) * 1_048_576 / Double(Self.boundedCounts[1] - Self.boundedCounts[0])
  }

  // MARK: The table

  var table: String {
    var out: [String] = []
    let m = measurements
    let pythonSkipped = m.perTask["python"] == nil
    out.append("gatherlab benchmarks: min / median of repeated runs (\(m.noteLine))")
    out.append("")
    out.append("1. Per-task cost of gathering N trivial operations, ns per task")
    out.append("   (GatherKit/group: ratio of the mins / median of the ratios of runs paired in one round)")
    out += Format.table(
      ["N", "GatherKit gather", "task group by hand", "GatherKit/group", "Python gather", "Python/GatherKit"],
      Self.counts.map { count in
        let gather = m.perTask["gather"]?[count]
        let group = m.perTask["taskgroup"]?[count]
        let python = m.perTask["python"]?[count]
        return [
          Format.count(count),
          Format.pair(gather, Format.nanoseconds),
          Format.pair(group, Format.nanoseconds),
          pairedRatioCell(gather, group, m.pairedRatio[count]),
          pythonSkipped ? "skipped" : Format.pair(python, Format.nanoseconds),
          pythonSkipped ? "skipped" : ratioPair(python, gather),
        ]
      }
    )
    out.append("")
    out.append("2. Bounded gather, limit \(Self.limit), operations that suspend once: time per task, peak memory growth")
    out.append("   (growth of VmHWM over VmRSS before the gather, in a process per case)")
    let cases = [
      ("window", "sliding window (GatherKit)"),
      ("semaphore", "semaphore, the guide's (Swift)"),
      ("python", "bounded_gather (Python)"),
    ]
    var boundedRows: [[String]] = []
    for (key, label) in cases {
      let skipped = key == "python" && m.boundedPeak["python"] == nil
      for (position, count) in Self.boundedCounts.enumerated() {
        boundedRows.append([
          position == 0 ? label : "",
          Format.count(count),
          skipped ? "skipped" : Format.pair(m.boundedTime[key]?[count], Format.nanoseconds),
          skipped ? "skipped" : Format.pair(m.boundedPeak[key]?[count], Format.megabytes),
          position == 0 || skipped ? "" : bytesPerInput(key).map { Format.bytes($0) } ?? "–",
        ])
      }
    }
    out += Format.table(["", "N", "ns per task", "peak MB", "per extra input"], boundedRows)
    out.append("   The window's results alone take \(Int(Self.resultBytesPerInput)) B per input (an Int? slot, then an Int).")
    out.append("")
    let ideal = m.ideal.map { Format.seconds($0) } ?? "3 s"
    out.append("3. Timing fidelity of gatherlab run ordering: measured elapsed − ideal (\(ideal)), ms")
    out.append("   (elapsed is reported to 1 ms nominal; real = nominal / speed)")
    out += Format.table(
      ["speed", "nominal ms", "real ms", "allowed, nominal"],
      Self.speeds.map { speed in
        let nominal = m.fidelity[speed]
        return [
          "\(speed)",
          Format.pair(nominal, Format.milliseconds),
          Format.pair(nominal?.scaled(by: 1 / Double(speed)), Format.milliseconds),
          "±" + Format.milliseconds(fidelityAllowance(speed: speed)),
        ]
      }
    )
    out.append("")
    out.append("4. CPU of gatherlab run ordering (3 s), % of one core")
    out += Format.table(
      ["output", "CPU %", "bytes written"],
      [
        [
          "live timeline into a pty", Format.pair(m.liveView, Format.percent),
          m.liveViewBytes.map { Format.count(Int($0.median)) } ?? "–",
        ],
        ["plain lines to /dev/null", Format.pair(m.plainOutput, Format.percent), ""],
      ]
    )
    out.append("")
    out.append("5. Start-up, ms (\(m.startupTool))")
    out += Format.table(
      ["command", "ms"],
      [("list", "gatherlab list"), ("first-prompt", "gatherlab, to its first prompt"), ("version", "gatherlab --version")]
        .map { key, label in
        [label, Format.pair(m.startup[key], Format.milliseconds)]
      }
    )
    out.append("")
    out.append("Bars (DESIGN.md §8)")
    for bar in bars {
      let mark = switch bar.met {
      case true?: "met    "
      case false?: "NOT met"
      case nil: "–      "
      }
      out.append("   \(mark)  \(bar.name): \(bar.detail)")
    }
    for what in m.skipped {
      out.append("   skipped  \(what)")
    }
    return out.joined(separator: "\n")
  }

  private func pairedRatioCell(_ gather: Summary?, _ group: Summary?, _ paired: Summary?) -> String {
    guard let gather, let group, let paired else { return "–" }
    return Format.ratio(gather.min / group.min) + " / " + Format.ratio(paired.median)
  }

  private func ratioPair(_ numerator: Summary?, _ denominator: Summary?) -> String {
    guard let numerator, let denominator else { return "–" }
    return Format.ratio(numerator.min / denominator.min) + " / " + Format.ratio(numerator.median / denominator.median)
  }

  // MARK: The JSON

  var json: [String: Any] {
    let m = measurements
    func byCount(_ values: [Int: Summary]?) -> Any {
      guard let values else { return "skipped" }
      return Dictionary(uniqueKeysWithValues: values.map { (String($0.key), $0.value.json) })
    }
    var object: [String: Any] = [
      "gather_ns_per_task": byCount(m.perTask["gather"]),
      "taskgroup_ns_per_task": byCount(m.perTask["taskgroup"]),
      "python_ns_per_task": byCount(m.perTask["python"]),
      "bounded_window_peak_mb": byCount(m.boundedPeak["window"]),
      "bounded_semaphore_peak_mb": byCount(m.boundedPeak["semaphore"]),
      "python_bounded_peak_mb": byCount(m.boundedPeak["python"]),
      "bounded_window_ns_per_task": byCount(m.boundedTime["window"]),
      "bounded_semaphore_ns_per_task": byCount(m.boundedTime["semaphore"]),
      "python_bounded_ns_per_task": byCount(m.boundedTime["python"]),
      "fidelity_ms": Dictionary(uniqueKeysWithValues: m.fidelity.map { speed, nominal in
        ("speed_\(speed)", [
          "nominal": nominal.json,
          "real": nominal.scaled(by: 1 / Double(speed)).json,
          "allowed_nominal": fidelityAllowance(speed: speed),
        ] as [String: Any])
      }),
      "live_view_cpu_percent": m.liveView?.json ?? "not measured",
      "plain_output_cpu_percent": m.plainOutput?.json ?? "not measured",
      "startup_ms": Dictionary(uniqueKeysWithValues: m.startup.map { ($0.key, $0.value.json) }),
      "startup_tool": m.startupTool,
      "notes": m.notes,
      "skipped": m.skipped,
      "bars": bars.map { ["name": $0.name, "met": $0.met.map { $0 as Any } ?? NSNull(), "detail": $0.detail] as [String: Any] },
    ]
    var ratios: [String: Any] = [:]
    for count in Self.counts {
      if let gather = m.perTask["gather"]?[count], let group = m.perTask["taskgroup"]?[count],
        let paired = m.pairedRatio[count]
      {
        ratios["gatherkit_over_taskgroup_\(count)"] = [
          "of_mins": (gather.min / group.min).rounded(places: 3),
          "of_medians": (gather.median / group.median).rounded(places: 3),
          "paired_median": paired.median.rounded(places: 3),
        ]
      }
      if let gather = m.perTask["gather"]?[count], let python = m.perTask["python"]?[count] {
        ratios["python_over_gatherkit_\(count)"] = [
          "of_mins": (python.min / gather.min).rounded(places: 3),
          "of_medians": (python.median / gather.median).rounded(places: 3),
        ]
      }
    }
    object["ratios"] = ratios
    return object
  }
}

extension Measurements {
  var noteLine: String {
    ["machine", "swift", "python", "load"].compactMap { key in notes[key].map { "\(key) \($0)" } }.joined(separator: ", ")
  }
}
