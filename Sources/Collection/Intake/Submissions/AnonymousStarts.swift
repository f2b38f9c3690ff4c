import Foundation

/// What the start page's button began, by the nonce the page carried, for ten minutes. A double
/// click posts the start form twice at once; the second post gets the response the first began
/// instead of beginning another, which counted one respondent as two started responses.
///
/// A start is remembered by its outcome once begun, not by the task that began it (a finished task
/// keeps the memory its run took, some 6 KB), and is let go once its ten minutes are over: a round's
/// server held every start of its last 10,000, 60 MB, however long ago they were.
final class AnonymousStarts: Sendable {
    private enum Begun {
        case running(Task<AnonymousStartOutcome, any Error>)
        case started(AnonymousStartOutcome)
    }

    private struct Entry {
        var begun: Begun
        var at: Date
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// The nonces in the order they were taken, for letting the oldest go.
        var order: [(nonce: String, at: Date)] = []
        var orderStart = 0
    }

    private let state = Locked(State())
    private let capacity: Int
    private let lifetime: TimeInterval = 600

    /// Remembers up to `capacity` starts (the oldest go first), whatever nonces are posted.
    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// How many starts are remembered.
    var count: Int { state.withLock { $0.entries.count } }

    /// The outcome of the start form posted with `nonce`: `begin`'s, run once per nonce. Only a
    /// begun response is remembered, so a post that began nothing (a database that could not take
    /// it) can be sent again.
    func begin(
        nonce: String, now: Date, _ begin: @escaping @Sendable () async throws -> AnonymousStartOutcome
    ) async throws -> AnonymousStartOutcome {
        let found: Begun = state.withLock { state in
            letGo(&state, now: now)
            if let entry = state.entries[nonce], now.timeIntervalSince(entry.at) < lifetime { return entry.begun }
            let task = Task { try await begin() }
            state.entries[nonce] = Entry(begun: .running(task), at: now)
            state.order.append((nonce, now))
            return .running(task)
        }
        guard case .running(let task) = found else {
            if case .started(let outcome) = found { return outcome }
            preconditionFailure("a remembered start is running or started")
        }
        let result = await task.result
        state.withLock { state in
            guard let entry = state.entries[nonce], case .running(let running) = entry.begun, running == task else { return }
            if case .success(let outcome) = result, case .started = outcome {
                state.entries[nonce]?.begun = .started(outcome)
            } else {
                state.entries[nonce] = nil
            }
        }
        return try result.get()
    }

    /// Lets go of the starts taken `lifetime` ago or more, and of the oldest beyond `capacity`.
    private func letGo(_ state: inout State, now: Date) {
        while state.orderStart < state.order.count {
            let (nonce, at) = state.order[state.orderStart]
            guard now.timeIntervalSince(at) >= lifetime || state.entries.count >= capacity else { break }
            if state.entries[nonce]?.at == at { state.entries[nonce] = nil }
            state.orderStart += 1
        }
        if state.orderStart > 1024, state.orderStart * 2 > state.order.count {
            state.order.removeFirst(state.orderStart)
            state.orderStart = 0
        }
    }
}
