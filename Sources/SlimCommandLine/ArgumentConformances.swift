import ArgumentParser
import SlimCompiler

extension Architecture: ExpressibleByArgument {}
extension InputDecoder.Format: ExpressibleByArgument {}
extension CalibrationMethod: ExpressibleByArgument {}
extension Int8Rounding: ExpressibleByArgument {}
extension PruneMethod: ExpressibleByArgument {}
