import Diagnostics
import Responses
import Store
import SurveyDefinition

/// A web response as its link opens it: the round, the validator of the definition it answers,
/// its answers so far and where the respondent stands.
public struct WebResponse: Sendable {
    public var round: Round
    /// The SHA-256 of the link's token, as stored (the web form's CSRF token is bound to it).
    public var linkTokenHash: String
    /// Where the round stands today: answers are taken only while it is collecting.
    public var phase: RoundPhase
    /// The validator of the response's pinned definition (the round's, for a response not begun).
    public var validator: ResponseValidator
    /// The invitation whose token opened it; nil for an anonymous response.
    public var invitation: Invitation?
    /// The response; nil while an invitation has not begun one.
    public var record: ResponseRecord?
    /// The stored answers, calculations recomputed and relevance known.
    public var sheet: AnswerSheet
    /// The stored value of each variable, index-aligned with `validator.variables`.
    var stored: [AnswerValue?]
    /// The epoch this state holds for: the store's when it was read, or the one its last save was
    /// committed in.
    var epoch: CommitEpoch
    /// Whether the state was kept in memory since an earlier post (a save then names its epoch).
    var wasKept = false
    /// The post's hold on the kept state, for a response opened to take a posted page.
    var lease: PostLease?

    public var survey: Survey { validator.survey }
    public var isComplete: Bool { record?.status == .complete }
    /// Whether the link is an invitation whose respondent withdrew: it shows no form and takes no answers.
    public var isWithdrawn: Bool { invitation?.isWithdrawn == true }

    /// The page to show: the stored current page while it is relevant, else the next relevant one
    /// (the first, for a new response). Nil when no page is relevant.
    public var currentPage: Int? {
        let pages = survey.pages
        guard let id = record?.currentPage, let index = pages.firstIndex(where: { $0.id == id }) else {
            return validator.nextRelevantPage(after: nil, in: sheet)
        }
        if validator.isPageRelevant(index, in: sheet) { return index }
        return validator.nextRelevantPage(after: index, in: sheet) ?? validator.previousRelevantPage(before: index, in: sheet)
    }

    /// Whether the respondent may open `page` again: it is shown now (relevant) and not past the
    /// page they stand on, which "next" took them to from each page shown before it. A later page
    /// is not, whatever the answers: opening it would pass over the checks of the pages between.
    public func hasReached(page: Int) -> Bool {
        guard let current = currentPage else { return false }
        return page <= current && validator.isPageRelevant(page, in: sheet)
    }

    /// The relevant pages given the answers so far, in order: for "page 3 of 12".
    public var relevantPages: [Int] {
        survey.pages.indices.filter { validator.isPageRelevant($0, in: sheet) }
    }
}

/// What the respondent asked for with a posted page.
public enum PageAction: Hashable, Sendable {
    /// Check the page and go on (or submit, on the last page).
    case next
    /// Go to the previous page, keeping what is valid of this one.
    case back
    /// Show the form in another language, keeping what is valid of this page.
    case switchLanguage(String)
}

/// One posted page of the web form.
public struct PagePost: Sendable {
    /// The id of the page the form showed.
    public var page: String?
    /// The posted answers by variable name; a variable of the page without a field is unanswered.
    public var fields: [String: FormField]
    public var action: PageAction
    /// The language the page was shown in.
    public var language: String
    /// How that language writes decimals on the form (`,` in Swedish), for numbers typed as
    /// `1,000` that may mean a thousand; nil reads them as the import does.
    public var decimalSeparator: Character?
    /// The digests of the stored personal answers the page showed (``ShownPersonalAnswers``).
    public var shownPersonal: Set<String>

    public init(
        page: String?, fields: [String: FormField], action: PageAction, language: String, decimalSeparator: Character? = nil,
        shownPersonal: Set<String> = []
    ) {
        self.page = page
        self.fields = fields
        self.action = action
        self.language = language
        self.decimalSeparator = decimalSeparator
        self.shownPersonal = shownPersonal
    }
}

/// What became of a posted page.
public enum PagePostOutcome: Sendable {
    /// Saved; the respondent goes on to this page.
    case moved(to: Int)
    /// Saved and submitted: the response is complete.
    case completed
    /// The page has problems: show `page` again with them, in `language`. On "next" nothing was
    /// saved, unless the last page sent the respondent back to an earlier page that has problems;
    /// on "back" and a language switch what was valid was saved, and `problems` are the typed
    /// answers it could not keep (the respondent stays on the page).
    case rejected(page: Int, problems: [AnswerProblem], sheet: AnswerSheet, language: String)
    /// The round does not take answers today.
    case notCollecting(RoundPhase)
    /// The response was submitted already.
    case alreadyComplete
    /// Another request changed the response meanwhile (a second tab began it): open it again.
    case superseded
    /// The invitation's respondent withdrew (`samla erase --withdraw`): nothing was saved, and the link begins no response.
    case withdrawn
    /// The posted page is not one the form shows now: another tab went on past it or changed an
    /// answer its condition reads. Nothing was saved; show the page the respondent stands on.
    case pageNotShown
}

/// Why a submission could not be handled at all (as opposed to a refused answer).
public enum SubmissionError: Error, Sendable {
    /// A stored definition no longer loads: it was stored by a version of Samla with other rules.
    case unloadableDefinition(hash: String, diagnostics: [Diagnostic])
}
