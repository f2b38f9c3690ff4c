import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files and folders of this process that are not yet complete (an ``OutputFile``'s
/// `.part`, an export's staging folder, a backup's `.incomplete-` copy): each is registered as it
/// is made and unregistered once it is moved into place or removed, so that a command interrupted
/// by Ctrl-C or SIGTERM removes them before it ends (``removeOnInterrupt(_:)``).
///
/// Making, settling and removing a path take one lock with the interrupt's cleanup, which keeps it
/// until the process ends: a path is either removed by the interrupt or made, moved into place or
/// committed to, never half of each, and a thread that goes on after the interrupt waits at its
/// next step for the process to end.
public final class TemporaryPaths: @unchecked Sendable {
    /// The registry of the process, which every writer of a temporary file uses.
    public static let shared = TemporaryPaths()

    private let lock = NSLock()
    /// Each registered path, and whether it is removed only when it is an empty folder.
    private var paths: [String: Bool] = [:]
    /// The signal sources of ``removeOnInterrupt(_:)``, kept as long as the registry.
    private var sources: [any DispatchSourceSignal] = []

    public init() {}

    /// Registers files or folders about to be made at `paths` (a file SQLite may make beside
    /// another, say); `ifEmpty`: folders made for the output, removed only while they are empty.
    public func register(_ paths: [String], ifEmpty: Bool = false) {
        locked { for path in paths { self.paths[path] = ifEmpty } }
    }

    /// Runs `make`, which makes a file or folder and returns its path (nil when it made none), and
    /// registers that path in the same step.
    @discardableResult
    public func make<Failure: Error>(_ make: () throws(Failure) -> String?) throws(Failure) -> String? {
        try locked { () throws(Failure) -> String? in
            let made = try make()
            if let made { paths[made] = false }
            return made
        }
    }

    /// Makes the empty file `path`, never one that is there (`O_EXCL`), with `permissions` before
    /// the umask, and registers it, in one step: an interrupt removes it, or comes first, and then
    /// the file is never made. Its writer opens the file that is there without creating it
    /// (``OutputFile/write(_:replacing:)``), so that once an interrupt has removed it nothing
    /// makes it again. The `errno` of a failure, or nil.
    public func createFile(_ path: String, permissions: mode_t) -> Int32? {
        var failure: Int32?
        make { () -> String? in
            let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, permissions)
            guard descriptor >= 0 else {
                failure = errno
                return nil
            }
            close(descriptor)
            return path
        }
        return failure
    }

    /// Runs `body` (the rename of `path` into place, or a commit that the file must outlive) and,
    /// when it succeeds, unregisters `path` and registers `becoming`, in one step: an interrupt
    /// removes `path` before `body` runs, or after `body` has run and the paths changed.
    @discardableResult
    public func settle<T, Failure: Error>(_ path: String, becoming: [String] = [], _ body: () throws(Failure) -> T) throws(Failure) -> T {
        try settle([path], becoming: becoming, body)
    }

    /// ``settle(_:becoming:_:)`` for several paths moved into place in one step (a backup and its checksum file).
    @discardableResult
    public func settle<T, Failure: Error>(_ paths: [String], becoming: [String] = [], _ body: () throws(Failure) -> T) throws(Failure) -> T {
        try locked { () throws(Failure) -> T in
            let result = try body()
            for path in paths { self.paths[path] = nil }
            for path in becoming { self.paths[path] = false }
            return result
        }
    }

    /// Forgets `paths` without removing them: they are in place, or kept on purpose.
    public func unregister(_ paths: [String]) {
        locked { for path in paths { self.paths[path] = nil } }
    }

    /// Removes `paths` (a folder with what it holds), if they are there, and forgets them.
    public func remove(_ paths: [String]) {
        locked {
            for path in paths {
                Self.delete(path, ifEmpty: false)
                self.paths[path] = nil
            }
        }
    }

    /// The registered paths, sorted.
    public var registered: [String] {
        locked { paths.keys.sorted() }
    }

    /// Removes every registered path (a folder with what it holds, or only if empty when so
    /// registered), the deepest first, and returns them in that order.
    @discardableResult
    public func removeAll() -> [String] {
        locked { removeEverything() }
    }

    private func removeEverything() -> [String] {
        let removed = paths.keys.sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
        for path in removed { Self.delete(path, ifEmpty: paths[path] ?? false) }
        paths.removeAll()
        return removed
    }

    /// On SIGINT or SIGTERM, removes every registered path and ends the process as the signal
    /// would have (exit status 130 or 143 in the shell). The cleanup runs on a dispatch queue, not
    /// in a signal handler; the signals' default action is restored and the signal raised again
    /// once it is done. Returns once the signals are watched; a second call does nothing.
    public func removeOnInterrupt(_ signals: [Int32] = [SIGINT, SIGTERM]) async {
        guard locked({ sources.isEmpty }) else { return }
        let queue = DispatchQueue(label: "samla.interrupt-cleanup")
        for number in signals {
            #if canImport(Darwin)
            // kqueue reports a signal alongside its disposition: ignored, it no longer ends the process first.
            signal(number, SIG_IGN)
            #endif
            // On Linux, Dispatch installs its own handler, which forwards the signal to its signalfd.
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in
                // The lock is kept: a thread that goes on meanwhile waits at its next step, so
                // that it neither makes a path nor moves one into place after the cleanup.
                lock.lock()
                _ = removeEverything()
                Self.end(by: number)
            }
            await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
                source.setRegistrationHandler { registered.resume() }
                source.resume()
            }
            locked { sources.append(source) }
        }
    }

    /// Ends the process by signal `number`, with its default action, from this thread.
    private static func end(by number: Int32) -> Never {
        signal(number, SIG_DFL)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, number)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        raise(number)
        _exit(128 + number)
    }

    private static func delete(_ path: String, ifEmpty: Bool) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if ifEmpty {
            rmdir(path)
        } else if status.st_mode & S_IFMT == S_IFDIR {
            try? FileManager.default.removeItem(atPath: path)
        } else {
            unlink(path)
        }
    }

    private func locked<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
