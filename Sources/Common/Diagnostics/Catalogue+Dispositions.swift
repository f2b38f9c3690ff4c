// E710–E716: `samla round dispositions`, the final dispositions of invitations without a response.
extension DiagnosticCode {
    public static let dispositionsColumnMissing = DiagnosticCode(
        "E710", .error, "a dispositions file without a token or email column, or without a disposition column")
    public static let unknownDisposition = DiagnosticCode("E711", .error, "a disposition that is none of the codes Samla knows")
    public static let dispositionUnknownInvitation = DiagnosticCode("E712", .error, "a dispositions row that names no invitation of the round")
    public static let dispositionOfAnsweredInvitation = DiagnosticCode(
        "E713", .error, "a disposition for an invitation with a response, which its response decides")
    public static let conflictingDispositions = DiagnosticCode("E714", .error, "two rows give one invitation different dispositions")
    public static let dispositionAmbiguousEmail = DiagnosticCode("E715", .error, "a dispositions row whose address several invitations of the round have")
    public static let dispositionOfWithdrawnInvitation = DiagnosticCode(
        "E716", .error, "a disposition for a withdrawn invitation, which counts as a refusal")

    static let dispositionCodes: [DiagnosticCode] = [
        dispositionsColumnMissing, unknownDisposition, dispositionUnknownInvitation, dispositionOfAnsweredInvitation, conflictingDispositions,
        dispositionAmbiguousEmail, dispositionOfWithdrawnInvitation,
    ]
}
