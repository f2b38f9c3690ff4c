/// What the scanner must do at a byte: most bytes are ordinary and it moves on.
enum ByteClass {
    static let ordinary: UInt8 = 0
    static let delimiter: UInt8 = 1
    static let lineFeed: UInt8 = 2
    static let carriageReturn: UInt8 = 3
    static let quote: UInt8 = 4
    static let nonASCII: UInt8 = 5

    static let quoteByte = UInt8(ascii: "\"")
    static let lineFeedByte = UInt8(ascii: "\n")
    static let carriageReturnByte = UInt8(ascii: "\r")

    /// The byte of a delimiter, which must be ASCII and not a quote, CR or LF.
    static func delimiterByte(_ delimiter: Unicode.Scalar) -> UInt8 {
        precondition(
            delimiter.isASCII && !["\"", "\r", "\n"].contains(delimiter),
            "a CSV delimiter must be ASCII and not a quote, CR or LF"
        )
        return UInt8(delimiter.value)
    }
}

/// Byte classes inside and outside quoted fields, for one delimiter.
struct ByteClassTables: ~Copyable {
    /// 256 entries outside quotes, then 256 inside quotes.
    let storage: UnsafeMutablePointer<UInt8>

    init(delimiter: UInt8) {
        storage = .allocate(capacity: 512)
        storage.initialize(repeating: ByteClass.ordinary, count: 512)
        for byte in 0x80...0xFF {
            storage[byte] = ByteClass.nonASCII
            storage[256 + byte] = ByteClass.nonASCII
        }
        storage[Int(delimiter)] = ByteClass.delimiter
        storage[Int(ByteClass.lineFeedByte)] = ByteClass.lineFeed
        storage[Int(ByteClass.carriageReturnByte)] = ByteClass.carriageReturn
        storage[Int(ByteClass.quoteByte)] = ByteClass.quote
        storage[256 + Int(ByteClass.lineFeedByte)] = ByteClass.lineFeed
        storage[256 + Int(ByteClass.quoteByte)] = ByteClass.quote
    }

    deinit {
        storage.deallocate()
    }

    var outsideQuotes: UnsafePointer<UInt8> { UnsafePointer(storage) }
    var insideQuotes: UnsafePointer<UInt8> { UnsafePointer(storage + 256) }
}
