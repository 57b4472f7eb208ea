import ArgumentParser
import SlimCompiler

extension Architecture: ExpressibleByArgument {}
extension InputDecoder.Format: ExpressibleByArgument {}
extension CalibrationMethod: ExpressibleByArgument {}
extension PruneMethod: ExpressibleByArgument {}
