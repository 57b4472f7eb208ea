/// Constants of the `.slim` v1 container (see `Formats/slim-v1.md`).
///
/// Everything a reader checks against lives here, so the limits that protect
/// the runtime from hostile files are in one place.
public enum SlimFormat {
  /// The bytes `S L I M`.
  public static let magic = FourCC("SLIM")
  public static let headerSize = 64
  public static let sectionEntrySize = 48
  public static let maxSectionCount = 64
  /// Alignment of every section offset in the file and of every constant in `WGHT`.
  public static let sectionAlignment = 64
  /// Upper bound of a section's decoded size (1 GiB).
  public static let maxSectionSize = 1 << 30

  public static let metadataTag = FourCC("META")
  public static let graphTag = FourCC("GRPH")
  public static let planTag = FourCC("PLAN")
  public static let weightsTag = FourCC("WGHT")
  /// Optional (format 1.3): convolution weights pre-packed in the blocked kernel's layout.
  public static let packedWeightsTag = FourCC("PACK")
  /// Output channels per block in `PACK` (the blocked kernel's layout in every build).
  public static let packedWeightsLanes = 16
  public static let packedWeightsHeaderSize = 16
  public static let packedWeightsEntrySize = 24
  /// Optional (format 1.4): 3x3 convolution weights transformed for Winograd F(4x4, 3x3),
  /// with `PACK`'s header and entry table.
  public static let winogradWeightsTag = FourCC("WINO")
  /// Optional (format 1.5): int8 convolution weights pre-packed in the blocked int8
  /// kernel's layout, with `PACK`'s header and entry table.
  public static let int8PackedWeightsTag = FourCC("PKI8")
  /// Output channels per block in `PKI8` and `PKQ8` (`BlockedConv2DInt8.lanes` in every build).
  public static let int8PackedWeightsLanes = 8
  /// Optional (format 1.6): int8 convolution weights pre-packed for the blocked int8
  /// kernel's `quads` (byte dot product), and their per-channel sums, with `PACK`'s
  /// header and entry table.
  public static let int8QuadWeightsTag = FourCC("PKQ8")

  /// Section table `encoding` values.
  public static let encodingStored: UInt32 = 0
  public static let encodingZlib: UInt32 = 1
  /// Section table `sectionFlags` bit: a reader that does not know the tag must reject the file.
  public static let sectionRequiredFlag: UInt32 = 1

  public static let tensorDescriptorSize = 48
  public static let operatorHeaderSize = 16
  public static let planHeaderSize = 16
  public static let planEntrySize = 16
  public static let planAlignment = 64

  public static let maxTensorCount = 65536
  public static let maxOperatorCount = 65536
  public static let maxGraphInputs = 16
  public static let maxGraphOutputs = 16
  public static let maxRank = 4
  public static let maxDimension = 1 << 24

  /// `TensorDescriptor.dtype` of float32, the only element type of v1.
  public static let dtypeFloat32: UInt8 = 1

  public static let maxMetadataEntries = 256
  public static let maxMetadataKeyLength = 256

  /// Deflate cannot expand data by more than 1032:1, so a zlib section whose
  /// `rawSize` exceeds this bound is corrupt; checking it first stops a tiny
  /// hostile file from making the loader allocate up to 1 GiB.
  static let maxInflateRatio = 1032
}
