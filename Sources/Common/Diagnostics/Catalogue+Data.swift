// E4xx: data files and answers (CSV import, form and API submissions)
extension DiagnosticCode {
    static let dataCodes: [DiagnosticCode] = storeCodes
}

// E440–E469: the store (rounds, definitions, invitations, responses).
extension DiagnosticCode {
    public static let invalidRoundName = DiagnosticCode("E440", .error, "a round name that is not a lowercase slug")
    public static let unknownRound = DiagnosticCode("E441", .error, "no round has this name")
    public static let roundOfAnotherSurvey = DiagnosticCode("E442", .error, "the round exists for a different survey")
    public static let invalidRoundDates = DiagnosticCode("E443", .error, "a round closes before it opens")
    public static let missingRoundDates = DiagnosticCode("E444", .error, "a new round needs its opening and closing dates")
    public static let removedVariableWithAnswers = DiagnosticCode("E445", .error, "a new definition removes a variable that has answers")
    public static let removedChoiceWithAnswers = DiagnosticCode("E446", .error, "a new definition removes a choice value that has answers")
    public static let changedTypeWithAnswers = DiagnosticCode("E447", .error, "a new definition changes the type of a variable that has answers")
    public static let anonymityChange = DiagnosticCode("E448", .error, "an existing round cannot change between anonymous and invitation-only")
    public static let unstorableSurvey = DiagnosticCode("E449", .error, "the survey's variables cannot be laid out as columns")
    public static let anonymousRound = DiagnosticCode("E450", .error, "an anonymous round takes no invitations")
    public static let closedRound = DiagnosticCode("E451", .error, "the round is closed")
    public static let roundNotCollecting = DiagnosticCode("E452", .error, "the round is not collecting responses today")
    public static let unknownVariable = DiagnosticCode("E453", .error, "no variable of the survey has this name")
    public static let answerTypeMismatch = DiagnosticCode("E454", .error, "an answer of the wrong type for its variable")
    public static let unknownResponse = DiagnosticCode("E455", .error, "no response has this id")
    public static let responseAlreadySubmitted = DiagnosticCode("E456", .error, "the response is already complete")
    public static let unknownInvitation = DiagnosticCode("E457", .error, "no invitation has this token")
    public static let invitationUnusable = DiagnosticCode("E458", .error, "the invitation is used already or belongs to another round")
    public static let definitionNotPinned = DiagnosticCode("E459", .error, "the definition is not the one the round is pinned to")
    public static let unusableDatabase = DiagnosticCode("E460", .error, "the database file is not a Samla store this version can use")
    public static let malformedContacts = DiagnosticCode("E461", .error, "the contacts file is not a CSV table with one header row")
    public static let contactsColumnClash = DiagnosticCode("E462", .error, "the contacts file already has a token or link column")
    public static let invalidContactEmail = DiagnosticCode("E463", .error, "an email address that cannot be right")
    public static let noContacts = DiagnosticCode("E464", .error, "the contacts file has no rows")
    public static let invitationRequired = DiagnosticCode("E465", .error, "an invitation-only round takes web responses only through an invitation")
    public static let outputExists = DiagnosticCode("E466", .error, "the output file exists already and is not replaced")
    public static let outputUnwritable = DiagnosticCode("E467", .error, "the output file cannot be written")
    public static let duplicateContactEmail = DiagnosticCode("W440", .warning, "the same email address on more than one row")

    static let storeCodes: [DiagnosticCode] = [
        invalidRoundName, unknownRound, roundOfAnotherSurvey, invalidRoundDates, missingRoundDates,
        removedVariableWithAnswers, removedChoiceWithAnswers, changedTypeWithAnswers, anonymityChange,
        unstorableSurvey, anonymousRound, closedRound, roundNotCollecting, unknownVariable, answerTypeMismatch,
        unknownResponse, responseAlreadySubmitted, unknownInvitation, invitationUnusable, definitionNotPinned,
        unusableDatabase, malformedContacts, contactsColumnClash, invalidContactEmail, noContacts,
        invitationRequired, outputExists, outputUnwritable, duplicateContactEmail,
    ]
}
