import Expressions

/// Whether a round is taking responses, as its owner set it.
public enum RoundStatus: String, Hashable, Sendable, CaseIterable {
    case open
    case closed
}

/// Where a round stands on a given day: its status together with its dates.
public enum RoundPhase: String, Hashable, Sendable {
    /// Open, but its first day is still ahead.
    case scheduled
    /// Open and within its dates: respondents can answer.
    case collecting
    /// Open, but its last day has passed.
    case ended
    /// Closed by its owner.
    case closed
}

/// One run of one survey version: `esem-se-2025`, pinned to the hash of its definition text.
public struct Round: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var surveyID: String
    /// The content hash of the definition respondents answer.
    public var definitionHash: String
    /// First day of collection, inclusive.
    public var opens: CalendarDate
    /// Last day of collection, inclusive.
    public var closes: CalendarDate
    public var status: RoundStatus
    /// Anyone with the start link may answer; otherwise only holders of an invitation token.
    public var isAnonymous: Bool
    public var createdAt: Timestamp

    public init(
        id: Int64, name: String, surveyID: String, definitionHash: String, opens: CalendarDate, closes: CalendarDate,
        status: RoundStatus, isAnonymous: Bool, createdAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.surveyID = surveyID
        self.definitionHash = definitionHash
        self.opens = opens
        self.closes = closes
        self.status = status
        self.isAnonymous = isAnonymous
        self.createdAt = createdAt
    }

    public func phase(on today: CalendarDate) -> RoundPhase {
        switch status {
        case .closed: .closed
        case .open where today < opens: .scheduled
        case .open where today > closes: .ended
        case .open: .collecting
        }
    }

    /// Open for collection: status open and `today` within opens…closes.
    public func isCollecting(on today: CalendarDate) -> Bool {
        phase(on: today) == .collecting
    }
}
