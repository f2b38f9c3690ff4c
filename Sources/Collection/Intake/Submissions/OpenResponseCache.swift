import Store
import SurveyDefinition

/// What the store holds for one link (round, invitation, response record and stored answers),
/// as it was read or as the last save left it, and the epoch that holds for.
struct KeptResponse: Sendable {
    var round: Round
    var invitation: Invitation?
    var record: ResponseRecord?
    /// The stored value of each variable, index-aligned with the definition's validator.
    var stored: [AnswerValue?]
    var epoch: CommitEpoch

    /// The definition the answers follow: the response's, else the round's.
    var definitionHash: String { record?.definitionHash ?? round.definitionHash }
}

/// Responses being filled in, kept in memory between their pages by link token hash, so that a
/// posted page need not read its response again. A post takes a ``PostLease``: it is handed the
/// kept state only when no other post of the same link is under way, and at its end the lease
/// leaves behind what its save wrote. Two posts of one link at once (a double click, two tabs)
/// drop the state, and the next post reads the store. Whatever is kept is only trusted in its
/// epoch: the store refuses a save diffed against state of an epoch that has passed.
final class OpenResponseCache: Sendable {
    private struct Entry {
        var kept: KeptResponse?
        var posts = 0
        var contended = false
        var lastUse: UInt64 = 0
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var uses: UInt64 = 0
    }

    /// At most this many responses are kept; beyond it the least recently posted go first.
    let capacity: Int
    private let state = Locked(State())

    init(capacity: Int) {
        precondition(capacity >= 0)
        self.capacity = capacity
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// Begins a post of the link with token hash `tokenHash`.
    func lease(_ tokenHash: String) -> PostLease {
        state.withLock { state in
            state.uses += 1
            if state.entries.count >= capacity, state.entries[tokenHash] == nil { evictIdle(&state.entries) }
            let handed = Self.begin(&state.entries[tokenHash, default: Entry()], use: state.uses)
            return PostLease(tokenHash: tokenHash, kept: handed)
        }
    }

    /// Counts a post in `entry` (in place: the kept state is moved, not copied) and hands out its
    /// kept state unless another post of the link is under way.
    private static func begin(_ entry: inout Entry, use: UInt64) -> KeptResponse? {
        entry.posts += 1
        entry.lastUse = use
        if entry.posts > 1 { entry.contended = true }
        let kept = entry.kept.take()
        return entry.contended ? nil : kept
    }

    /// Ends a post: keeps what its lease left, unless another post of the link overlapped it.
    func end(_ lease: PostLease) {
        let left = lease.takeLeft()
        state.withLock { state in
            guard let index = state.entries.index(forKey: lease.tokenHash) else { return }
            let drop = Self.finish(&state.entries.values[index], left: left, keepsNothing: capacity == 0)
            if drop { state.entries.remove(at: index) }
        }
    }

    /// Ends a post in `entry`; true when the entry is to go (no post holds it and nothing is kept).
    private static func finish(_ entry: inout Entry, left: KeptResponse?, keepsNothing: Bool) -> Bool {
        entry.posts -= 1
        if !entry.contended, let left, left.record?.status != .complete {
            entry.kept = consume left
        }
        guard entry.posts == 0 else { return false }
        entry.contended = false
        return entry.kept == nil || keepsNothing
    }

    /// Removes the least recently used quarter of the entries no post holds.
    private func evictIdle(_ entries: inout [String: Entry]) {
        let idle = entries.filter { $0.value.posts == 0 }.sorted { $0.value.lastUse < $1.value.lastUse }
        for (key, _) in idle.prefix(max(1, capacity / 4)) { entries[key] = nil }
    }
}

/// One post's hold on the kept state of its link (see ``OpenResponseCache``).
///
/// The state moves in and out under the lease's lock rather than being copied: a copy retains
/// every string and buffer it holds, which is a measurable part of a post.
final class PostLease: Sendable {
    let tokenHash: String
    /// Whether the cache handed out kept state; false when the post must read the store.
    let wasKept: Bool
    private let outcome: Locked<(left: KeptResponse?, committed: Bool)>

    /// Hands the lease the cache's kept state, which stays what is left until the post says otherwise.
    init(tokenHash: String, kept: KeptResponse?) {
        self.tokenHash = tokenHash
        wasKept = kept != nil
        outcome = Locked((left: kept, committed: false))
    }

    /// What to keep for the link's next post; nil keeps nothing. Until the post sets it, the state
    /// the cache handed out.
    var left: KeptResponse? {
        get { outcome.withLock { $0.left } }
        set { outcome.withLock { $0.left = newValue } }
    }

    /// Runs `body` on what is left, without copying it.
    func withLeft<R>(_ body: (borrowing KeptResponse?) throws -> R) rethrows -> R {
        try outcome.withLock { try body($0.left) }
    }

    /// Moves out what is left, leaving nothing.
    func takeLeft() -> KeptResponse? {
        outcome.withLock { $0.left.take() }
    }

    /// Whether the post has committed a save.
    var committed: Bool {
        get { outcome.withLock { $0.committed } }
        set { outcome.withLock { $0.committed = newValue } }
    }
}
