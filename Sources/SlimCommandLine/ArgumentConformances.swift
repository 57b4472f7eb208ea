import ArgumentParser
import SlimCompiler

extension Architecture: ExpressibleByArgument {}
extension InputDecoder.Format: ExpressibleByArgument {}
extension PruneMethod: ExpressibleByArgument {}
