// E700–E709, W700–W705: `samla erase`, personal data erased or a response withdrawn, the withdrawn invitations it leaves,
// the suppression list that keeps withdrawn addresses out of `samla invite` and `samla remind`, and `samla access`.
extension DiagnosticCode {
    public static let erasureUnknownResponse = DiagnosticCode("E700", .error, "no response has the id given to erase")
    public static let erasureUnknownToken = DiagnosticCode("E701", .error, "no invitation has the token given to erase")
    public static let erasureUnknownEmail = DiagnosticCode("E702", .error, "no invitation of the round has the e-mail address given to erase")
    public static let erasureAmbiguousEmail = DiagnosticCode("E703", .error, "several invitations of the round have the e-mail address given to erase")
    public static let erasureNothingToErase = DiagnosticCode("E704", .error, "the response or invitation holds no personal data to erase")
    public static let erasureAlreadyWithdrawn = DiagnosticCode("E705", .error, "the invitation's respondent has withdrawn already")
    public static let invitationWithdrawn = DiagnosticCode("E706", .error, "a token of an invitation whose respondent withdrew, which begins no response")
    public static let idempotencyKeyOfWithdrawnResponse = DiagnosticCode(
        "E707", .error, "an API submission's Idempotency-Key whose response was withdrawn, which stores nothing again")
    public static let erasureNotSuppressed = DiagnosticCode("E708", .error, "the e-mail address whose suppression is to be lifted is not on the suppression list")
    public static let everyContactWithdrew = DiagnosticCode("E709", .error, "every contact of the contacts file withdrew from the survey, so nobody is invited")
    public static let contactWithdrew = DiagnosticCode("W700", .warning, "a contact whose address withdrew from the survey is not invited")
    public static let withdrawalWithoutAddress = DiagnosticCode(
        "W701", .warning, "a withdrawn invitation without an e-mail address cannot be put on the suppression list")
    public static let withdrawnAddressHasOtherInvitations = DiagnosticCode(
        "W702", .warning, "the withdrawn address has other invitations of the survey, which the withdrawal leaves as they are")
    public static let reminderOfWithdrawnAddress = DiagnosticCode(
        "W703", .warning, "invitations whose address withdrew from the survey are left out of the reminders")
    public static let accessNothingHeld = DiagnosticCode("W704", .warning, "the database holds nothing about the respondent named to samla access")
    public static let erasureOfCollectingRound = DiagnosticCode(
        "W705", .warning, "a round's personal data erased while the round still takes answers, which bring personal data again")

    static let erasureCodes: [DiagnosticCode] = [
        erasureUnknownResponse, erasureUnknownToken, erasureUnknownEmail, erasureAmbiguousEmail, erasureNothingToErase, erasureAlreadyWithdrawn,
        invitationWithdrawn, idempotencyKeyOfWithdrawnResponse, erasureNotSuppressed, everyContactWithdrew, contactWithdrew, withdrawalWithoutAddress,
        withdrawnAddressHasOtherInvitations, reminderOfWithdrawnAddress, accessNothingHeld, erasureOfCollectingRound,
    ]
}
