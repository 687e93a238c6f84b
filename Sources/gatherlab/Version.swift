extension Gatherlab {
  /// The one version number: `gatherlab --version`, and through the Makefile the wheel's name and
  /// metadata (`make wheel`). Change it here only.
  static let version = "0.1.0"
}
