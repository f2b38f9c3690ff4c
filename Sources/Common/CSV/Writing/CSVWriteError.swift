#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a ``CSVWriter`` could not write. After a failed write the output is incomplete; the writer
/// throws the same error for every later call.
public struct CSVWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The output file could not be created.
        case cannotCreate(reason: String)
        /// The system refused a write (disk full, closed descriptor, broken pipe…).
        case writeFailed(reason: String)
        /// Closing the output failed, so buffered data may not have reached it.
        case closeFailed(reason: String)
        /// The writer was already closed.
        case closed
    }

    public var kind: Kind
    /// The output's path, or a description such as "file descriptor 3".
    public var destination: String
    /// The C `errno` of the system call that failed, when one did.
    public var systemError: Int32?

    public init(_ kind: Kind, destination: String, systemError: Int32? = nil) {
        self.kind = kind
        self.destination = destination
        self.systemError = systemError
    }

    /// Whether the disk (or the user's quota on it) had no room for the output (`ENOSPC`, `EDQUOT`).
    public var isDiskFull: Bool {
        systemError == ENOSPC || systemError == EDQUOT
    }

    public var description: String {
        switch kind {
        case .cannotCreate(let reason): "cannot create \(destination): \(reason)"
        case .writeFailed(let reason): "writing \(destination) failed: \(reason); the output is incomplete"
        case .closeFailed(let reason): "closing \(destination) failed: \(reason); the output may be incomplete"
        case .closed: "\(destination) was already closed"
        }
    }
}
