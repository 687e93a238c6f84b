import Foundation

/// Where the learner is and what they predicted: the current lesson and part, the lessons done,
/// the demo speed, whether predictions are asked, and every answer given.
///
/// Saved as `progress.json`, version 3 (version 2 plus `"exercises":{"ID":{"passed","attempts","at"}}`):
/// `{"version":2,"current":"results-order","part":2,"completed":[…],"speed":1,"predict":true,
/// "predictions":{"results-order/finish-order":{"answer":"B C A","correct":true,"at":"2026-12-01T19:00:00Z"}}}`.
/// `ProgressFile` reads it back, version 1 files too.
public struct Progress: Encodable, Sendable, Equatable {
  /// The version this build writes; a file with a larger one is left alone.
  public static let currentVersion = 3

  public var current: String
  /// The part of the current lesson being read, from 1.
  public var part: Int
  public var completed: [String]
  public var speed: Double
  /// Whether reading a prediction asks it (`predict on`) or only prints it (`predict off`).
  public var predict: Bool
  /// The last answer to each prediction the learner answered, keyed `LESSON/ID`.
  public var predictions: [String: PredictionRecord]
  /// Each exercise tried, by id (version 3).
  public var exercises: [String: ExerciseRecord]
  /// Whether the lessons show their Swift side (`swift on|off`, `--no-swift`); nil until the
  /// learner chose. Written only once chosen (`"swift":false`), with no new version: older
  /// builds ignore the key.
  public var swift: Bool?

  public init(
    current: String,
    part: Int = 1,
    completed: [String] = [],
    speed: Double = 1,
    predict: Bool = true,
    predictions: [String: PredictionRecord] = [:],
    exercises: [String: ExerciseRecord] = [:],
    swift: Bool? = nil
  ) {
    self.current = current
    self.part = part
    self.completed = completed
    self.speed = speed
    self.predict = predict
    self.predictions = predictions
    self.exercises = exercises
    self.swift = swift
  }

  enum CodingKeys: String, CodingKey {
    case version, current, part, completed, speed, predict, predictions, exercises, swift
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Self.currentVersion, forKey: .version)
    try container.encode(current, forKey: .current)
    try container.encode(part, forKey: .part)
    try container.encode(completed, forKey: .completed)
    try container.encode(speed, forKey: .speed)
    try container.encode(predict, forKey: .predict)
    try container.encode(predictions, forKey: .predictions)
    try container.encode(exercises, forKey: .exercises)
    try container.encodeIfPresent(swift, forKey: .swift)
  }
}

/// One exercise as the learner has tried it: whether a check has passed, how many checks ran,
/// and when the last one did.
public struct ExerciseRecord: Codable, Sendable, Equatable {
  public var passed: Bool
  public var attempts: Int
  /// ISO 8601 in UTC, as `PredictionRecord.at`.
  public var at: String

  public init(passed: Bool, attempts: Int, at: String) {
    self.passed = passed
    self.attempts = attempts
    self.at = at
  }

  /// This record after one more check that `passed` (a pass stays a pass).
  public func checked(passed: Bool, at: String) -> ExerciseRecord {
    ExerciseRecord(passed: self.passed || passed, attempts: attempts + 1, at: at)
  }
}

/// One answered prediction: what the learner typed (normalised), whether the run agreed, and when.
public struct PredictionRecord: Codable, Sendable, Equatable {
  public var answer: String
  public var correct: Bool
  /// ISO 8601 in UTC: `2026-12-01T19:00:00Z`.
  public var at: String

  public init(answer: String, correct: Bool, at: String) {
    self.answer = answer
    self.correct = correct
    self.at = at
  }

  /// `date` as `at` writes it.
  public static func timestamp(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle())
  }
}
