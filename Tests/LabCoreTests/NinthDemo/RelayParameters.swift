import LabCore

/// `relay`'s parameters: each leg's seconds, and whether the legs are awaited in turn or gathered.
struct RelayParameters: DemoParameterSet {
  enum Mode: String, DemoMode {
    case relay, gather
  }

  var legs: [Double] = [1, 1, 1]
  var mode = Mode.relay

  init() {}

  static let fields: [DemoField<Self>] = [
    .secondsList("legs", \.legs, each: 0...10, count: 1...6, help: "seconds each leg takes"),
    .mode("mode", \.mode, help: "relay awaits each leg in turn; gather overlaps them"),
  ]
}
