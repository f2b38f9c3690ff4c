#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: a file descriptor or bytes in memory.
protocol ByteSource: AnyObject {
    /// Copies up to `count` bytes into `buffer`; returns 0 at the end of the input.
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(CSVReadError) -> Int
}

final class FileDescriptorSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// What owns a borrowed descriptor (a `FileHandle`), kept alive while reading.
    private let owner: AnyObject?

    init(path: String) throws(CSVReadError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVReadError(.cannotOpen(path: path, reason: systemErrorText(errno)), at: nil)
        }
        // A folder opens for reading, and only its first read fails ("Is a directory"): say so by name.
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw CSVReadError(.cannotOpen(path: path, reason: "it is a folder, not a file; give the path of the CSV file in it"), at: nil)
        }
        self.descriptor = descriptor
        ownsDescriptor = true
        owner = nil
    }

    /// Reads from a descriptor that `owner` closes.
    init(borrowing descriptor: Int32, from owner: AnyObject) {
        self.descriptor = descriptor
        ownsDescriptor = false
        self.owner = owner
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(CSVReadError) -> Int {
        while true {
            #if canImport(Darwin)
            let got = Darwin.read(descriptor, buffer, count)
            #elseif canImport(Musl)
            let got = Musl.read(descriptor, buffer, count)
            #else
            let got = Glibc.read(descriptor, buffer, count)
            #endif
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw CSVReadError(.readFailed(reason: systemErrorText(errno)), at: nil)
        }
    }
}

final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(CSVReadError) -> Int {
        let taken = min(count, bytes.count - offset)
        guard taken > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            buffer.update(from: source.baseAddress! + offset, count: taken)
        }
        offset += taken
        return taken
    }
}
