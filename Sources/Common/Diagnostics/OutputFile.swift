import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written whole or not at all. Its content goes to a temporary file beside it
/// (`.NAME.UUID.part`, on the same disk), which is written to the disk and renamed over `path`
/// only once complete: a reader never finds half a file under the name, and an earlier file of
/// that name stays as it was until the new one replaces it. A failure removes the temporary file,
/// and so does an interrupt (Ctrl-C): the temporary file is made, empty, and registered in
/// ``TemporaryPaths`` in one step when the `OutputFile` is made, and stays registered until it is
/// installed or discarded. Its writer opens that file without creating it (``write(_:replacing:)``,
/// `CSVWriter(existingFile:)`), so that a writer that goes on after an interrupt removed it fails
/// instead of making a `.part` that nothing removes.
public struct OutputFile: Sendable {
    /// A system call on the temporary file that failed with `code` (an `errno`).
    public struct Failure: Error, Sendable, CustomStringConvertible, LocalizedError {
        public var code: Int32
        public init(code: Int32) { self.code = code }
        public var description: String { String(cString: strerror(code)) }
        public var errorDescription: String? { description }
    }

    public let path: String
    public let temporary: String
    /// The registry the temporary file is in: ``TemporaryPaths/shared``, or a test's own.
    public let registry: TemporaryPaths

    /// Makes the temporary file beside `path`, empty, with `permissions` before the umask (0o666, as
    /// `Data.write(to:)` makes a file; 0o600 for a file of tokens). Throws when it cannot be made.
    public init(path: String, permissions: mode_t = 0o666, registry: TemporaryPaths = .shared) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        try self.init(path: path, temporary: url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).part").path,
                      permissions: permissions, registry: registry)
    }

    /// A file written through the temporary file `temporary`, which should be in the same folder
    /// as `path`, so that the rename is one step on one disk, and is made here: one that is there
    /// already is refused (`EEXIST`).
    public init(path: String, temporary: String, permissions: mode_t = 0o666, registry: TemporaryPaths = .shared) throws(Failure) {
        self.path = path
        self.temporary = temporary
        self.registry = registry
        if let failure = registry.createFile(temporary, permissions: permissions) { throw Failure(code: failure) }
    }

    /// Has `write` write the temporary file, which is there, empty (it opens it without creating
    /// it), then moves it into place (``install(replacing:)``); on any failure the temporary file
    /// is removed and the error thrown again.
    public func write(replacing: Bool = true, _ write: (_ temporary: String) throws -> Void) throws {
        do {
            try write(temporary)
            try install(replacing: replacing)
        } catch {
            discard()
            throw error
        }
    }

    /// Writes `data` into the temporary file (``fill(with:)``) and moves it into place.
    public func write(_ data: Data, replacing: Bool = true) throws {
        try write(replacing: replacing) { _ in try fill(with: data) }
    }

    /// Writes `data` into the temporary file, opened without being created; it is not moved into place.
    public func fill(with data: Data) throws(Failure) {
        let descriptor = open(temporary, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(code: errno) }
        defer { close(descriptor) }
        let failure = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int32? in
            var written = 0
            while written < bytes.count {
                let count = SystemFile.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return nil
        }
        if let failure { throw Failure(code: failure) }
    }

    /// Writes the finished temporary file to the disk (`fsync`), for a caller that renames it into
    /// place itself, in one step with another file (``TemporaryPaths/settle(_:becoming:_:)``).
    public func synchronize() throws(Failure) {
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(code: errno) }
        let synchronized = fsync(descriptor) == 0 ? nil : errno
        close(descriptor)
        if let synchronized { throw Failure(code: synchronized) }
    }

    /// Writes the finished temporary file to the disk (`fsync`) and renames it to `path`; unless
    /// `replacing`, a file that appeared at `path` meanwhile is kept and `EEXIST` thrown. On a
    /// failure the temporary file is left as it is.
    public func install(replacing: Bool = true) throws {
        try synchronize()
        try registry.settle(temporary) {
            if replacing {
                guard rename(temporary, path) == 0 else { throw Failure(code: errno) }
            } else {
                guard link(temporary, path) == 0 else { throw Failure(code: errno) }
                unlink(temporary)
            }
        }
    }

    /// Runs `body`, a commit that the temporary file must outlive (it holds the only copy of what
    /// `body` stores, say): once `body` succeeds an interrupt keeps the file; an interrupt before
    /// removes it, and `body` does not run.
    public func keeping<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        try registry.settle(temporary, body)
    }

    /// Removes the temporary file, if it is there.
    public func discard() {
        registry.remove([temporary])
    }
}
