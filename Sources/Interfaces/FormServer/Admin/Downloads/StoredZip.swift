/// The framing of a ZIP archive whose entries are stored (not compressed), for files whose sizes
/// and CRC-32 are known before they are sent: local headers carry them, so no data descriptor is
/// needed and every reader (Windows Explorer, macOS Archive Utility, unzip, Python, R) opens it.
/// The archive's bytes are `localHeader(0)`, file 0, `localHeader(1)`, file 1, …, `trailer()`.
struct StoredZip {
    struct Entry {
        /// The path inside the archive, `/`-separated (UTF-8; flag bit 11 says so).
        var name: String
        var size: Int
        var crc: UInt32
    }

    /// The classic format's limit: ZIP64 would be needed at or above it.
    static let limit = Int(UInt32.max)

    let entries: [Entry]
    private let offsets: [Int]
    private let centralStart: Int
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// The framing for `entries`, stamped with `modified` (year 1980–2107, local to nobody: UTC).
    /// Nil when the archive would need ZIP64 (an entry or the whole at 4 GiB or more, or more
    /// than 65,535 entries).
    init?(entries: [Entry], modified: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)) {
        guard entries.count < 0xFFFF else { return nil }
        var offsets: [Int] = []
        var offset = 0
        for entry in entries {
            guard entry.size < Self.limit else { return nil }
            offsets.append(offset)
            offset += Self.localHeaderSize(entry) + entry.size
        }
        let centralSize = entries.reduce(0) { $0 + 46 + $1.name.utf8.count }
        guard offset + centralSize < Self.limit else { return nil }
        self.entries = entries
        self.offsets = offsets
        self.centralStart = offset
        self.dosTime = UInt16(modified.hour << 11 | modified.minute << 5 | modified.second / 2)
        self.dosDate = UInt16((min(max(modified.year, 1980), 2107) - 1980) << 9 | modified.month << 5 | modified.day)
    }

    /// The archive's length in bytes.
    var totalSize: Int {
        centralStart + entries.reduce(0) { $0 + 46 + $1.name.utf8.count } + 22
    }

    private static func localHeaderSize(_ entry: Entry) -> Int { 30 + entry.name.utf8.count }

    /// The local file header written before entry `index`'s bytes.
    func localHeader(_ index: Int) -> [UInt8] {
        let entry = entries[index]
        var bytes = ByteWriter()
        bytes.u32(0x0403_4B50)
        sharedFields(entry, into: &bytes)
        bytes.u16(0)  // extra
        bytes.bytes.append(contentsOf: entry.name.utf8)
        return bytes.bytes
    }

    /// The fields a local header and its central directory record share, in the same order:
    /// version needed, flags, method, time, date, CRC-32, sizes and the name's length.
    private func sharedFields(_ entry: Entry, into bytes: inout ByteWriter) {
        bytes.u16(20)  // version needed: 2.0
        bytes.u16(1 << 11)  // names in UTF-8
        bytes.u16(0)  // stored
        bytes.u16(dosTime)
        bytes.u16(dosDate)
        bytes.u32(entry.crc)
        bytes.u32(UInt32(entry.size))
        bytes.u32(UInt32(entry.size))
        bytes.u16(UInt16(entry.name.utf8.count))
    }

    /// The central directory and its end record, written after the last entry.
    func trailer() -> [UInt8] {
        var bytes = ByteWriter()
        for (index, entry) in entries.enumerated() {
            bytes.u32(0x0201_4B50)
            bytes.u16(0x0314)  // made by: Unix, 2.0
            sharedFields(entry, into: &bytes)
            bytes.u16(0)  // extra
            bytes.u16(0)  // comment
            bytes.u16(0)  // disk
            bytes.u16(0)  // internal attributes
            bytes.u32(0o100644 << 16)  // external: a regular file, rw-r--r--
            bytes.u32(UInt32(offsets[index]))
            bytes.bytes.append(contentsOf: entry.name.utf8)
        }
        let centralSize = bytes.bytes.count
        bytes.u32(0x0605_4B50)
        bytes.u16(0)
        bytes.u16(0)
        bytes.u16(UInt16(entries.count))
        bytes.u16(UInt16(entries.count))
        bytes.u32(UInt32(centralSize))
        bytes.u32(UInt32(centralStart))
        bytes.u16(0)
        return bytes.bytes
    }

    private struct ByteWriter {
        var bytes: [UInt8] = []

        mutating func u16(_ value: UInt16) {
            bytes.append(UInt8(value & 0xFF))
            bytes.append(UInt8(value >> 8))
        }

        mutating func u32(_ value: UInt32) {
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
        }
    }
}
