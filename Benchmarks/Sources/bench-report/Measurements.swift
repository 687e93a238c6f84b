import Foundation

/// Everything `Benchmarks/run` measured, read back from the files it left in the results folder.
struct Measurements {
  /// Nanoseconds per task by case ("gather", "taskgroup", "python") and N.
  var perTask: [String: [Int: Summary]] = [:]
  /// gather's time over the task group's in the same round, by N: the noise-proof ratio.
  var pairedRatio: [Int: Summary] = [:]
  /// Bounded gather by strategy ("window", "semaphore", "python") and N: time per task, peak MB.
  var boundedTime: [String: [Int: Summary]] = [:]
  var boundedPeak: [String: [Int: Summary]] = [:]
  /// Nominal elapsed − ideal, in ms, by speed.
  var fidelity: [Int: Summary] = [:]
  var ideal: Double?
  /// Live view and plain output CPU, % of one core.
  var liveView: Summary?
  var liveViewBytes: Summary?
  var plainOutput: Summary?
  /// Start-up in ms by command name, and the tool that timed it.
  var startup: [String: Summary] = [:]
  var startupTool = "bench-probe"
  /// Facts about the run: versions, load.
  var notes: [String: String] = [:]
  var skipped: [String] = []

  init(folder: URL) throws {
    try readLines(folder.appending(path: "raw.jsonl"))
    try readHyperfine(folder)
  }

  private mutating func readLines(_ file: URL) throws {
    guard let text = try? String(contentsOf: file, encoding: .utf8) else { return }
    var bounded: [String: [Int: (time: [Double], peak: [Double])]] = [:]
    var paired: [String: [Int: [Double]]] = [:]
    var ratios: [Int: [Double]] = [:]
    var python: [Int: [Double]] = [:]
    var fidelitySamples: [Int: [Double]] = [:]
    var live: [Double] = [], liveBytes: [Double] = [], plain: [Double] = []
    for line in text.split(separator: "\n") {
      guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let kind = object["case"] as? String
      else { continue }
      let count = (object["n"] as? NSNumber)?.intValue ?? 0
      switch kind {
      case "paired":
        let gather = object["gather"] as? [Double] ?? []
        let group = object["taskgroup"] as? [Double] ?? []
        paired["gather", default: [:]][count, default: []] += gather
        paired["taskgroup", default: [:]][count, default: []] += group
        ratios[count, default: []] += zip(gather, group).map { $0 / $1 }
      case "python_gather":
        python[count, default: []] += object["ns_per_task"] as? [Double] ?? []
      case "python_bounded", "swift_bounded_window", "swift_bounded_semaphore":
        let strategy = kind == "python_bounded" ? "python" : String(kind.dropFirst("swift_bounded_".count))
        let times = (object["ns_per_task"] as? [Double]) ?? [(object["ns_per_task"] as? Double)].compactMap { $0 }
        let peak = (object["peak_mb"] as? Double).map { [$0] } ?? []
        bounded[strategy, default: [:]][count, default: ([], [])].time += times
        bounded[strategy, default: [:]][count, default: ([], [])].peak += peak
      case "fidelity":
        guard let speed = (object["speed"] as? NSNumber)?.intValue,
          let result = object["result"] as? [String: Any],
          let elapsed = result["elapsed"] as? Double, let ideal = result["ideal"] as? Double
        else { continue }
        self.ideal = ideal
        fidelitySamples[speed, default: []].append((elapsed - ideal) * 1000)
      case "live_view":
        live.append(object["cpu_percent"] as? Double ?? .nan)
        liveBytes.append(object["bytes"] as? Double ?? .nan)
      case "plain_output":
        plain.append(object["cpu_percent"] as? Double ?? .nan)
      case "startup":
        guard let name = object["command"] as? String else { continue }
        startup[name] = Summary(object["ms"] as? [Double] ?? [])
      case "note":
        for (key, value) in object where key != "case" { notes[key] = "\(value)" }
      case "skipped":
        if let what = object["what"] as? String { skipped.append(what) }
      default:
        continue
      }
    }
    pairedRatio = ratios.compactMapValues { Summary($0) }
    for (side, byCount) in paired {
      perTask[side] = byCount.compactMapValues { Summary($0) }
    }
    if !python.isEmpty {
      perTask["python"] = python.compactMapValues { Summary($0) }
    }
    for (strategy, byCount) in bounded {
      boundedTime[strategy] = byCount.compactMapValues { Summary($0.time) }
      boundedPeak[strategy] = byCount.compactMapValues { Summary($0.peak) }
    }
    fidelity = fidelitySamples.compactMapValues { Summary($0) }
    liveView = Summary(live)
    liveViewBytes = Summary(liveBytes)
    plainOutput = Summary(plain)
  }

  /// hyperfine's `--export-json` files: `startup-NAME.json`, times in seconds.
  private mutating func readHyperfine(_ folder: URL) throws {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for file in files where file.hasPrefix("startup-") && file.hasSuffix(".json") {
      let data = try Data(contentsOf: folder.appending(path: file))
      guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let results = object["results"] as? [[String: Any]], let times = results.first?["times"] as? [Double]
      else { continue }
      let name = String(file.dropFirst("startup-".count).dropLast(".json".count))
      startup[name] = Summary(times.map { $0 * 1000 })
      startupTool = "hyperfine"
    }
  }
}
