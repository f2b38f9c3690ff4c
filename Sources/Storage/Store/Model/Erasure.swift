/// What `samla erase` removes, and how it names it.
public enum ErasureRequest: Hashable, Sendable {
    /// The personal answers of one respondent's response and the e-mail address and label of its invitation;
    /// the response and its other answers stay, and it counts in results as before.
    case personalData(ErasureSubject)
    /// One respondent's whole response (every answer, resume token and idempotency key, the
    /// response itself) and its invitation's e-mail address and label; the invitation stays, marked withdrawn,
    /// so that the response rate counts it as a refusal and its link begins no new response.
    case withdrawal(ErasureSubject)
    /// Every personal answer and invitation e-mail address of a round (its retention period ended).
    case roundPersonalData(round: String)

    public var kind: ErasureKind {
        switch self {
        case .personalData: .personalData
        case .withdrawal: .withdrawal
        case .roundPersonalData: .roundPersonalData
        }
    }
}

/// How an erasure names one respondent.
public enum ErasureSubject: Hashable, Sendable {
    /// A response by its id, as exports and `samla compute` show it.
    case response(Int64)
    /// An invitation by its token's SHA-256 (``InvitationToken/hash``), never the token.
    case invitation(tokenHash: String)
    /// The invitation of a round whose e-mail address is this one, compared without case as
    /// `samla invite` compares addresses.
    case invitationEmail(round: String, email: String)

    /// The option of `samla erase` that names a respondent so, for refusals.
    var option: String {
        switch self {
        case .response: "--response"
        case .invitation: "--token"
        case .invitationEmail: "--email"
        }
    }
}

public enum ErasureKind: String, Hashable, Sendable, CaseIterable {
    case personalData = "personal-data"
    case withdrawal
    case roundPersonalData = "round-personal-data"
    /// The lifting of a withdrawn address's entry on the suppression list (``Suppression``), for a
    /// respondent who asks to take part again.
    case suppression
}

/// An erasure: what one would remove (before it is made), or what one removed (a row of the
/// `erasures` log). It names the response, round and invitation by id and counts what went,
/// never holding an erased value, a token or an e-mail address.
public struct Erasure: Hashable, Sendable {
    /// The log row's id; nil for an erasure not made yet.
    public var id: Int64?
    /// When it was made; nil for an erasure not made yet.
    public var erasedAt: Timestamp?
    public var kind: ErasureKind
    public var round: String
    /// The response erased from (or withdrawn); nil for a round's personal data, and for an
    /// invitation that had no response.
    public var responseID: Int64?
    /// The status the response had.
    public var responseStatus: ResponseStatus?
    /// The invitation of the response, or the one named.
    public var invitationID: Int64?
    /// Responses that lost their personal answers (or, for a withdrawal, were removed).
    public var responses: Int
    /// Personal answers erased (values given, not empty ones).
    public var personalAnswers: Int
    /// Other answers removed (a withdrawal's only).
    public var otherAnswers: Int
    /// Invitation e-mail addresses erased.
    public var emails: Int
    /// Invitation labels erased (a respondent's own invitation's: a label may be their name).
    public var labels: Int
    /// Entries of the suppression list: for a withdrawal, 1 when its invitation's address is
    /// kept there as a keyed hash (it had an address); for a suppression, the entry lifted.
    public var suppressions: Int
    /// For a withdrawal of an invitation with an address: the survey's other invitations to that
    /// address (compared trimmed and without case) that are not withdrawn, which the withdrawal
    /// leaves as they are. Not logged: empty in the erasures log (`erasures()`).
    public var otherInvitations: [OtherInvitation]

    public init(
        id: Int64? = nil, erasedAt: Timestamp? = nil, kind: ErasureKind, round: String, responseID: Int64?, responseStatus: ResponseStatus?,
        invitationID: Int64?, responses: Int, personalAnswers: Int, otherAnswers: Int, emails: Int, labels: Int = 0, suppressions: Int = 0,
        otherInvitations: [OtherInvitation] = []
    ) {
        self.id = id
        self.erasedAt = erasedAt
        self.kind = kind
        self.round = round
        self.responseID = responseID
        self.responseStatus = responseStatus
        self.invitationID = invitationID
        self.responses = responses
        self.personalAnswers = personalAnswers
        self.otherAnswers = otherAnswers
        self.emails = emails
        self.labels = labels
        self.suppressions = suppressions
        self.otherInvitations = otherInvitations
    }

    /// An invitation of the survey to the same address as a withdrawn one, named by its round and
    /// id, never by the address.
    public struct OtherInvitation: Hashable, Sendable {
        public var round: String
        public var invitationID: Int64
        /// The response it began; nil while it has begun none.
        public var responseID: Int64?
        /// The status of that response.
        public var responseStatus: ResponseStatus?

        public init(round: String, invitationID: Int64, responseID: Int64?, responseStatus: ResponseStatus?) {
            self.round = round
            self.invitationID = invitationID
            self.responseID = responseID
            self.responseStatus = responseStatus
        }
    }
}
