import LabCore
import LabTerminal
import Testing

/// `gatherlab list`'s demos, and the walkthrough's `demos`, at a wide and a narrow width.
@Suite struct DemoListingTests {
  let registry = DemoRegistry(demos: [SequentialDemo(), OrderingDemo()])

  func listing(width: Int) -> String {
    DemoListing.lines(registry, width: width).map(\.plainText).joined(separator: "\n")
  }

  @Test func summariesAndParametersAreBesideTheIdsWhenTheyHaveRoom() {
    #expect(listing(width: 80) == """
        sequential  Awaiting one by one against gathering: the same fetches, count
                    times faster.
                    count=3  how many fetches (1–12)
                    delay=1  seconds each fetch takes (0.1–10 s)
        ordering    Tasks finish in any order; gather returns results in argument
                    order.
                    delays=3,1,2  seconds each task takes, one per task (1–12
                      values, each 0–30 s)
      """)
  }

  @Test func aNarrowTerminalGetsThemUnderTheIdsAndNoLineFillsItsLastColumn() {
    #expect(listing(width: 30) == """
        sequential
          Awaiting one by one
          against gathering: the
          same fetches, count times
          faster.
          count=3  how many
            fetches (1–12)
          delay=1  seconds each
            fetch takes (0.1–10 s)
        ordering
          Tasks finish in any
          order; gather returns
          results in argument
          order.
          delays=3,1,2  seconds
            each task takes, one
            per task (1–12 values,
            each 0–30 s)
      """)
    for width in 20...120 {
      #expect(DemoListing.lines(registry, width: width).allSatisfy { $0.displayWidth < width }, "at \(width)")
    }
  }
}
