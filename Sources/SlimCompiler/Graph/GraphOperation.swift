/// What a graph node computes. Weights are stored inline, in PyTorch's layouts.
public enum GraphOperation: Sendable {
  case conv2d(Conv2D)
  case batchNorm(BatchNorm)
  case linear(Linear)
  /// A standalone activation (fusion folds it into its producer).
  case activation(Activation)
  case maxPool2d(Pool2D)
  case avgPool2d(Pool2D)
  case globalAvgPool
  /// `[1, C, H, W]` to `[1, C·H·W]`, as `x.view(x.size(0), -1)` does.
  case flatten
  /// Element-wise sum of two values, then `activation`. The shapes broadcast as numpy's
  /// do (`GraphOperation.broadcastShape`), e.g. `[1, C, 1, 1]` over `[1, C, H, W]`.
  case add(activation: Activation)
  /// Element-wise product, with `add`'s shapes (a squeeze-excitation gate), then `activation`.
  case mul(activation: Activation)
  /// Sub/Div of two values, or an element-wise function of a value and a constant.
  case binary(Binary)
  /// Zero padding of H and W (`GraphOperation.Pad2D`).
  case pad(Pad2D)
  /// Nearest-neighbour upsampling of `[1, C, H, W]` by integer factors (≥ 1): output
  /// `(y, x)` is input `(y / scaleH, x / scaleW)`.
  case upsampleNearest(scaleH: Int, scaleW: Int)
  /// Concatenation along `axis` (1 = channels).
  case concat(axis: Int)
  /// The same elements under another static shape (ONNX Reshape/Flatten other than `[1, F]`).
  case reshape(shape: [Int])
  /// Channel selection: output channel k is input channel `indexes[k]` (Network
  /// Slimming's `channel_selection`; `GraphOperation+Selection.swift`).
  case selectChannels(indexes: [Int])

  /// Convolution over NCHW input; weight `[O, C/groups, kH, kW]`, optional bias `[O]`.
  public struct Conv2D: Sendable {
    public var weight: Tensor
    public var bias: Tensor?
    public var stride: (h: Int, w: Int)
    /// Zero padding: top, left, bottom, right.
    public var padding: (top: Int, left: Int, bottom: Int, right: Int)
    public var dilation: (h: Int, w: Int)
    public var groups: Int
    public var activation: Activation

    public init(
      weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
      dilation: Int = 1, groups: Int = 1, activation: Activation = .none
    ) {
      self.weight = weight
      self.bias = bias
      self.stride = (stride, stride)
      self.padding = (padding, padding, padding, padding)
      self.dilation = (dilation, dilation)
      self.groups = groups
      self.activation = activation
    }

    public var outChannels: Int { weight.shape[0] }
    public var kernel: (h: Int, w: Int) { (weight.shape[2], weight.shape[3]) }
  }

  /// Inference-mode batch normalization over channel axis 1.
  public struct BatchNorm: Sendable {
    public var gamma: Tensor
    public var beta: Tensor
    public var runningMean: Tensor
    public var runningVar: Tensor
    public var epsilon: Double

    public init(gamma: Tensor, beta: Tensor, runningMean: Tensor, runningVar: Tensor, epsilon: Double = 1e-5) {
      self.gamma = gamma
      self.beta = beta
      self.runningMean = runningMean
      self.runningVar = runningVar
      self.epsilon = epsilon
    }

    public var channels: Int { gamma.count }
  }

  /// `y = W·x + b` with weight `[O, F]`, optional bias `[O]`.
  public struct Linear: Sendable {
    public var weight: Tensor
    public var bias: Tensor?
    public var activation: Activation

    public init(weight: Tensor, bias: Tensor? = nil, activation: Activation = .none) {
      self.weight = weight
      self.bias = bias
      self.activation = activation
    }
  }

  /// Max or average pooling window, PyTorch semantics.
  public struct Pool2D: Sendable, Equatable {
    public var kernel: (h: Int, w: Int)
    public var stride: (h: Int, w: Int)
    public var padding: (top: Int, left: Int, bottom: Int, right: Int)
    public var ceilMode: Bool
    /// Average pooling only: divide by the padded window (PyTorch's default) or the valid part.
    public var countIncludePad: Bool

    public init(kernel: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false, countIncludePad: Bool = true)
    {
      self.kernel = (kernel, kernel)
      self.stride = (stride ?? kernel, stride ?? kernel)
      self.padding = (padding, padding, padding, padding)
      self.ceilMode = ceilMode
      self.countIncludePad = countIncludePad
    }

    public static func == (a: Pool2D, b: Pool2D) -> Bool {
      a.kernel == b.kernel && a.stride == b.stride && a.padding == b.padding
        && a.ceilMode == b.ceilMode && a.countIncludePad == b.countIncludePad
    }
  }
}
