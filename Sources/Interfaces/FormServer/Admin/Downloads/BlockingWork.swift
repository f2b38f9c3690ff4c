import Dispatch
import Foundation

/// Runs blocking work (an export, file reads) on dispatch threads, so that the few threads of
/// Swift's cooperative pool keep serving requests meanwhile.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "samla.downloads", qos: .utility, attributes: .concurrent)

    /// The result of `body`, run on a dispatch thread; a cancelled task stops waiting for it with
    /// `CancellationError` (the server's stop once its grace has passed: the stop then ends the
    /// process, and removes the download folder of an export still running, instead of waiting for
    /// the export). `body` itself runs on, to its end or the process's.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let waiting = Waiting<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard waiting.start(continuation) else { return }
                queue.async { waiting.finish(with: Result { try body() }) }
            }
        } onCancel: {
            waiting.finish(with: .failure(CancellationError()))
        }
    }

    /// The one continuation of a ``run(_:)``, resumed once: by the work's result or by the
    /// cancellation, whichever comes first.
    private final class Waiting<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?
        private var cancelled = false
        private var finished = false

        /// Keeps `continuation`; false (having resumed it) when the task was cancelled already.
        func start(_ continuation: CheckedContinuation<T, any Error>) -> Bool {
            lock.lock()
            if cancelled {
                finished = true
                lock.unlock()
                continuation.resume(throwing: CancellationError())
                return false
            }
            self.continuation = continuation
            lock.unlock()
            return true
        }

        func finish(with result: Result<T, any Error>) {
            lock.lock()
            if case .failure(let error) = result, error is CancellationError, continuation == nil { cancelled = true }
            guard !finished, let continuation else {
                lock.unlock()
                return
            }
            finished = true
            self.continuation = nil
            lock.unlock()
            continuation.resume(with: result)
        }
    }
}
