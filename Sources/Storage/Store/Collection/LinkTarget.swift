/// What a link token opens: an invitation (perhaps not yet used) or an anonymous response,
/// with its round and, once begun, the response and its answers.
public struct LinkTarget: Hashable, Sendable {
    public var round: Round
    /// The invitation whose token this is; nil for an anonymous response's resume token.
    public var invitation: Invitation?
    /// The response begun with the token; nil for an invitation not used yet.
    public var response: StoredResponse?

    public init(round: Round, invitation: Invitation?, response: StoredResponse?) {
        self.round = round
        self.invitation = invitation
        self.response = response
    }
}

/// Responses begun and completed on one day of a round.
public struct DailyActivity: Hashable, Sendable {
    /// `YYYY-MM-DD`, the local day (the machine's time zone, `TZ`) of the UTC times stored.
    public var day: String
    public var started: Int
    public var completed: Int

    public init(day: String, started: Int, completed: Int) {
        self.day = day
        self.started = started
        self.completed = completed
    }
}

/// The first outcome of a submission made with an idempotency key, returned again on a retry.
public struct IdempotencyRecord: Hashable, Sendable {
    public var key: String
    /// Lowercase hex SHA-256 of the request that first used the key.
    public var requestHash: String
    /// The HTTP status first answered.
    public var status: Int
    /// The body first answered.
    public var body: String
    public var responseID: Int64?

    public init(key: String, requestHash: String, status: Int, body: String, responseID: Int64?) {
        self.key = key
        self.requestHash = requestHash
        self.status = status
        self.body = body
        self.responseID = responseID
    }

    /// The status a key keeps once the response it made is withdrawn (`samla erase --withdraw`):
    /// the key stays, without the request's fingerprint, its answer or its response, so that a
    /// retry of the submission does not store the withdrawn answers again.
    public static let withdrawnStatus = 410

    /// Whether the response this key made was withdrawn.
    public var isWithdrawn: Bool { status == Self.withdrawnStatus && responseID == nil }
}
