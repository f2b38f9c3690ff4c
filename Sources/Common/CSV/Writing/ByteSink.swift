import Diagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a writer's bytes go: a file descriptor or memory.
protocol ByteSink: AnyObject {
    var destination: String { get }
    func write(_ bytes: UnsafePointer<UInt8>, count: Int) throws(CSVWriteError)
    func close() throws(CSVWriteError)
}

final class FileDescriptorSink: ByteSink {
    let destination: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// What owns a borrowed descriptor (a `FileHandle`), kept alive while writing.
    private let owner: AnyObject?
    private var isOpen = true

    /// Creates or truncates the file at `path` (mode 0644 before the umask); unless `creating`,
    /// only truncates the file that is there, and fails when there is none.
    init(path: String, creating: Bool = true) throws(CSVWriteError) {
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | (creating ? O_CREAT : 0), 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw CSVWriteError(.cannotCreate(reason: systemErrorText(code)), destination: path, systemError: code)
        }
        self.descriptor = descriptor
        destination = path
        ownsDescriptor = true
        owner = nil
    }

    /// Writes to a descriptor that `owner` closes.
    init(borrowing descriptor: Int32, from owner: AnyObject) {
        self.descriptor = descriptor
        destination = "file descriptor \(descriptor)"
        ownsDescriptor = false
        self.owner = owner
    }

    deinit {
        if ownsDescriptor && isOpen { _ = SystemFile.close(descriptor) }
    }

    func write(_ bytes: UnsafePointer<UInt8>, count: Int) throws(CSVWriteError) {
        var written = 0
        while written < count {
            let result = SystemFile.write(descriptor, bytes + written, count - written)
            if result > 0 {
                written += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                let code = result < 0 ? errno : nil
                throw CSVWriteError(.writeFailed(reason: code.map(systemErrorText) ?? "nothing was written"), destination: destination, systemError: code)
            }
        }
    }

    func close() throws(CSVWriteError) {
        guard ownsDescriptor && isOpen else { return }
        isOpen = false
        if SystemFile.close(descriptor) != 0 {
            let code = errno
            throw CSVWriteError(.closeFailed(reason: systemErrorText(code)), destination: destination, systemError: code)
        }
    }
}

final class MemorySink: ByteSink {
    let destination = "memory"
    private(set) var bytes: [UInt8] = []

    func write(_ bytes: UnsafePointer<UInt8>, count: Int) {
        self.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    func close() {}
}
