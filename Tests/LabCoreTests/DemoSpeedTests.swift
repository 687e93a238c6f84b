import LabCore
import Testing

@Suite struct DemoSpeedTests {
  @Test(arguments: [
    ("1", 1.0), ("2", 2), ("2x", 2), ("2×", 2), ("2X", 2), (" 0.5 ", 0.5), ("0.1", 0.1), ("100", 100), ("2.5 ×", 2.5),
  ])
  func speedsAreReadAsPeopleWriteThem(text: String, expected: Double) throws {
    #expect(try DemoSpeed(parsing: text).value == expected)
  }

  @Test(arguments: ["0", "-0", "-1", "0.09", "100.5", "1e308", "nan", "inf", "-inf", "", "x", "×", "fast", "2xx", "1,5"])
  func anythingElseIsRefusedWithTheRangeInOneSentence(text: String) {
    #expect(throws: DemoSpeedError(text: text)) { try DemoSpeed(parsing: text) }
    #expect(DemoSpeedError(text: text).description == "Speed must be a number from 0.1 to 100, got '\(text)'.")
  }

  @Test(arguments: [0, -0.0, -3, 1e308, .infinity, -.infinity, .nan, 0.0999, 100.0001])
  func numbersOutsideTheRangeAreRefused(value: Double) {
    #expect(throws: DemoSpeedError.self) { try DemoSpeed(value) }
  }

  @Test func theDefaultIsRealTimeAndReadsAsAPersonWritesIt() throws {
    #expect(DemoSpeed.normal.value == 1)
    #expect(DemoSpeed.normal.description == "1")
    #expect(try DemoSpeed(parsing: "2.50").description == "2.5")
  }

  @Test func aScaledClockRunsAtTheSpeedItIsGiven() throws {
    #expect(ScaledClock(speed: try DemoSpeed(10)).speed == 10)
  }
}
