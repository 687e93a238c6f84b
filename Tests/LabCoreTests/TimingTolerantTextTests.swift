import Foundation
import LabCore
import Testing

@Suite struct TimingTolerantTextTests {
  @Test func timingsALittleLateAreTheSameOutput() {
    #expect(TimingTolerantText.equal("took 1.2s", "took 1.0s"))
    #expect(TimingTolerantText.equal("a 1.0s, b 0.2s", "a 1.1s, b 0.3s"))
  }

  @Test func timingsFarApartOrOtherTextAreNot() {
    #expect(!TimingTolerantText.equal("took 1.4s", "took 1.0s"))
    #expect(!TimingTolerantText.equal("took 1.0s!", "took 1.0s"))
    #expect(!TimingTolerantText.equal("took 1.0s", "took 1.0s 2.0s"))
  }

  @Test func aFragmentIsFoundInALineUpToItsTimings() {
    #expect(TimingTolerantText.line("3 files in 1.1s", contains: "files in 1.0s"))
    #expect(TimingTolerantText.line("blocking  one by one 1.2s, gathered 0.9s", contains: "one by one 1.0s, gathered 1.0s"))
    #expect(!TimingTolerantText.line("3 files in 3.0s", contains: "files in 1.0s"))
    #expect(!TimingTolerantText.line("3 files (in 1.0s)", contains: "files in 1.0s"))
    #expect(!TimingTolerantText.line("took 1.0s", contains: "took"+"  1.0s"))
  }

  @Test func textThatLooksLikeAPatternIsMatchedLiterally() {
    #expect(TimingTolerantText.line("[x] (a+b) 1.1s", contains: "(a+b) 1.0s"))
    #expect(!TimingTolerantText.line("[x] (aab) 1.1s", contains: "(a+b) 1.0s"))
  }

  @Test func theDistanceOfPrintedTimingsIsTheLargestFactorAsALog() throws {
    #expect(TimingTolerantText.distance("took 1.0s", from: "took 1.0s") == 0)
    let doubled = try #require(TimingTolerantText.distance("a 2.1s b 0.0s", from: "a 1.0s b 0.0s"))
    #expect(abs(doubled - log(2.2 / 1.1)) < 1e-12)
    #expect(TimingTolerantText.distance("took 1.0s", from: "slept 1.0s") == nil)
    #expect(TimingTolerantText.distance("took", from: "took") == nil)
  }
}
