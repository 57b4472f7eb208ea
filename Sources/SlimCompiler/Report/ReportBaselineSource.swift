import SlimRuntime

/// A baseline to compare a model with, already loaded.
public enum ReportBaselineSource {
  /// An imported checkpoint (its unoptimized graph) and the checkpoint file's size.
  case checkpoint(ImportedModel, fileBytes: Int)
  /// Another `.slim` model and its path.
  case slim(SlimModel, path: String)
}
