import Foundation

/// What the bytes of a `progress.json` hold, read once at the edge so nothing inside re-checks
/// them: usable progress, usable progress with one bad value dropped, or nothing usable.
///
/// A file written by hand or by an older build can carry a speed the clock cannot run at
/// (`"speed":0`, `-3`, `1e308`, `"fast"`); that value alone is dropped, back to speed 1, and
/// every other value is kept.
public enum ProgressFile: Equatable, Sendable {
  /// Every value is valid.
  case valid(Progress)
  /// The progress with a bad speed replaced by 1; `speed` is the bad value as the file wrote it.
  case badSpeed(Progress, speed: String)
  /// Written by a newer gatherlab: not to be read, moved or rewritten.
  case newer(version: Int)
  /// Not progress data: not JSON, the wrong shape, a version that never existed.
  case invalid

  /// Reads version 3 and 2 (a version 2 file has no exercises), and version 1 as the same progress at part 1 with predictions on and none
  /// answered, so upgrading loses nothing.
  public static func decode(_ data: Data) -> ProgressFile {
    // The whole file is decoded first (one decoding, the usual case); `version` alone only when
    // that fails, since a newer file may have another shape.
    let decoder = JSONDecoder()
    guard let stored = try? decoder.decode(Stored.self, from: data) else {
      if let version = try? decoder.decode(Version.self, from: data).version, version > Progress.currentVersion {
        return .newer(version: version)
      }
      return .invalid
    }
    if stored.version > Progress.currentVersion { return .newer(version: stored.version) }
    guard (1...Progress.currentVersion).contains(stored.version), stored.part.map({ $0 >= 1 }) ?? true else {
      return .invalid
    }
    var progress = Progress(
      current: stored.current,
      part: stored.part ?? 1,
      completed: stored.completed,
      predict: stored.predict ?? true,
      predictions: stored.predictions ?? [:],
      exercises: stored.exercises ?? [:],
      swift: stored.swift
    )
    switch stored.speed {
    case nil:
      return .valid(progress)
    case .number(let value)?:
      guard let speed = try? DemoSpeed(value) else { return .badSpeed(progress, speed: DemoParameter.format(value)) }
      progress.speed = speed.value
      return .valid(progress)
    case .other(let text)?:
      return .badSpeed(progress, speed: text)
    }
  }

  /// The progress to use, if any.
  public var progress: Progress? {
    switch self {
    case .valid(let progress), .badSpeed(let progress, _): progress
    case .newer, .invalid: nil
    }
  }

  /// `version` alone, so a newer file of another shape is recognised rather than taken as corrupt.
  private struct Version: Decodable {
    var version: Int
  }

  /// `Progress` as stored, with the speed read as whatever the file holds; the keys version 2
  /// added are optional, as a version 1 file lacks them.
  private struct Stored: Decodable {
    var version: Int
    var current: String
    var completed: [String]
    var speed: StoredSpeed?
    var part: Int?
    var predict: Bool?
    var predictions: [String: PredictionRecord]?
    var exercises: [String: ExerciseRecord]?
    var swift: Bool?
  }

  private enum StoredSpeed: Decodable {
    case number(Double)
    case other(String)

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let number = try? container.decode(Double.self) {
        self = .number(number)
      } else if let text = try? container.decode(String.self) {
        self = .other(text)
      } else if let flag = try? container.decode(Bool.self) {
        self = .other(String(flag))
      } else {
        self = .other("a list or an object")
      }
    }
  }
}
