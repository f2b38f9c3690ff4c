// E4xx: data files and answers (CSV import, form and API submissions)
extension DiagnosticCode {
    // E400–E419: one answer checked against its question (the Responses module).
    public static let notANumber = DiagnosticCode("E400", .error, "an answer that should be a number is not one")
    public static let notAWholeNumber = DiagnosticCode("E401", .error, "an answer that should be a whole number has a fraction or an exponent")
    public static let numberOutOfRange = DiagnosticCode("E402", .error, "a number with more digits than can be stored exactly")
    public static let notABoolean = DiagnosticCode("E403", .error, "an answer that should be yes or no is neither")
    public static let notADate = DiagnosticCode("E404", .error, "an answer that should be a date (YYYY-MM-DD) is not one")
    public static let notAnEmail = DiagnosticCode("E405", .error, "an answer that should be an email address is not one")
    public static let notAChoice = DiagnosticCode("E406", .error, "a code that is not in the question's choice list")
    public static let choiceNotOffered = DiagnosticCode("E407", .error, "a code that the question's choice filter does not offer for this response")
    public static let duplicateChoice = DiagnosticCode("E408", .error, "the same code twice in one multiple-choice answer")
    public static let severalChoices = DiagnosticCode("E409", .error, "several codes where one choice is allowed")
    public static let otherWithoutOther = DiagnosticCode("E410", .error, "an 'other' text although 'other' is not chosen")
    public static let constraintFailed = DiagnosticCode("E411", .error, "an answer that breaks its question's constraint")
    public static let requiredMissing = DiagnosticCode("E412", .error, "a required question that is shown but not answered")
    public static let answerNotRelevant = DiagnosticCode("E413", .error, "an answer to a question that is not shown for this response")
    public static let wrongValueType = DiagnosticCode("E414", .error, "a typed value (JSON) of the wrong kind for its question")
    public static let noSuchField = DiagnosticCode("E415", .error, "an answer for a variable the survey does not have")
    public static let calculatedValueGiven = DiagnosticCode("E416", .error, "an answer given for a calculated variable, which is computed and cannot be answered")
    public static let controlCharacter = DiagnosticCode("E417", .error, "a text answer with a control character (such as NUL or ESC) that cannot be shown")
    public static let notAnOptionMark = DiagnosticCode("E418", .error, "a multiple-choice option column holding something other than 1, 0 or nothing")

    // E420–E439 and E496: data files (the CSV import in the Intake module).
    public static let unknownColumn = DiagnosticCode("E420", .error, "a header column that names no variable of the survey")
    public static let duplicateColumn = DiagnosticCode("E421", .error, "the same column name twice in the header")
    public static let emptyColumnName = DiagnosticCode("E422", .error, "a header column without a name")
    public static let wrongFieldCount = DiagnosticCode("E423", .error, "a row with more or fewer fields than the header")
    public static let malformedCSV = DiagnosticCode("E424", .error, "a row that is not valid CSV (RFC 4180 quoting)")
    public static let invalidUTF8 = DiagnosticCode("E425", .error, "bytes that are not UTF-8 text")
    public static let unknownLanguage = DiagnosticCode("E426", .error, "a language column value that is not a language of the survey")
    public static let invalidTimestamp = DiagnosticCode("E427", .error, "a submitted_at value that is not an ISO 8601 date or time")
    public static let importWriteFailed = DiagnosticCode("E428", .error, "the database refused the imported rows; nothing was written")
    public static let reportWriteFailed = DiagnosticCode("E429", .error, "the report of refused rows cannot be written")
    public static let outputWriteFailed = DiagnosticCode("E430", .error, "an output file (generated responses) cannot be written")
    public static let fileAlreadyImported = DiagnosticCode("E431", .error, "a file whose bytes were imported into the round before")
    public static let optionColumnsIncomplete = DiagnosticCode("E435", .error, "a multiple choice's option columns are incomplete, or beside its own column")
    public static let unknownResponseStatus = DiagnosticCode("E436", .error, "a row whose status is neither complete nor partial")
    public static let labelsExport = DiagnosticCode("E437", .error, "a file that holds choice labels (an export with --labels) instead of codes")
    public static let unknownImportToken = DiagnosticCode("E438", .error, "an import row's token that is no invitation to the round")
    public static let invitationAnswered = DiagnosticCode("E439", .error, "an import row's token whose invitation has a response already, stored or in an earlier row")
    public static let submittedInFuture = DiagnosticCode("E496", .error, "an import row's submitted_at more than a day after the time of the import")

    // E497–E499, W427–W428: taking an import back (`samla import undo`).
    public static let unknownImport = DiagnosticCode("E497", .error, "no import of the round has this id")
    public static let untrackedImport = DiagnosticCode("E498", .error, "an import made before the store recorded which import added each response")
    public static let importAlreadyUndone = DiagnosticCode("E499", .error, "an import that was taken back already")
    public static let importResponsesErased = DiagnosticCode("W427", .warning, "responses of the import that samla erase withdrew or erased from since")
    public static let importResponsesContinued = DiagnosticCode("W428", .warning, "responses of the import that their respondents continued on the web since")

    // E432–E434: the database file itself cannot take a write (any command, the web server).
    public static let databaseBusy = DiagnosticCode("E432", .error, "another process held the database's write lock too long; nothing was written")
    public static let databaseFull = DiagnosticCode("E433", .error, "the disk that holds the database is full; nothing was written")
    public static let databaseUnwritable = DiagnosticCode("E434", .error, "the database or its folder cannot be written; nothing was written")

    // E484–E485: a links file given to `samla remind`.
    public static let unknownReminderToken = DiagnosticCode("E484", .error, "a token in a links file that is no invitation to the round")
    public static let malformedLinksFile = DiagnosticCode("E485", .error, "a links file without a token column, or with a progress column already")

    public static let calculatedColumnIgnored = DiagnosticCode("W420", .warning, "a column for a calculated variable, whose values are computed and not read")
    public static let noDataRows = DiagnosticCode("W421", .warning, "a data file with a header but no rows")
    public static let unnamedColumnsIgnored = DiagnosticCode("W422", .warning, "columns without a name at the end of the header, empty in every row, ignored")
    public static let personalColumnsMissing = DiagnosticCode("W423", .warning, "an export without the columns of its personal questions (exported without --include-pii)")
    public static let contactColumnsIgnored = DiagnosticCode("W424", .warning, "a links file's contact and link columns, not answers, ignored")
    public static let submittedBeforeRound = DiagnosticCode("W425", .warning, "imported rows whose submitted_at falls before the round's opening day")
    public static let submittedAfterRound = DiagnosticCode("W426", .warning, "imported rows whose submitted_at falls after the round's closing day")
    public static let misencodedText = DiagnosticCode("W429", .warning, "imported text answers that look like UTF-8 read as Windows-1252 and saved again (Ã¤ for ä)")
    public static let repeatedHeaderSkipped = DiagnosticCode("W430", .warning, "rows that repeat the header (files joined with their headers), skipped")

    static let dataCodes: [DiagnosticCode] = responseCodes + storeCodes

    /// E400–E439: answers and data files.
    static let responseCodes: [DiagnosticCode] = [
        notANumber, notAWholeNumber, numberOutOfRange, notABoolean, notADate, notAnEmail, notAChoice,
        choiceNotOffered, duplicateChoice, severalChoices, otherWithoutOther, constraintFailed,
        requiredMissing, answerNotRelevant, wrongValueType, noSuchField, calculatedValueGiven, controlCharacter, notAnOptionMark,
        unknownColumn, duplicateColumn, emptyColumnName, wrongFieldCount, malformedCSV, invalidUTF8,
        unknownLanguage, invalidTimestamp, importWriteFailed, reportWriteFailed, outputWriteFailed,
        fileAlreadyImported, optionColumnsIncomplete, unknownResponseStatus, labelsExport, unknownImportToken, invitationAnswered, submittedInFuture,
        unknownImport, untrackedImport, importAlreadyUndone, importResponsesErased, importResponsesContinued,
        databaseBusy, databaseFull, databaseUnwritable, unknownReminderToken, malformedLinksFile,
        calculatedColumnIgnored, noDataRows, unnamedColumnsIgnored, personalColumnsMissing, contactColumnsIgnored,
        submittedBeforeRound, submittedAfterRound, misencodedText, repeatedHeaderSkipped,
    ]
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
    public static let storedDefinitionUnloadable = DiagnosticCode("E468", .error, "a stored definition no longer loads")
    public static let unknownDefinition = DiagnosticCode("E469", .error, "no stored definition has this hash")
    public static let duplicateContactEmail = DiagnosticCode("W440", .warning, "the same email address on more than one row")
    public static let contactAlreadyInvited = DiagnosticCode("W441", .warning, "an email address that already has an invitation to the round")
    public static let unnamedEmailColumn = DiagnosticCode("W442", .warning, "a column of email addresses that is not named email")
    public static let versionReused = DiagnosticCode("W443", .warning, "a changed definition under a version the database holds with other content")
    public static let databaseReadAsUnchanging = DiagnosticCode("W444", .warning, "a database in a folder that cannot be written, read as an unchanging file")

    static let storeCodes: [DiagnosticCode] = [
        invalidRoundName, unknownRound, roundOfAnotherSurvey, invalidRoundDates, missingRoundDates,
        removedVariableWithAnswers, removedChoiceWithAnswers, changedTypeWithAnswers, anonymityChange,
        unstorableSurvey, anonymousRound, closedRound, roundNotCollecting, unknownVariable, answerTypeMismatch,
        unknownResponse, responseAlreadySubmitted, unknownInvitation, invitationUnusable, definitionNotPinned,
        unusableDatabase, malformedContacts, contactsColumnClash, invalidContactEmail, noContacts,
        invitationRequired, outputExists, outputUnwritable, storedDefinitionUnloadable, unknownDefinition, duplicateContactEmail,
        contactAlreadyInvited, unnamedEmailColumn, versionReused, databaseReadAsUnchanging,
    ]
}
