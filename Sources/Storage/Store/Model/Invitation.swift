/// An invitation to be stored: the hash of its token, never the token.
public struct NewInvitation: Hashable, Sendable {
    public private(set) var tokenHash: String
    /// A name for the invitee that the admin pages may show (an organisation, a person).
    public var label: String?
    /// Personal data, stored apart from the invitation.
    public var email: String?

    public init(token: InvitationToken, label: String? = nil, email: String? = nil) {
        self.tokenHash = token.hash
        self.label = label
        self.email = email
    }
}

/// A stored invitation.
public struct Invitation: Hashable, Sendable {
    public var id: Int64
    public var roundID: Int64
    public var tokenHash: String
    public var label: String?
    public var email: String?
    public var createdAt: Timestamp
    /// The response begun with this invitation's token, once it is used.
    public var responseID: Int64?
    /// When its respondent withdrew (`samla erase --withdraw`): the response is gone, and the link
    /// begins no new one.
    public var withdrawnAt: Timestamp?
    /// The final disposition recorded for it (`samla round dispositions`); nil: unknown eligibility.
    /// The rates count it only while the invitation has no response and is not withdrawn.
    public var disposition: InvitationDisposition?
    /// When ``disposition`` was recorded.
    public var dispositionSetAt: Timestamp?

    public init(
        id: Int64, roundID: Int64, tokenHash: String, label: String?, email: String?, createdAt: Timestamp, responseID: Int64?,
        withdrawnAt: Timestamp? = nil, disposition: InvitationDisposition? = nil, dispositionSetAt: Timestamp? = nil
    ) {
        self.id = id
        self.roundID = roundID
        self.tokenHash = tokenHash
        self.label = label
        self.email = email
        self.createdAt = createdAt
        self.responseID = responseID
        self.withdrawnAt = withdrawnAt
        self.disposition = disposition
        self.dispositionSetAt = dispositionSetAt
    }

    public var isUsed: Bool { responseID != nil }
    public var isWithdrawn: Bool { withdrawnAt != nil }
}
