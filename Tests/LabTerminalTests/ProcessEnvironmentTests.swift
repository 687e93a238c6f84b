import Foundation
import LabTerminal
import Testing

/// `ProcessEnvironment`: the environment read from `environ`, as Foundation reads it.
@Suite struct ProcessEnvironmentTests {
  @Test func itHoldsWhatFoundationReadsAndASetVariable() {
    setenv("GATHERLAB_TEST_VARIABLE", "a=b c", 1)
    defer { unsetenv("GATHERLAB_TEST_VARIABLE") }
    let environment = ProcessEnvironment.current()
    #expect(environment["GATHERLAB_TEST_VARIABLE"] == "a=b c")
    #expect(environment == ProcessInfo.processInfo.environment)
  }
}
