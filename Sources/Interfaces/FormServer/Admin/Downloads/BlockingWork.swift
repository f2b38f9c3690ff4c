import Dispatch

/// Runs blocking work (an export, file reads) on dispatch threads, so that the few threads of
/// Swift's cooperative pool keep serving requests meanwhile.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "samla.downloads", qos: .utility, attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
