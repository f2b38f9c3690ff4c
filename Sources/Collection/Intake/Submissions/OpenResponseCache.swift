import Foundation
import Store
import SurveyDefinition

/// What the store holds for one link (round, invitation, response record and stored answers),
/// as it was read or as the last save left it, and the epoch that holds for.
struct KeptResponse: Sendable {
    var round: Round
    var invitation: Invitation?
    var record: ResponseRecord?
    /// The definition the answers follow: the response's, else the round's.
    var definitionHash: String
    /// The stored value of each variable, index-aligned with the definition's validator.
    var stored: [AnswerValue?]
    var epoch: CommitEpoch
}

/// Responses being filled in, kept in memory between their pages by link token hash, so that a
/// posted page need not read its response again. A post takes a ``PostLease``: it is handed the
/// kept state only when no other post of the same link is under way, and at its end the lease
/// leaves behind what its save wrote. Two posts of one link at once (a double click, two tabs)
/// drop the state, and the next post reads the store. Whatever is kept is only trusted in its
/// epoch: the store refuses a save diffed against state of an epoch that has passed.
final class OpenResponseCache: @unchecked Sendable {
    private struct Entry {
        var kept: KeptResponse?
        var posts = 0
        var contended = false
        var lastUse: UInt64 = 0
    }

    /// At most this many responses are kept; beyond it the least recently posted go first.
    let capacity: Int
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var uses: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity >= 0)
        self.capacity = capacity
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    /// Begins a post of the link with token hash `tokenHash`.
    func lease(_ tokenHash: String) -> PostLease {
        lock.lock()
        defer { lock.unlock() }
        uses += 1
        if entries[tokenHash] == nil, entries.count >= capacity { evictIdle() }
        var entry = entries[tokenHash] ?? Entry()
        entry.posts += 1
        entry.lastUse = uses
        if entry.posts > 1 { entry.contended = true }
        let handed = entry.contended ? nil : entry.kept
        entry.kept = nil
        entries[tokenHash] = entry
        return PostLease(tokenHash: tokenHash, kept: handed)
    }

    /// Ends a post: keeps what its lease left, unless another post of the link overlapped it.
    func end(_ lease: PostLease) {
        let left = lease.left
        lock.lock()
        defer { lock.unlock() }
        guard var entry = entries[lease.tokenHash] else { return }
        entry.posts -= 1
        if !entry.contended, let left, left.record?.status != .complete {
            entry.kept = left
        }
        if entry.posts == 0 {
            entry.contended = false
            if entry.kept == nil || capacity == 0 {
                entries[lease.tokenHash] = nil
                return
            }
        }
        entries[lease.tokenHash] = entry
    }

    /// Removes the least recently used quarter of the entries no post holds.
    private func evictIdle() {
        let idle = entries.filter { $0.value.posts == 0 }.sorted { $0.value.lastUse < $1.value.lastUse }
        for (key, _) in idle.prefix(max(1, capacity / 4)) { entries[key] = nil }
    }
}

/// One post's hold on the kept state of its link (see ``OpenResponseCache``).
final class PostLease: @unchecked Sendable {
    let tokenHash: String
    /// The state the cache handed out; nil when the post must read the store.
    let kept: KeptResponse?
    private let lock = NSLock()
    private var _left: KeptResponse?
    private var _committed = false

    init(tokenHash: String, kept: KeptResponse?) {
        self.tokenHash = tokenHash
        self.kept = kept
    }

    /// What to keep for the link's next post; nil keeps nothing.
    var left: KeptResponse? {
        get { lock.withLock { _left } }
        set { lock.withLock { _left = newValue } }
    }

    /// Whether the post has committed a save.
    var committed: Bool {
        get { lock.withLock { _committed } }
        set { lock.withLock { _committed = newValue } }
    }
}
