extension Demo {
  /// The Swift file this demo runs, embedded at build time: the code that actually runs.
  public var swiftSource: String? {
    EmbeddedFiles.demoSources.first { $0.name == sourceFile }?.text
  }

  /// The same demo written with Python's asyncio, embedded at build time.
  public var pythonSource: String? {
    EmbeddedFiles.demoPython.first { $0.name == pythonFile }?.text
  }
}
