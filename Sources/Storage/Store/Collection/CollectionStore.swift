import Expressions
import SurveyDefinition

/// What the web form and the JSON API need of a store besides ``Store``: personal and
/// anonymous links, writes that a group commit batches into one transaction, idempotency keys,
/// the server's own secrets, and day-by-day progress for the admin pages.
public protocol CollectionStore: Store {
    /// What a link token (an invitation's, or an anonymous response's resume token) opens, by the
    /// token's hash; nil when no invitation or response has it.
    func linkTarget(tokenHash: String) throws -> LinkTarget?

    /// Applies `writes` in one transaction, so that one refused write (a closed round, an unknown
    /// response, a passed epoch) leaves the others in. Returns one result per write, in order,
    /// and the batch's epoch, after the commit; throws, having written nothing, when the commit
    /// itself fails.
    func commit(_ writes: [CollectionWrite]) throws -> CommittedBatch
    /// The epoch the store is in now: stamp state with it before reading it.
    var commitEpoch: CommitEpoch { get }

    /// The stored outcome of an earlier submission of API client `client` with this idempotency key in `round`.
    func idempotencyRecord(round: String, client: String, key: String) throws -> IdempotencyRecord?

    /// The server secret named `name`: `byteCount` random bytes made on first use and kept in the store.
    func secret(named name: String, byteCount: Int) throws -> [UInt8]

    /// Records that the admin session `nonce`, valid until `expiresAt` (unix seconds), was signed
    /// out, and forgets sessions ended earlier that have expired since.
    func endSession(_ nonce: String, expiresAt: Int64) throws
    /// Whether the admin session `nonce` was signed out.
    func isSessionEnded(_ nonce: String) throws -> Bool

    /// Per local day (the machine's time zone, `TZ`) on which a response of `round` began or was
    /// completed: how many began and how many were completed that day, oldest first.
    func dailyActivity(round: String) throws -> [DailyActivity]

    /// The round's most recently updated responses, newest first, at most `limit`.
    func recentResponses(round: String, limit: Int) throws -> [ResponseRecord]
}
