/// The pickle opcodes the data-only unpickler accepts (protocols 2 to 5).
///
/// Anything not listed here, including the protocol 0/1 text opcodes and
/// INST/OBJ/EXT, which only serve to build arbitrary objects, is rejected by
/// byte value with its offset.
enum PickleOpcode: UInt8 {
  case proto = 0x80
  case frame = 0x95
  case stop = 0x2E  // "."
  case mark = 0x28  // "("
  case pop = 0x30  // "0"
  case popMark = 0x31  // "1"
  case dup = 0x32  // "2"
  case none = 0x4E  // "N"
  case newTrue = 0x88
  case newFalse = 0x89
  case binInt = 0x4A  // "J"
  case binInt1 = 0x4B  // "K"
  case binInt2 = 0x4D  // "M"
  case long1 = 0x8A
  case long4 = 0x8B
  case binFloat = 0x47  // "G"
  case binUnicode = 0x58  // "X"
  case shortBinUnicode = 0x8C
  case binUnicode8 = 0x8D
  case binBytes = 0x42  // "B"
  case shortBinBytes = 0x43  // "C"
  case binBytes8 = 0x8E
  case emptyTuple = 0x29  // ")"
  case tuple = 0x74  // "t"
  case tuple1 = 0x85
  case tuple2 = 0x86
  case tuple3 = 0x87
  case emptyList = 0x5D  // "]"
  case append = 0x61  // "a"
  case appends = 0x65  // "e"
  case list = 0x6C  // "l"
  case emptyDict = 0x7D  // "}"
  case dict = 0x64  // "d"
  case setItem = 0x73  // "s"
  case setItems = 0x75  // "u"
  case emptySet = 0x8F
  case addItems = 0x90
  case frozenSet = 0x91
  case binPut = 0x71  // "q"
  case longBinPut = 0x72  // "r"
  case memoize = 0x94
  case binGet = 0x68  // "h"
  case longBinGet = 0x6A  // "j"
  case global = 0x63  // "c"
  case stackGlobal = 0x93
  case reduce = 0x52  // "R"
  case build = 0x62  // "b"
  case newObj = 0x81
  case binPersID = 0x51  // "Q"
}
