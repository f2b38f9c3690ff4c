import Foundation

/// What the start page's button began, by the nonce the page carried, for ten minutes. A double
/// click posts the start form twice at once; the second post gets the response the first began
/// instead of beginning another, which counted one respondent as two started responses.
final class AnonymousStarts: Sendable {
    private struct Entry {
        var begun: Task<AnonymousStartOutcome, any Error>
        var at: Date
    }

    private let entries = Locked<[String: Entry]>([:])
    private let capacity: Int
    private let lifetime: TimeInterval = 600

    /// Remembers up to `capacity` starts (the oldest go first), whatever nonces are posted.
    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The outcome of the start form posted with `nonce`: `begin`'s, run once per nonce. Only a
    /// begun response is remembered, so a post that began nothing (a database that could not take
    /// it) can be sent again.
    func begin(
        nonce: String, now: Date, _ begin: @escaping @Sendable () async throws -> AnonymousStartOutcome
    ) async throws -> AnonymousStartOutcome {
        let task = entries.withLock { entries in
            if let entry = entries[nonce], now.timeIntervalSince(entry.at) < lifetime { return entry.begun }
            if entries.count >= capacity {
                entries = entries.filter { now.timeIntervalSince($0.value.at) < lifetime }
                if entries.count >= capacity, let oldest = entries.min(by: { $0.value.at < $1.value.at }) { entries[oldest.key] = nil }
            }
            let task = Task { try await begin() }
            entries[nonce] = Entry(begun: task, at: now)
            return task
        }
        let result = await task.result
        if case .success(.started) = result { return try result.get() }
        entries.withLock { entries in
            if entries[nonce]?.begun == task { entries[nonce] = nil }
        }
        return try result.get()
    }
}
