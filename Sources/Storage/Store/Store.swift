import Expressions
import Foundation
import SurveyDefinition

/// Where Samla keeps definitions, rounds, invitations and responses.
///
/// `SQLiteStore` is the embedded implementation; a PostgreSQL store can follow behind the same
/// protocol. Every method is one transaction: when it throws, nothing was written. Refusals are
/// `StoreError`s; failures of the database itself come through as they are, and
/// `StoreError(databaseFailure:path:)` tells those of the file (busy, full, unwritable) apart.
public protocol Store: Sendable {
    // MARK: Definitions

    /// Stores a definition version (once per hash) and returns it as stored.
    @discardableResult
    func saveDefinition(_ document: SurveyDocument) throws -> StoredDefinition
    func definition(hash: String) throws -> StoredDefinition?
    /// A stored definition loaded again from its text, as the round pinned to it was opened.
    func loadDefinition(hash: String) throws -> SurveyDocument
    /// The definition a round is pinned to, loaded.
    func pinnedDefinition(round: String) throws -> SurveyDocument
    /// Every stored version of a survey, oldest first.
    func definitions(survey: String) throws -> [StoredDefinition]
    /// The survey's answer columns, in order of first appearance.
    func variables(survey: String) throws -> [StoredVariable]
    /// The definitions `round`'s responses (its complete ones for `.complete`) were answered
    /// under, oldest first, each with its count.
    func definitionsAnswered(round: String, selection: ResponseSelection) throws -> [DefinitionUse]

    // MARK: Rounds

    /// Opens a new round or re-opens an existing one, taking its definition into the survey's
    /// layout when compatible with the stored answers (`StoreError.incompatibleDefinition` if not).
    @discardableResult
    func openRound(_ request: RoundRequest) throws -> RoundOpening
    /// How `document` fits the survey's stored layout and answers, as `openRound` would check it
    /// opening a new round (`reopening` nil) or re-opening the round of that name; nothing is
    /// written, so a store opened read-only answers it.
    func checkDefinition(_ document: SurveyDocument, reopening round: String?) throws -> DefinitionFit
    func closeRound(named name: String) throws -> Round
    func round(named name: String) throws -> Round?
    /// Every round, with its counts, in order of creation.
    func roundSummaries() throws -> [RoundSummary]
    /// The round of `round`'s survey before it: the latest that opened before it (of two opened on
    /// one day, the one created last); nil when `round` is its survey's first.
    func previousRound(before round: Round) throws -> Round?

    // MARK: Invitations

    /// Adds a batch of invitations to a round that is invitation-only and not closed or ended on `today`.
    func addInvitations(_ invitations: [NewInvitation], round: String, today: CalendarDate) throws -> [Invitation]
    func invitation(tokenHash: String) throws -> Invitation?
    func invitations(round: String) throws -> [Invitation]
    /// The invitations, of any round, whose token hashes are among `tokenHashes`, keyed by hash,
    /// each with its round and the status of its response; a hash no invitation has is left out.
    /// A few queries for any number of hashes, not one per hash.
    func invitationProgress(tokenHashes: [String]) throws -> [String: InvitationProgress]
    /// The responses of `round`'s invitations whose answers satisfy the refusal of the round's
    /// definition (declined in the form); none when it declares no refusal.
    func responsesDeclinedInForm(round: String) throws -> Set<Int64>
    /// Records that an invitation's token began a response.
    func markInvitationUsed(_ invitationID: Int64, response responseID: Int64) throws
    /// Records or clears the final dispositions of invitations of a round, all or none: each an
    /// invitation of the round with no response and not withdrawn (`StoreError.disposition…`
    /// otherwise). Returns how many changed.
    @discardableResult
    func setDispositions(_ changes: [DispositionChange], round: String) throws -> Int

    // MARK: Responses

    /// Begins a response in a round that is collecting on `today`, pinned to the round's definition;
    /// with an invitation, marks it used. A web response to an invitation-only round needs one.
    func createResponse(_ response: NewResponse, today: CalendarDate) throws -> ResponseRecord
    /// Saves some answers of a partial response (a page of the web form): `nil` clears a variable.
    func saveAnswers(_ answers: [String: AnswerValue?], response responseID: Int64, currentPage: String?) throws
    /// Marks a partial response complete.
    func completeResponse(_ responseID: Int64) throws -> ResponseRecord
    func response(_ responseID: Int64) throws -> StoredResponse?
    /// Inserts many responses in one transaction, through `body`, which calls `insert(_:info:)`
    /// once per response: complete ones, and partial ones (not submitted, as a file of responses
    /// collected elsewhere carries them; `ImportedResponseInfo.status`). If `body` throws, nothing is written.
    /// `document` must be the round's pinned definition.
    @discardableResult
    func insertCompleteResponses(
        round: String, document: SurveyDocument, source: ResponseSource,
        _ body: (any CompleteResponseInserter) throws -> Void
    ) throws -> Int
    /// The files imported into a round (``CompleteResponseInserter/recordFile(_:again:)``), oldest
    /// first, those taken back too, each with how many of its responses are left.
    func fileImports(round: String) throws -> [FileImport]
    /// What ``undoImport(_:round:)`` would remove, read without writing; the same refusals.
    func importUndoPlan(_ id: Int64, round: String) throws -> ImportUndo
    /// Takes back import `id` of `round` in one transaction: its responses and everything that
    /// refers to them go, their invitations are left unanswered, and the import stays, marked undone
    /// (`StoreError.importUndo` for an unknown import, one taken back already, or one made before
    /// the store recorded which import added each response).
    @discardableResult
    func undoImport(_ id: Int64, round: String) throws -> ImportUndo
    /// Reads a round's responses over the named variables (pii ones too), one row at a time,
    /// through a cursor that is valid only during the call to `body`. Returns the rows read.
    @discardableResult
    func scanResponses(
        round: String, variables: [String], selection: ResponseSelection, _ body: (ResponseRow) throws -> Void
    ) throws -> Int

    // MARK: Personal data

    /// The round's pseudonym key: 32 random bytes, made on first use and kept in the database,
    /// never exported. Partner exports derive respondent pseudonyms from it.
    func pseudonymKey(round: String) throws -> [UInt8]

    /// What `request` would erase (``Erasure``, not logged), read without writing; throws the
    /// refusals ``erase(_:)`` would (`StoreError.erasure…`).
    func erasurePlan(_ request: ErasureRequest) throws -> Erasure
    /// Erases what `request` names and adds its row to the erasures log, in one transaction; the
    /// erased values are then in neither the database file nor its WAL.
    @discardableResult
    func erase(_ request: ErasureRequest) throws -> Erasure
    /// The erasures log, oldest first: what was erased when, counted, never the values.
    func erasures() throws -> [Erasure]
    /// Everything held about the person `subject` names (GDPR Art. 15 and 20), read without writing:
    /// their invitations, responses with every answer, suppression-list entries and erasures; empty
    /// when nothing is held.
    func subjectAccess(_ subject: AccessSubject) throws -> SubjectAccess

    /// The entries of the suppression list (withdrawn addresses, kept as keyed hashes) that
    /// `addresses` have for the survey of `round`, keyed by the address as given; compared trimmed
    /// and in lower case. A withdrawal (`erase(.withdrawal…)`) of an invitation with an address adds one.
    func suppressions(of addresses: [String], round: String) throws -> [String: Suppression]
    /// What ``liftSuppression(email:)`` would erase, read without writing; the same refusals.
    func suppressionLiftPlan(email: String) throws -> [Erasure]
    /// Takes `email` off the suppression list of every survey and logs each entry lifted as an
    /// erasure of kind `suppression`; `StoreError.erasure(.notSuppressed)` when no list has it.
    func liftSuppression(email: String) throws -> [Erasure]
}

/// The writer `Store.insertCompleteResponses` hands out: binds each response's answers
/// by position, fast enough for a million rows.
public protocol CompleteResponseInserter {
    /// Inserts one response, complete or partial as `info` says. `values` is index-aligned with
    /// the definition's `survey.variables`; `nil` is no answer. Returns the new response's id.
    /// A value of the wrong type throws `StoreError.answerTypeMismatch` before anything of the
    /// response is written, so the caller may skip it and go on; a database error ends the batch.
    @discardableResult
    func insert(_ values: [AnswerValue?], info: ImportedResponseInfo) throws -> Int64
    /// Inserts every response of `batch`, in order, binding its encoded values without a copy:
    /// the fast path of a large import. A value the round's columns do not take throws
    /// `StoreError.answerTypeMismatch` before anything of its response is written (the responses
    /// before it are in); a database error ends the batch.
    func insert(_ batch: ResponseBatch) throws
    /// Records that the responses inserted so far came from `file`, in the same transaction.
    /// Unless `again`, throws `StoreError.fileAlreadyImported` when the round has an import of
    /// the same bytes, which rolls the whole insert back. Returns the import's id, by which
    /// `samla import list` and `samla import undo` name it.
    @discardableResult
    func recordFile(_ file: ImportedFile, again: Bool) throws -> Int64
}
