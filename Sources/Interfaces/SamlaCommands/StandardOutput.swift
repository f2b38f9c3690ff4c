import Diagnostics
import Foundation

/// The command's standard output and standard error, written without Foundation's
/// `FileHandle.write(_:)`, which stops the process with a stack trace when a write fails (a full
/// disk under a file the output was redirected to, `> /dev/full`). A failed write to standard
/// output is kept and ends the command with E801 and exit status 1 (``SamlaCommand/run(arguments:)``),
/// so that a truncated CSV or JSON is never taken for a whole one; standard error has nobody left
/// to tell, and its failures are dropped.
enum StandardOutput {
    private final class Failure: @unchecked Sendable {
        let lock = NSLock()
        var reason: String?
    }

    private static let failure = Failure()

    /// Writes `text` to `handle` (standard output); a failure is kept for ``failureDiagnostic()``
    /// and nothing more is written after it.
    static func write(_ text: String, to handle: FileHandle = .standardOutput) {
        failure.lock.lock()
        defer { failure.lock.unlock() }
        guard failure.reason == nil else { return }
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            failure.reason = DiskFull.isReason(error) ? "the disk it goes to is full" : Self.systemWords(error)
        }
    }

    /// Writes `text` to standard error, dropping a failure.
    static func writeError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// E801 when a write to standard output failed: what the command printed there is incomplete.
    static func failureDiagnostic() -> Diagnostic? {
        failure.lock.lock()
        defer { failure.lock.unlock() }
        return failure.reason.map { reason in
            Diagnostic(.standardOutputUnwritable, at: .file("standard output"),
                "the command's output could not be written (\(reason)), so what it printed there is incomplete: do not use it; "
                    + "free space on that disk and run the command again, or send its output to a file on another disk")
        }
    }

    private static func systemWords(_ error: any Error) -> String {
        let bridged = error as NSError
        if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return bridged.localizedDescription
    }
}
