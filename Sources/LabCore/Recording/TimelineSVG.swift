import LabTerminal

/// The final timeline of a run as one standalone SVG, for a slide: a row per task with its
/// argument index (`[0] A`), bars for waiting and running, its state by colour and by symbol,
/// its finish rank and value or error, orphans labelled; the join and any deadline marked on a
/// time axis; a legend. Sizes are chosen to stay legible on a projector.
///
/// Pure: the same snapshot always gives the same document.
public enum TimelineSVG {
  static let width = 1200.0
  static let margin = 28.0
  static let rowHeight = 46.0
  static let barHeight = 28.0
  /// Monospaced text is laid out by counting characters: this many pixels a character per
  /// pixel of font size.
  static let characterWidth = 0.62

  /// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and each
  /// state carries its symbol as well.
  enum Palette {
    static let running = "#E69F00"
    static let done = "#009E73"
    static let failed = "#D55E00"
    static let cancelled = "#CC79A7"
    static let waiting = "#BDBDBD"
    static let orphan = "#56B4E9"
    static let ink = "#1A1A1A"
    static let faint = "#6B6B6B"
  }

  public static func document(_ snapshot: TimelineSnapshot) -> String {
    #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + svg(snapshot).markup + "\n"
  }

  public static func svg(_ snapshot: TimelineSnapshot) -> SVGElement {
    let labels = snapshot.rows.map(RowLabel.text)
    // Values cut from the middle so the status column (at most 420 px) holds them.
    let statuses = snapshot.rows.map { RowLabel.status($0, valueWidth: 22, cutOff: TimelineRenderer.isCutOff($0, in: snapshot)) }
    let labelWidth = Double(labels.map(\.count).max() ?? 5) * 22 * characterWidth + 20
    let statusWidth = min(420, Double(statuses.map(\.count).max() ?? 10) * 20 * characterWidth + 16)
    let barStart = margin + labelWidth
    let barEnd = width - margin - statusWidth - 16
    let axis = Axis(snapshot: snapshot, from: barStart, to: barEnd)

    var body: [SVGElement] = []
    var y = 92.0
    let top = y
    var previousPhase: String?
    for (index, row) in snapshot.rows.enumerated() {
      if snapshot.phases.count > 1, let phase = row.phase, phase != previousPhase {
        let phaseNumber = (snapshot.phases.firstIndex(of: phase) ?? 0) + 1
        body.append(SVGElement("text", ["x": number(margin), "y": number(y + 24), "class": "phase"], text: "phase \(phaseNumber) · \(phase)"))
        previousPhase = phase
        y += 36
      }
      body.append(rowGroup(row, label: labels[index], status: statuses[index], y: y, axis: axis, snapshot: snapshot, statusX: barEnd + 16))
      y += rowHeight
    }
    let bottom = y
    body.append(axisGroup(axis, y: bottom + 6))
    var markerY = bottom + 64
    if let deadline = snapshot.deadline {
      body.append(markerGroup(
        kind: "deadline", time: deadline, label: "┆ deadline " + SecondsFormat.seconds(deadline),
        colour: Palette.failed, axis: axis, top: top - 8, bottom: bottom, labelY: markerY))
      markerY += 30
    }
    if let join = snapshot.join {
      body.append(markerGroup(
        kind: "join", time: join.time, label: "▲ " + join.label + " " + SecondsFormat.seconds(join.time),
        colour: Palette.ink, axis: axis, top: top - 8, bottom: bottom, labelY: markerY))
      markerY += 30
    }
    body.append(legend(snapshot, y: markerY + 18))
    let height = markerY + 60

    let clock = (snapshot.isFinal ? "done " : "") + SecondsFormat.seconds(snapshot.now)
    return SVGElement("svg", [
      "xmlns": "http://www.w3.org/2000/svg",
      "width": number(width), "height": number(height),
      "viewBox": "0 0 \(number(width)) \(number(height))",
      "font-family": "DejaVu Sans Mono, Menlo, Consolas, monospace",
    ], [
      SVGElement("title", text: snapshot.title),
      definitions(),
      SVGElement("rect", ["width": "100%", "height": "100%", "fill": "#FFFFFF"]),
      SVGElement("text", ["x": number(margin), "y": "44", "class": "title", "font-size": "26", "font-weight": "bold", "fill": Palette.ink], text: snapshot.title),
      SVGElement("text", ["x": number(width - margin), "y": "44", "class": "clock", "font-size": "24", "font-weight": "bold", "text-anchor": "end", "fill": Palette.ink], text: clock),
    ] + body)
  }

  // MARK: - Parts

  static func definitions() -> SVGElement {
    func hatch(_ id: String, colour: String, background: String) -> SVGElement {
      SVGElement("pattern", ["id": id, "patternUnits": "userSpaceOnUse", "width": "8", "height": "8", "patternTransform": "rotate(45)"], [
        SVGElement("rect", ["width": "8", "height": "8", "fill": background]),
        SVGElement("line", ["x1": "0", "y1": "0", "x2": "0", "y2": "8", "stroke": colour, "stroke-width": "3"]),
      ])
    }
    return SVGElement("defs", [:], [
      hatch("waiting", colour: "#9E9E9E", background: "#E0E0E0"),
      hatch("orphan", colour: "#2C7FB8", background: Palette.orphan),
      hatch("after-cancel", colour: Palette.cancelled, background: "#F3D9E6"),
      SVGElement("style", text: """
        .phase { font-size: 20px; font-weight: bold; fill: \(Palette.ink); }
        .label { font-size: 22px; font-weight: bold; fill: \(Palette.ink); }
        .status { font-size: 20px; }
        .axis text, .legend text { font-size: 18px; fill: \(Palette.faint); }
        .marker text { font-size: 20px; font-weight: bold; }
        """),
    ])
  }

  static func rowGroup(
    _ row: TimelineRow, label: String, status: String, y: Double, axis: Axis, snapshot: TimelineSnapshot, statusX: Double
  ) -> SVGElement {
    var parts: [SVGElement] = [
      SVGElement("text", ["x": number(margin), "y": number(y + barHeight - 6), "class": "label"], text: label)
    ]
    let end = row.endedAt ?? snapshot.now
    func bar(_ kind: String, from start: Double, to stop: Double, fill: String, opacity: Double = 1) {
      let x = axis.x(start)
      let width = max(axis.x(stop) - x, stop > start ? 3 : 0)
      guard width > 0 else { return }
      parts.append(opacity < 1
        ? SVGElement("rect", [
          "class": kind, "x": number(x), "y": number(y), "width": number(width), "height": number(barHeight),
          "fill": fill, "rx": "3", "opacity": number(opacity),
        ])
        : SVGElement("rect", [
          "class": kind, "x": number(x), "y": number(y), "width": number(width), "height": number(barHeight),
          "fill": fill, "rx": "3",
        ]))
    }
    if let waitingSince = row.waitingSince {
      bar("waiting", from: waitingSince, to: row.startedAt ?? end, fill: "url(#waiting)")
    }
    if let startedAt = row.startedAt {
      if row.isOrphan, let join = snapshot.join?.time, join < end {
        bar("running", from: startedAt, to: max(startedAt, join), fill: colour(row.state))
        bar("orphan", from: max(startedAt, join), to: end, fill: "url(#orphan)")
        let (from, to) = (axis.x(max(startedAt, join)), axis.x(end))
        if to - from >= 150 {
          parts.append(SVGElement("text", [
            "x": number((from + to) / 2), "y": number(y + barHeight - 8), "class": "orphan-label",
            "text-anchor": "middle", "font-size": "18", "font-weight": "bold", "fill": Palette.ink,
          ], text: row.state.hasEnded ? "orphan · result lost" : "orphan"))
        }
      } else if row.state == .cancelled, let cut = row.endedAt {
        // As on the terminal: the part that ran, the cut, then the rest of its plan, faint.
        bar("running", from: startedAt, to: cut, fill: Palette.running)
        if let plannedEnd = row.plannedEnd, plannedEnd > cut {
          bar("planned", from: cut, to: plannedEnd, fill: Palette.cancelled, opacity: plannedOpacity)
        }
        let x = axis.x(cut)
        parts.append(SVGElement("line", [
          "class": "cut", "x1": number(x), "y1": number(y - 4), "x2": number(x), "y2": number(y + barHeight + 4),
          "stroke": Palette.cancelled, "stroke-width": "4",
        ]))
      } else {
        bar("running", from: startedAt, to: end, fill: colour(row.state))
      }
      // What it did after it got its cancellation: its cleanup, or work past a swallowed one.
      if let cancellingSince = row.cancellingSince, cancellingSince < end {
        bar("after-cancel", from: max(startedAt, cancellingSince), to: end, fill: "url(#after-cancel)")
      }
    }
    parts.append(SVGElement("text", [
      "x": number(statusX), "y": number(y + barHeight - 6), "class": "status",
      "fill": row.state == .running || !row.state.hasEnded ? Palette.ink : colour(row.state),
    ], text: status))
    if row.isOrphan {
      parts.append(SVGElement("title", text: row.state.hasEnded
        ? "\(row.name) kept running after the caller got the error; its result was lost"
        : "\(row.name) is still running after the caller got the error"))
    }
    return SVGElement("g", [
      "class": "task" + (row.isOrphan ? " orphan" : ""), "data-task": row.name,
      "data-index": String(RowLabel.argumentIndex(row)),
      "data-state": TimelineRenderer.isCutOff(row, in: snapshot) ? "interrupted" : stateName(row.state),
    ], parts)
  }

  static func axisGroup(_ axis: Axis, y: Double) -> SVGElement {
    var parts = [SVGElement("line", [
      "x1": number(axis.start), "y1": number(y), "x2": number(axis.end), "y2": number(y), "stroke": Palette.faint, "stroke-width": "2",
    ])]
    for tick in axis.ticks {
      let x = axis.x(tick)
      parts.append(SVGElement("line", ["x1": number(x), "y1": number(y), "x2": number(x), "y2": number(y + 8), "stroke": Palette.faint, "stroke-width": "2"]))
      parts.append(SVGElement("text", ["x": number(x), "y": number(y + 30), "text-anchor": "middle"], text: SecondsFormat.tick(tick)))
    }
    return SVGElement("g", ["class": "axis"], parts)
  }

  static func markerGroup(
    kind: String, time: Double, label: String, colour: String, axis: Axis, top: Double, bottom: Double, labelY: Double
  ) -> SVGElement {
    let x = axis.x(time)
    let anchor = x > (axis.start + axis.end) / 2 ? "end" : "start"
    return SVGElement("g", ["class": "marker " + kind, "data-time": SecondsFormat.fixed(time, decimals: 3)], [
      SVGElement("line", [
        "x1": number(x), "y1": number(top), "x2": number(x), "y2": number(bottom + 6),
        "stroke": colour, "stroke-width": "2", "stroke-dasharray": kind == "deadline" ? "6 5" : "2 4",
      ]),
      SVGElement("text", ["x": number(x), "y": number(labelY), "text-anchor": anchor, "fill": colour], text: label),
    ])
  }

  /// How faint the rest of a cancelled task's plan is drawn.
  static let plannedOpacity = 0.3

  /// The legend lists only what the picture draws.
  static func legend(_ snapshot: TimelineSnapshot, y: Double) -> SVGElement {
    let rows = snapshot.rows
    let cancelled = rows.filter { $0.state == .cancelled }
    var items: [(symbol: String, word: String, fill: String)] = []
    if rows.contains(where: { $0.state == .running }) || cancelled.contains(where: { $0.startedAt != nil }) {
      items.append(("▶", "running", Palette.running))
    }
    if rows.contains(where: { $0.waitingSince != nil }) { items.append(("◌", "waiting", "url(#waiting)")) }
    if rows.contains(where: \.isOrphan) { items.append(("▒", "orphan (result lost)", "url(#orphan)")) }
    if rows.contains(where: { $0.cancellingSince != nil && $0.startedAt != nil }) {
      items.append(("▓", "after its cancel", "url(#after-cancel)"))
    }
    if rows.contains(where: { if case .finished = $0.state { true } else { false } }) { items.append(("✓", "done", Palette.done)) }
    if rows.contains(where: { if case .failed = $0.state { true } else { false } }) { items.append(("✗", "failed", Palette.failed)) }
    if !cancelled.isEmpty { items.append(("⊘", "cancelled", Palette.cancelled)) }
    if rows.contains(where: { TimelineRenderer.isCutOff($0, in: snapshot) }) { items.append(("■", "interrupted", Palette.running)) }
    if cancelled.contains(where: { row in row.plannedEnd.map { $0 > (row.endedAt ?? .infinity) } ?? false }) {
      items.append(("░", "planned, never run", Palette.cancelled + "4D"))
    }
    var parts: [SVGElement] = []
    var x = margin
    for item in items {
      parts.append(SVGElement("rect", ["x": number(x), "y": number(y - 16), "width": "28", "height": "20", "fill": item.fill, "rx": "3"]))
      let text = item.symbol + " " + item.word
      parts.append(SVGElement("text", ["x": number(x + 36), "y": number(y)], text: text))
      x += 36 + Double(text.count) * 18 * characterWidth + 28
    }
    return SVGElement("g", ["class": "legend"], parts)
  }

  static func colour(_ state: TimelineRow.State) -> String {
    switch state {
    case .notCreated, .waiting: Palette.waiting
    case .running: Palette.running
    case .finished: Palette.done
    case .failed: Palette.failed
    case .cancelled: Palette.cancelled
    }
  }

  static func stateName(_ state: TimelineRow.State) -> String {
    switch state {
    case .notCreated: "not created"
    case .waiting: "waiting"
    case .running: "running"
    case .finished: "finished"
    case .failed: "failed"
    case .cancelled: "cancelled"
    }
  }

  /// Pixels with at most one decimal: "120", "87.5".
  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  /// The time axis: seconds to pixels, and round-numbered ticks (at most ten intervals).
  struct Axis {
    let start: Double
    let end: Double
    let length: Double
    let ticks: [Double]

    init(snapshot: TimelineSnapshot, from start: Double, to end: Double) {
      self.start = start
      self.end = end
      var latest = max(snapshot.horizon, snapshot.now, snapshot.deadline ?? 0, snapshot.join?.time ?? 0, 0.1)
      // The plan stays in view: a task cut short keeps the faint rest of its planned time.
      for row in snapshot.rows { latest = max(latest, row.endedAt ?? 0, row.state == .cancelled ? row.plannedEnd ?? 0 : 0) }
      let steps: [Double] = [0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]
      let step = steps.first { (latest / $0).rounded(.up) <= 10 } ?? (latest / 10).rounded(.up)
      length = max(step, (latest / step - 0.02).rounded(.up) * step)
      ticks = (0...Int((length / step).rounded())).map { Double($0) * step }
    }

    func x(_ time: Double) -> Double { start + (end - start) * min(max(time, 0), length) / length }
  }
}
