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
/// and so does an interrupt (Ctrl-C): it is in ``TemporaryPaths/shared`` from the making of the
/// `OutputFile` until it is installed or discarded.
public struct OutputFile: Sendable {
    /// A system call on the temporary file that failed with `code` (an `errno`).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var code: Int32
        public init(code: Int32) { self.code = code }
        public var description: String { String(cString: strerror(code)) }
    }

    public let path: String
    public let temporary: String

    public init(path: String) {
        let url = URL(fileURLWithPath: path)
        self.init(path: path, temporary: url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).part").path)
    }

    /// A file written through the temporary file `temporary`, which should be in the same folder
    /// as `path`, so that the rename is one step on one disk.
    public init(path: String, temporary: String) {
        self.path = path
        self.temporary = temporary
        TemporaryPaths.shared.register([temporary])
    }

    /// Has `write` write the temporary file, then moves it into place (``install(replacing:)``);
    /// on any failure the temporary file is removed and the error thrown again.
    public func write(replacing: Bool = true, _ write: (_ temporary: String) throws -> Void) throws {
        do {
            try write(temporary)
            try install(replacing: replacing)
        } catch {
            discard()
            throw error
        }
    }

    /// Writes the finished temporary file to the disk (`fsync`) and renames it to `path`; unless
    /// `replacing`, a file that appeared at `path` meanwhile is kept and `EEXIST` thrown. On a
    /// failure the temporary file is left as it is.
    public func install(replacing: Bool = true) throws {
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(code: errno) }
        let synchronized = fsync(descriptor) == 0 ? nil : errno
        close(descriptor)
        if let synchronized { throw Failure(code: synchronized) }
        try TemporaryPaths.shared.settle(temporary) {
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
        try TemporaryPaths.shared.settle(temporary, body)
    }

    /// Removes the temporary file, if it is there.
    public func discard() {
        TemporaryPaths.shared.remove([temporary])
    }
}
