/// The `.slim` format version this runtime reads and writes (see `Formats/slim-v1.md`).
public enum SlimFormatVersion {
  public static let major: UInt16 = 1
  public static let minor: UInt16 = 7
}
