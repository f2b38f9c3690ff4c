import Diagnostics
import Expressions
import Foundation
import Responses
import Store
import SurveyDefinition

/// How answers come in over the web: the web form page by page, and complete responses through
/// the JSON API. Both check answers with the one ``ResponseValidator`` of the response's
/// definition (as the CSV import does) and write through one ``GroupCommitWriter``, so a caller
/// hears of a save only after its commit.
public final class SubmissionService: Sendable {
    public let store: any CollectionStore
    public let writer: GroupCommitWriter
    private let validators: ValidatorCache
    private let openResponses: OpenResponseCache
    private let anonymousStarts = AnonymousStarts()
    private let clock: @Sendable () -> Date

    /// `clock` gives the time that decides whether rounds are collecting and what `today()` is.
    /// Up to `keptResponses` responses being filled in are kept in memory between their pages
    /// (0 reads every posted page's response from the store).
    public init(
        store: any CollectionStore, maximumBatch: Int = 512, keptResponses: Int = 4096, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.writer = GroupCommitWriter(store: store, maximumBatch: maximumBatch)
        self.validators = ValidatorCache(store: store)
        self.openResponses = OpenResponseCache(capacity: keptResponses)
        self.clock = clock
    }

    /// How many responses are kept in memory between their pages now.
    public var keptResponseCount: Int { openResponses.count }

    /// Today in the machine's local time zone (`TZ`), by the service's clock.
    public var today: CalendarDate { CalendarDate.today(now: clock()) }

    /// The validator of a stored definition, compiled once a day.
    public func validator(definition hash: String) throws -> ResponseValidator {
        try validators.validator(definition: hash, today: today)
    }

    /// Commits what is queued and stops the writer.
    public func shutdown() {
        writer.stop()
    }

    // MARK: The web form

    /// The response a personal or anonymous link opens, as the store holds it now; nil for a
    /// token no invitation or response has (or one that is not in the form tokens have).
    public func open(token: String) throws -> WebResponse? {
        guard let tokenHash = InvitationToken(token)?.hash, let kept = try read(tokenHash) else { return nil }
        return try response(kept, tokenHash: tokenHash)
    }

    /// Opens the response of link `token` to take a posted page and runs `body` with it (nil for an
    /// unknown link). The state comes from memory when the link's last post left it there, else
    /// from the store; what ``post(_:to:)`` saves is kept for the link's next post.
    public func openForPost<T>(token: String, _ body: (consuming WebResponse?) async throws -> T) async throws -> T {
        guard let tokenHash = InvitationToken(token)?.hash else { return try await body(nil) }
        let lease = openResponses.lease(tokenHash)
        defer { openResponses.end(lease) }
        var response: WebResponse?
        if lease.wasKept {
            // The kept state stays in the lease (what is left should the post save nothing); the response is made from it in place.
            response = try lease.withLeft { kept in try self.response(kept!, tokenHash: tokenHash) }
            response?.wasKept = true
        } else {
            guard let kept = try read(tokenHash) else { return try await body(nil) }
            response = try self.response(kept, tokenHash: tokenHash)
            lease.left = kept
        }
        response?.lease = lease
        // Handed over, not copied: the post then holds the only reference to its sheet and stored answers.
        return try await body(response.take())
    }

    /// What `tokenHash` opens, read from the store and stamped with the epoch before the read.
    private func read(_ tokenHash: String) throws -> KeptResponse? {
        let epoch = store.commitEpoch
        guard let target = try store.linkTarget(tokenHash: tokenHash) else { return nil }
        var kept = KeptResponse(round: target.round, invitation: target.invitation, record: target.response?.record, stored: [], epoch: epoch)
        let validator = try validator(definition: kept.definitionHash)
        kept.stored = [AnswerValue?](repeating: nil, count: validator.variables.count)
        for (name, value) in target.response?.answers ?? [:] {
            guard let index = validator.index(ofVariable: name) else { continue }
            kept.stored[index] = value
        }
        return kept
    }

    /// The response of `kept` as of today: its answers on a sheet, calculations recomputed.
    private func response(_ kept: borrowing KeptResponse, tokenHash: String) throws -> WebResponse {
        let validator = try validator(definition: kept.definitionHash)
        var sheet = validator.makeSheet()
        for (index, value) in kept.stored.enumerated() {
            guard let value, validator.variables[index].role != .calculated else { continue }
            sheet.setAnswer(value: value, variable: index)
        }
        validator.updateCalculations(in: &sheet)
        return WebResponse(
            round: kept.round, linkTokenHash: tokenHash, phase: kept.round.phase(on: today), validator: validator, invitation: kept.invitation,
            record: kept.record, sheet: sheet, stored: kept.stored, epoch: kept.epoch)
    }

    /// Whether round `name` would begin an anonymous response today (`.open`), else why not.
    /// Nothing is written: this is what the start link shows, which mail scanners and link
    /// previews fetch too; only the start form's post begins a response (``beginAnonymous(round:language:)``).
    public func checkAnonymousStart(round name: String) throws -> AnonymousStartOutcome {
        guard let round = try store.round(named: name) else { return .unknownRound(name) }
        guard round.isAnonymous else { return .invitationOnly(round) }
        let today = self.today
        guard round.isCollecting(on: today) else { return .notCollecting(round, round.phase(on: today)) }
        return .open(round)
    }

    /// Begins a response in an anonymous round if it is collecting now, in `language` when the
    /// survey has it (else its first); the new resume token is the respondent's link. A post of the
    /// start page with the `startNonce` of one already taken (a double click) gets the response it began.
    public func beginAnonymous(round name: String, language: String?, startNonce: String? = nil) async throws -> AnonymousStartOutcome {
        guard let startNonce, !startNonce.isEmpty else { return try await begin(round: name, language: language) }
        return try await anonymousStarts.begin(nonce: name + " " + startNonce, now: clock()) {
            try await self.begin(round: name, language: language)
        }
    }

    private func begin(round name: String, language: String?) async throws -> AnonymousStartOutcome {
        let check = try checkAnonymousStart(round: name)
        guard case .open(let round) = check else { return check }
        let today = self.today
        let languages = try validator(definition: round.definitionHash).survey.languages
        let token = InvitationToken.random()
        let start = AnonymousStart(
            round: name, language: language.flatMap { languages.contains($0) ? $0 : nil } ?? languages[0],
            tokenHash: token.hash, today: today)
        do {
            _ = try await writer.write(.beginAnonymous(start)).result
        } catch StoreError.roundNotCollecting(_, let phase) {
            return .notCollecting(round, phase)
        }
        return .started(token, round)
    }

    /// Takes a posted page: checks it, clears answers that are no longer relevant, and saves what
    /// changed with the page the respondent goes to. A page with problems is not saved on "next";
    /// on "back" and a language switch, its valid answers are saved and the others left as they
    /// were, and a typed answer it refused keeps the respondent on the page, shown with its problem.
    /// The response is taken (`consuming`): its sheet takes the page in place, and its stored
    /// answers become what is kept, without a copy of either when the caller holds no other.
    /// Personal answers the page showed that were erased since are left out of `post`'s fields
    /// (``ShownPersonalAnswers``), so that a page shown again does not show them either.
    public func post(_ post: inout PagePost, to response: consuming WebResponse) async throws -> PagePostOutcome {
        guard response.wasKept, let lease = response.lease else { return try await take(&post, to: &response) }
        // Kept state is trusted for a save only, which the store checks against its epoch; a post
        // that saves nothing (a page with problems, a round no longer collecting) or whose epoch
        // has passed is answered again from what the store holds now.
        do {
            let outcome = try await take(&post, to: &response)
            if lease.committed { return outcome }
        } catch is ChangedElsewhere {}
        guard let kept = try read(response.linkTokenHash) else {
            lease.left = nil
            return .superseded
        }
        var fresh = try self.response(kept, tokenHash: response.linkTokenHash)
        fresh.lease = lease
        lease.left = kept
        return try await take(&post, to: &fresh)
    }

    /// Takes `post` on `response`'s own sheet (left with the page applied) and saves what changed.
    private func take(_ post: inout PagePost, to response: inout WebResponse) async throws -> PagePostOutcome {
        if response.isWithdrawn { return .withdrawn }
        if response.isComplete { return .alreadyComplete }
        guard response.phase == .collecting else { return .notCollecting(response.phase) }
        let validator = response.validator
        response.leaveOutErased(from: &post)
        let pages = validator.survey.pages
        let posted = post.page.flatMap { id in pages.firstIndex { $0.id == id } }
        guard let page = posted.flatMap({ validator.isPageRelevant($0, in: response.sheet) ? $0 : nil }) else {
            // Taking the post as the current page's would clear that page's answers, which it lacks.
            guard response.currentPage == nil else { return .pageNotShown }
            return try await save(&response, changes: [:], currentPage: nil, language: post.language, completes: true)
        }
        let outcome = validator.submit(page: page, fields: post.fields, decimalSeparator: post.decimalSeparator, to: &response.sheet)

        switch post.action {
        case .next:
            guard outcome.isAccepted else { return .rejected(page: page, problems: outcome.problems, sheet: response.sheet, language: post.language) }
            if let next = outcome.nextPage {
                let changed = changes(response)
                return try await save(&response, changes: changed, currentPage: pages[next].id, language: post.language, to: next)
            }
            validator.check(&response.sheet, mode: .submission)
            guard response.sheet.problems.isEmpty else {
                // An earlier page no longer passes (its definition changed meanwhile): send the respondent there.
                let first = firstPage(with: response.sheet.problems, validator) ?? page
                let changed = changes(response)
                let saved = try await save(&response, changes: changed, currentPage: pages[first].id, language: post.language, to: first)
                guard case .moved = saved else { return saved }
                let onPage = Set(validator.questionPositions(onPage: first).flatMap { position in
                    let (answers, other) = validator.variableIndices(ofQuestion: position)
                    return (answers + (other.map { [$0] } ?? [])).map { validator.variables[$0].name }
                })
                return .rejected(page: first, problems: response.sheet.problems.filter { onPage.contains($0.variable) }, sheet: response.sheet, language: post.language)
            }
            let changed = changes(response)
            return try await save(&response, changes: changed, currentPage: nil, language: post.language, completes: true)
        case .back:
            // A typed answer the page refused is not saved: stay, and show it again with its
            // problem rather than drop it unseen on the way back.
            let refused = typedAndRefused(outcome.problems)
            let target = refused.isEmpty ? outcome.previousPage ?? page : page
            let kept = changes(response, except: outcome.problems)
            let saved = try await save(&response, changes: kept, currentPage: pages[target].id, language: post.language, to: target)
            guard case .moved = saved, !refused.isEmpty else { return saved }
            return .rejected(page: page, problems: refused, sheet: response.sheet, language: post.language)
        case .switchLanguage(let language):
            let chosen = validator.survey.languages.contains(language) ? language : post.language
            let kept = changes(response, except: outcome.problems)
            let saved = try await save(&response, changes: kept, currentPage: pages[page].id, language: chosen, to: page)
            // Refused typed answers come back in the new language, as on "back".
            let refused = typedAndRefused(outcome.problems)
            guard case .moved = saved, !refused.isEmpty else { return saved }
            return .rejected(page: page, problems: refused, sheet: response.sheet, language: chosen)
        }
    }

    /// The problems of answers the respondent typed or chose: a required question not yet
    /// answered is no reason to stop "back" or a language switch.
    private func typedAndRefused(_ problems: [AnswerProblem]) -> [AnswerProblem] {
        problems.filter { $0.value != nil }
    }

    /// The variables whose value on the response's sheet differs from the stored one, but for those with problems.
    private func changes(_ response: borrowing WebResponse, except problems: [AnswerProblem] = []) -> [String: AnswerValue?] {
        let validator = response.validator
        let skipped = Set(problems.compactMap { validator.index(ofVariable: $0.variable) })
        var changes: [String: AnswerValue?] = [:]
        for index in validator.variables.indices where response.sheet.values[index] != response.stored[index] && !skipped.contains(index) {
            changes[validator.variables[index].name] = .some(response.sheet.values[index])
        }
        return changes
    }

    private func firstPage(with problems: [AnswerProblem], _ validator: ResponseValidator) -> Int? {
        let names = Set(problems.map(\.variable))
        return validator.survey.pages.indices.first { page in
            validator.questionPositions(onPage: page).contains { position in
                let (answers, other) = validator.variableIndices(ofQuestion: position)
                return (answers + (other.map { [$0] } ?? [])).contains { names.contains(validator.variables[$0].name) }
            }
        }
    }

    private func save(
        _ response: inout WebResponse, changes: [String: AnswerValue?], currentPage: String?, language: String,
        completes: Bool = false, to page: Int? = nil
    ) async throws -> PagePostOutcome {
        let target: PageSave.Target
        if let record = response.record {
            target = .response(record.id)
        } else if let invitation = response.invitation {
            target = .invitation(invitation.id, round: response.round.name)
        } else {
            return .superseded
        }
        let save = PageSave(
            target: target, answers: changes, currentPage: currentPage, language: language, completes: completes, today: today,
            expectedEpoch: response.wasKept ? response.epoch : nil)
        response.lease?.left = nil
        let committed: GroupCommitWriter.CommittedWrite
        do {
            committed = try await writer.write(.savePage(save))
        } catch StoreError.roundNotCollecting(_, let phase) {
            return .notCollecting(phase)
        } catch StoreError.responseAlreadySubmitted {
            return .alreadyComplete
        } catch StoreError.invitationUsed {
            return .superseded
        } catch StoreError.invitationWithdrawn {
            return .withdrawn
        } catch StoreError.unknownResponse {
            // Withdrawn (samla erase) since it was read: the link, opened again, says what became of it.
            return .superseded
        }
        response.lease?.committed = true
        if committed.epoch == response.epoch, case .response(let record) = committed.result {
            response.lease?.left = kept(&response, after: changes, record: record, epoch: committed.epoch)
        }
        if completes { return .completed }
        return .moved(to: page ?? 0)
    }

    /// What the store holds once `changes` of `response` are saved: the stored answers as their
    /// columns give them back. They are moved out of `response`, whose post is over.
    private func kept(_ response: inout WebResponse, after changes: [String: AnswerValue?], record: ResponseRecord, epoch: CommitEpoch) -> KeptResponse {
        let validator = response.validator
        var stored = response.stored
        response.stored = []
        for (name, value) in changes {
            guard let index = validator.index(ofVariable: name) else { continue }
            stored[index] = value.flatMap { $0.stored(as: validator.variables[index].type) }
        }
        var invitation = response.invitation
        invitation?.responseID = record.id
        return KeptResponse(round: response.round, invitation: invitation, record: record, stored: stored, epoch: epoch)
    }

    // MARK: The JSON API

    /// The survey language a language tag (`Content-Language`) names: the language itself or its
    /// primary subtag (`sv-SE` is `sv`), in any case (RFC 5646); nil when the survey has neither.
    static func language(tag: String, in languages: [String]) -> String? {
        let tag = tag.lowercased()
        let primary = tag.split(separator: "-").first.map(String.init) ?? tag
        return languages.first { $0.lowercased() == tag } ?? languages.first { $0.lowercased() == primary }
    }

    /// Checks a complete response as the CSV import does (every question, required-if-relevant,
    /// answers to questions not shown refused) and stores it with its client and idempotency key,
    /// which is the client's own: another client's use of the same key is another submission.
    public func submit(_ submission: APISubmission) async throws -> APISubmissionOutcome {
        guard let round = try store.round(named: submission.round) else {
            let names = try store.roundSummaries().map(\.round.name)
            return .unknownRound(submission.round, suggestion: Suggestions.misspelling(of: submission.round, in: names))
        }
        let validator = try validator(definition: round.definitionHash)
        let languages = validator.survey.languages
        guard let language = submission.language.map({ Self.language(tag: $0, in: languages) }) ?? languages[0] else {
            return .unknownLanguage(submission.language ?? "", languages: languages)
        }
        let requestHash = submission.fingerprint(language: language)
        if let earlier = try store.idempotencyRecord(round: round.name, client: submission.client, key: submission.idempotencyKey) {
            return Self.retried(earlier, submission, requestHash: requestHash)
        }
        let today = self.today
        guard round.isCollecting(on: today) else { return .notCollecting(round, round.phase(on: today)) }

        var sheet = validator.makeSheet()
        sheet.setAnswers(submission.answers)
        validator.check(&sheet, mode: .complete)
        guard sheet.problems.isEmpty else { return .refused(submission.showingValuesAsSent(sheet.problems)) }
        var answers: [String: AnswerValue?] = [:]
        for (index, variable) in validator.variables.enumerated() where sheet.values[index] != nil {
            answers[variable.name] = sheet.values[index]
        }
        let claim = IdempotencyClaim(
            key: submission.idempotencyKey, requestHash: requestHash, status: 201, body: submission.createdBody)
        let write = CompleteSubmission(
            round: round.name, definitionHash: round.definitionHash, language: language, source: .api, apiClient: submission.client,
            answers: answers, idempotency: claim, today: today)
        let result: CollectionWriteResult
        do {
            result = try await writer.write(.submitComplete(write)).result
        } catch StoreError.roundNotCollecting(_, let phase) {
            return .notCollecting(round, phase)
        }
        switch result {
        case .response(let record):
            return .created(record, body: submission.createdBody(record.id))
        case .replayed(let earlier):
            return Self.retried(earlier, submission, requestHash: requestHash)
        }
    }

    /// What a submission under a key used before gets: the key's first outcome for the same request,
    /// a conflict for another, and nothing for a key whose response was withdrawn. The same request
    /// is told by its fingerprint, or for a key an earlier Samla stored, by its bytes.
    private static func retried(_ earlier: IdempotencyRecord, _ submission: APISubmission, requestHash: String) -> APISubmissionOutcome {
        if earlier.isWithdrawn { return .withdrawn(earlier) }
        let same = earlier.requestHash == requestHash || earlier.requestHash == submission.bytesFingerprint
        return same ? .replayed(earlier) : .keyConflict(earlier)
    }
}
