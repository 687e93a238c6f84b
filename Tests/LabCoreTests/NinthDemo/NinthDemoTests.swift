import Foundation
import LabCore
import TestSupport
import Testing

/// What adding a demo costs, shown with a ninth one written as a throwaway fixture: its own files
/// in this folder (`RelayDemo.swift`, `RelayParameters.swift`, `RelaySentences.swift`, `relay.py`),
/// one registry line (below) and one golden (`Goldens/relay.txt`). With that alone it is listed
/// with its parameters, launched by name, refuses a wrong mode with the valid ones, runs with its
/// summary, shows its code, and brings the parity cases the content check asks of every demo. Its
/// Python twin's parity is in `PythonTwinParityTests` (the real-clock phase).
@Suite struct NinthDemoTests {
  /// The one line: the standard registry and the new demo.
  static let registry = DemoRegistry(demos: DemoHarness().registry.demos + [RelayDemo()])

  @Test func theListingShowsItWithItsParametersDefaultsAndRanges() throws {
    let lines = DemoListing.lines(Self.registry, width: 120).map(\.plainText)
    let start = try #require(lines.firstIndex { $0.hasPrefix("  relay ") })
    #expect(Array(lines[start...]) == [
      "  relay              A relay of awaits takes the sum of its legs; gathered, the legs take the longest.",
      "                     legs=1,1,1  seconds each leg takes (1–6 values, each 0–10 s)",
      "                     mode=relay  relay awaits each leg in turn; gather overlaps them (relay|gather)",
    ])
  }

  @Test func aWrongModeIsAUsageErrorNamingTheValidOnes() {
    #expect(throws: DemoLaunchError.parameter(.invalidValue(parameter: "mode", value: "sprint", expected: "one of relay, gather"))) {
      _ = try DemoLaunch(demo: "relay", arguments: ["mode=sprint"], speed: .normal, registry: Self.registry)
    }
  }

  @Test func itsDefaultsGiveItsGoldenTranscript() async throws {
    var harness = DemoHarness()
    harness.registry = Self.registry
    let (output, report) = try await harness.run("relay")
    let transcript = DemoHarness.normalized(output)
    if ProcessInfo.processInfo.environment["GATHERLAB_RECORD_GOLDENS"] == "1",
      !FileManager.default.fileExists(atPath: DemoGoldens.file("relay").path)
    {
      try transcript.write(to: DemoGoldens.file("relay"), atomically: true, encoding: .utf8)
    }
    #expect(transcript == (try DemoGoldens.transcript("relay")))
    #expect(report.elapsed == 3)
    #expect(RelayDemo().said(report).map(\.id) == ["relay.sum"])
  }

  @Test func gatheredItsSentenceChangesWithTheRun() async throws {
    var harness = DemoHarness()
    harness.registry = Self.registry
    let (_, report) = try await harness.run("relay", ["mode=gather", "legs=2,1"])
    #expect(report.elapsed == 2)
    #expect(RelayDemo().takeaway(report) == ["Gathered, the legs overlapped: 2.00s instead of 3.00s."])
  }

  @Test func itsCodeIsTheMarkedRegionOfItsOwnFile() throws {
    let code = try #require(RelayDemo().swiftConcurrencyCode)
    #expect(code.hasPrefix("let legs = parameters.legs.enumerated()"))
    #expect(RelayDemo().pythonSource?.contains("asyncio.gather") == true)
  }

  @Test func itBringsFiveParityCasesThatResolve() throws {
    let demo = RelayDemo()
    #expect(demo.parityCases.count >= 5)
    for arguments in demo.parityCases {
      _ = try demo.resolve([DemoParameters.pairs(from: arguments, demo: demo.id, valid: demo.parameterNames)])
    }
  }
}
