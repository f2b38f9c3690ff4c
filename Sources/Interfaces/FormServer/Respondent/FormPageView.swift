import Expressions
import HTML
import Intake
import Responses
import SurveyDefinition

/// One page of the survey as a form: progress, the error summary, each shown question with its
/// label, hint and error next to it, back and next, and the language switch. Works without
/// JavaScript: skip logic that depends on answers of the same page is decided when it is posted.
/// A question whose condition the browser can evaluate carries it in `data-relevant`, and the page
/// loads ``FormScript``, which shows the question only while the condition holds; a page with
/// problems loads it too, to focus the error summary. Each free-text field takes at most its share
/// of the body limit (``TextFieldLimit``), so that a post of the page is never refused for its size.
struct FormPageView {
    var validator: ResponseValidator
    /// The answers the page is drawn from (stored, or as posted when the page is shown again).
    var sheet: AnswerSheet
    var page: Int
    /// What each field shows, by variable name.
    var values: [String: FormField]
    var problems: [AnswerProblem]
    var language: String
    /// Where the form posts: the address of its page (`/t/TOKEN/N`).
    var action: String
    var csrfToken: String
    /// The digests of the stored personal answers the page shows (``ShownPersonalAnswers``).
    var shownPersonal: Set<String> = []
    /// Whether the first page shows the survey's description: true for a personal link, which has
    /// no start page (an anonymous round's start page shows it instead).
    var describesSurvey: Bool
    /// An anonymous round's start link (`/s/ROUND`), offered to pass on instead of the page's own
    /// address, which opens this response; nil for a personal link.
    var startPath: String? = nil
    /// The server's body limit, which the page's free-text fields share (``TextFieldLimit``).
    var maximumBodyBytes: Int
    /// Whether the page is shown again because "back" met an answer it could not save.
    var stayedForBack = false
    /// Whether the page is shown again, as posted, because the database could not take its save.
    var notSaved = false

    /// Single-choice lists longer than this become a drop-down list.
    static let radioLimit = 12

    private var survey: Survey { validator.survey }
    private var words: UIText { UIText(language) }

    private func text(_ localized: LocalizedText?) -> String {
        localized?.resolved(language, fallbacks: survey.languages) ?? ""
    }

    /// The `maxlength` of each free-text field: ``render()`` sets it for the fields the page shows.
    var textLimit = ""

    func render() -> String {
        let visibility = validator.visibility(onPage: page, in: sheet)
        let textFields = visibility.filter { $0.visibility != .hidden }.reduce(0) { count, shown in
            count + shown.question.variables.filter { $0.type == .text }.count
        }
        var view = self
        view.textLimit = String(TextFieldLimit.perField(bodyLimit: maximumBodyBytes, fields: textFields))
        return view.render(visibility)
    }

    private func render(_ visibility: [(question: Question, visibility: QuestionVisibility)]) -> String {
        var live: [String: String] = [:]
        for (question, shown) in visibility where shown == .decidedOnPost {
            live[question.name] = validator.liveCondition(forQuestion: question.name, in: sheet)
        }
        let pageTitle = text(survey.pages[page].title).isEmpty ? text(survey.title) : text(survey.pages[page].title)
        let shell = PageShell(
            language: language,
            title: (problems.isEmpty && !notSaved ? "" : words.errorPrefix + " ") + pageTitle + " – " + text(survey.title),
            heading: text(survey.title),
            script: live.isEmpty && problems.isEmpty ? nil : FormScript.path)
        let problemsByVariable = Dictionary(grouping: problems, by: \.variable)
        let progress = PageProgress(validator: validator, sheet: sheet, page: page)
        let (position, count) = (progress.position, progress.count)
        let isLast = !progress.hasLaterPage
        let hasPrevious = validator.previousRelevantPage(before: page, in: sheet) != nil

        return shell.render { html in
            html.element("div", .init("class", "progress")) { html in
                html.element("label", .init("for", "progress"), text: words.page(position, of: count))
                html.element("progress", .init("id", "progress"), .init("max", String(count)), .init("value", String(position)),
                             text: "\(position)/\(count)")
            }
            if notSaved { notSavedNotice(&html) }
            if !problems.isEmpty { errorSummary(&html) }
            html.element("form", .init("method", "post"), .init("action", action), .init("class", "page-form"), .flag("novalidate", true),
                         .init("data-decimal-separator", words.decimalSeparator)) { html in
                html.void("input", .init("type", "hidden"), .init("name", FormFieldName.csrf), .init("value", csrfToken))
                html.void("input", .init("type", "hidden"), .init("name", FormFieldName.page), .init("value", survey.pages[page].id))
                html.void("input", .init("type", "hidden"), .init("name", FormFieldName.language), .init("value", language))
                if !shownPersonal.isEmpty {
                    html.void("input", .init("type", "hidden"), .init("name", FormFieldName.shown), .init("value", ShownPersonalAnswers.fieldValue(shownPersonal)))
                }
                html.element("h1", text: pageTitle)
                if position == 1 && describesSurvey {
                    SurveyDescription.render(survey, language: language, into: &html)
                }
                for (question, visibility) in visibility {
                    render(question, visibility: visibility, liveCondition: live[question.name], problems: problemsByVariable, into: &html)
                }
                html.element("div", .init("class", "actions")) { html in
                    html.element("button", .init("type", "submit"), .init("name", FormFieldName.action), .init("value", "next"),
                                 text: isLast ? words.submit : words.next)
                    if hasPrevious {
                        html.element("button", .init("type", "submit"), .init("name", FormFieldName.action), .init("value", "back"),
                                     .init("class", "secondary"), text: words.back)
                    }
                }
                html.element("p", .init("class", "resume-note"), text: words.resumeNote)
                if let startPath {
                    html.element("p", .init("class", "share-note")) { html in
                        html.text(words.shareNote + " ")
                        html.element("a", .init("href", startPath), text: words.startLinkName)
                        html.text(".")
                    }
                }
                let others = survey.languages.filter { $0 != language }
                if !others.isEmpty {
                    html.element("div", .init("class", "language-switch"), .init("role", "group"), .init("aria-label", words.languageSwitch)) { html in
                        for other in others {
                            html.element("button", .init("type", "submit"), .init("name", FormFieldName.action), .init("value", "lang-" + other),
                                         .init("class", "secondary"), .init("lang", other), text: PageShell.endonym(other))
                        }
                    }
                }
            }
        }
    }

    // MARK: Error summary

    private func notSavedNotice(_ html: inout HTMLBuilder) {
        html.element("div", .init("class", "error-summary"), .init("role", "alert"), .init("aria-labelledby", "not-saved-title")) { html in
            html.element("h2", .init("id", "not-saved-title"), text: words.notSavedTitle)
            html.element("p", text: words.notSavedBody)
        }
    }

    private func errorSummary(_ html: inout HTMLBuilder) {
        // Focused by the form's script as the page loads (tabindex="-1" lets it take focus, not Tab).
        html.element("div", .init("class", "error-summary"), .init("id", "error-summary"), .init("tabindex", "-1"), .init("role", "alert"),
                     .init("aria-labelledby", "error-summary-title")) { html in
            html.element("h2", .init("id", "error-summary-title"), text: words.errorSummaryTitle)
            if stayedForBack { html.element("p", text: words.stayedForBack) }
            html.element("ul") { html in
                for problem in problems {
                    html.element("li") { html in
                        html.element("a", .init("href", "#" + targetID(forProblemOf: problem.variable)),
                                     text: Self.summaryLine(label: summaryLabel(problem.variable), message: problem.respondentMessage(in: language)))
                    }
                }
            }
        }
    }

    /// A line of the error summary: the question, then what is wrong. A question that ends as a
    /// sentence does (`…beslut?`) is followed by the message as a sentence of its own, else by a colon.
    static func summaryLine(label: String, message: String) -> String {
        guard let last = label.last, "?!.".contains(last), let first = message.first else { return label + ": " + message }
        return label + " " + first.uppercased() + message.dropFirst()
    }

    /// The question (and matrix row) a problem is about, as the summary names it.
    private func summaryLabel(_ variable: String) -> String {
        guard let index = validator.index(ofVariable: variable) else { return variable }
        let v = validator.variables[index]
        guard let question = survey.question(named: v.question) else { return variable }
        switch v.role {
        case .matrixRow(let row):
            let rowLabel = question.rows.first { $0.name == row }.map { text($0.label) } ?? row
            return text(question.label) + " – " + rowLabel
        case .otherText:
            return text(question.label) + " – " + words.otherSpecify
        default:
            return text(question.label)
        }
    }

    /// Where the summary's link goes: the question's wrapper, a matrix row's header or the box of an
    /// "other" text, so that the browser scrolls the question's label, hint and error into view (a
    /// link to the control put it at the top of the screen, with all three above it, out of sight)
    /// and the next Tab reaches the control.
    private func targetID(forProblemOf variable: String) -> String {
        guard let index = validator.index(ofVariable: variable) else { return "main" }
        let v = validator.variables[index]
        switch v.role {
        case .matrixRow: return "r-" + variable
        case .otherText: return "o-" + variable
        default: return survey.question(named: v.question).map { "q-" + $0.name } ?? "main"
        }
    }

    // MARK: Questions

    /// How a question is drawn: whether it is marked required, whether it carries the note that it
    /// may not apply, and the condition the form's script shows it by.
    private struct Presentation {
        var required: Bool
        var conditional: Bool
        /// ``LiveCondition`` JSON, for `data-relevant`.
        var liveCondition: String?
        /// Whether the question is required but drawn as conditional: its "(required)" is hidden,
        /// and the script shows it while the question applies.
        var requiredWhenShown: Bool
    }

    private func render(
        _ question: Question, visibility: QuestionVisibility, liveCondition: String?, problems: [String: [AnswerProblem]],
        into html: inout HTMLBuilder
    ) {
        var conditional = false
        switch visibility {
        case .hidden:
            return
        case .shown:
            break
        case .decidedOnPost:
            // Shown when the answers so far make it relevant; otherwise shown with a note that it
            // may not apply (without JavaScript the page cannot hide it as answers change).
            var copy = sheet
            let position = survey.questions.firstIndex { $0.name == question.name } ?? 0
            conditional = !validator.isRelevant(question: position, in: &copy)
            // A note that may not apply is left out, unless the script can show it when it does.
            if conditional && question.type == .note && liveCondition == nil { return }
        }
        let variables = question.variables
        let own = variables.filter { $0.role != .otherText }.map(\.name)
        let questionProblems = variables.flatMap { problems[$0.name] ?? [] }
        let shown = Presentation(
            required: question.required && !conditional, conditional: conditional, liveCondition: liveCondition,
            requiredWhenShown: question.required && conditional && liveCondition != nil)
        switch question.type {
        case .note:
            html.element("div", .init("class", "note"), .init("id", "q-" + question.name), .optional("data-relevant", liveCondition),
                         .flag("hidden", conditional)) { html in
                html.element("p", text: text(question.label))
                if let hint = question.hint { html.element("p", .init("class", "hint"), text: text(hint)) }
            }
        case .calculate:
            return
        case .text, .longText, .integer, .decimal, .email, .date:
            singleInput(question, name: own[0], shown, problems: questionProblems, into: &html)
        case .selectOne where offered(question).count > Self.radioLimit:
            dropDown(question, name: own[0], shown, problems: questionProblems, into: &html)
        case .selectOne, .selectMultiple, .boolean:
            choiceGroup(question, name: own[0], shown, problems: problems, into: &html)
        case .matrix:
            matrix(question, shown, problems: problems, into: &html)
        }
    }

    private func offered(_ question: Question) -> [Choice] {
        validator.formChoices(forQuestion: question.name, in: sheet)
    }

    /// The wrapper of a question: its class and id, and the condition the script shows it by.
    private func wrapper(
        _ question: Question, _ shown: Presentation, hasProblems: Bool, into html: inout HTMLBuilder,
        _ content: (inout HTMLBuilder) -> Void
    ) {
        html.element("div", .init("class", hasProblems ? "question has-error" : "question"), .init("id", "q-" + question.name),
                     .optional("data-relevant", shown.liveCondition), content: content)
    }

    /// The label text with "(required)" after it. On a question drawn with the note that it may not
    /// apply, a required one's "(required)" is hidden until the script shows the question.
    private func labelContent(_ question: Question, _ shown: Presentation, into html: inout HTMLBuilder) {
        html.text(text(question.label))
        if shown.required || shown.requiredWhenShown {
            html.text(" ")
            html.element("span", .init("class", "required"), .flag("hidden", shown.requiredWhenShown),
                         .flag("data-required-when-shown", shown.requiredWhenShown), text: "(\(words.required))")
        }
    }

    /// Hint and error paragraphs; returns the ids a control is described by. The note that the
    /// question may not apply is a paragraph of its own when the script may hide it.
    private func hintAndErrors(
        _ question: Question, name: String, _ shown: Presentation, problems: [AnswerProblem], into html: inout HTMLBuilder
    ) -> [String] {
        var described: [String] = []
        let separateNote = shown.conditional && shown.liveCondition != nil
        let hints = [question.hint.map(text), shown.conditional && !separateNote ? words.conditionalHint : nil,
                     question.type == .date ? words.dateHint : nil].compactMap { $0 }
        if !hints.isEmpty {
            html.element("p", .init("class", "hint"), .init("id", "h-" + name), text: hints.joined(separator: " "))
            described.append("h-" + name)
        }
        if separateNote {
            html.element("p", .init("class", "hint"), .init("id", "n-" + name), .flag("data-conditional-note", true),
                         text: words.conditionalHint)
            described.append("n-" + name)
        }
        if !problems.isEmpty {
            html.element("p", .init("class", "error-message"), .init("id", "e-" + name)) { html in
                html.element("span", .init("class", "visually-hidden"), text: words.errorPrefix + " ")
                html.text(problems.map { $0.respondentMessage(in: language) }.joined(separator: " "))
            }
            described.append("e-" + name)
        }
        return described
    }

    /// `aria-invalid` as the server found the answer: "true" with a problem, else "false". Without it
    /// Chromium announced every required radio, list and date not yet answered as invalid, on a page
    /// the respondent had just opened (the browser's own check of `required`, which `novalidate` leaves on).
    private static func invalid(_ problems: [AnswerProblem]) -> HTMLBuilder.Attribute {
        .init("aria-invalid", problems.isEmpty ? "false" : "true")
    }

    private func textValue(_ name: String) -> String {
        switch values[name] {
        case .text(let text): text
        case .selections(let picked): picked.joined(separator: " ")
        case nil: ""
        }
    }

    private func isChosen(_ code: String, _ name: String) -> Bool {
        switch values[name] {
        case .text(let text): text == code
        case .selections(let picked): picked.contains(code)
        case nil: false
        }
    }

    private func singleInput(
        _ question: Question, name: String, _ shown: Presentation, problems: [AnswerProblem], into html: inout HTMLBuilder
    ) {
        let required = shown.required
        wrapper(question, shown, hasProblems: !problems.isEmpty, into: &html) { html in
            html.element("label", .init("class", "question-label"), .init("for", "f-" + name)) { html in
                labelContent(question, shown, into: &html)
            }
            // The unit first, as it stands after the field: after the message it read "Error: Answer
            // this question. people".
            let described = (question.unit == nil ? [] : ["u-" + name]) + hintAndErrors(question, name: name, shown, problems: problems, into: &html)
            let describedBy = HTMLBuilder.Attribute.optional("aria-describedby", described.isEmpty ? nil : described.joined(separator: " "))
            let invalid = Self.invalid(problems)
            let value = textValue(name)
            switch question.type {
            case .longText:
                html.element("textarea", .init("id", "f-" + name), .init("name", name), .init("rows", "6"), .init("maxlength", textLimit),
                             .flag("required", required), describedBy, invalid, text: value)
            case .integer:
                html.void("input", .init("type", "text"), .init("id", "f-" + name), .init("name", name), .init("value", value),
                          .init("inputmode", "numeric"), .init("class", "narrow"), .init("autocomplete", "off"),
                          .flag("required", required), describedBy, invalid)
            case .decimal:
                html.void("input", .init("type", "text"), .init("id", "f-" + name), .init("name", name), .init("value", value),
                          .init("inputmode", "decimal"), .init("class", "narrow"), .init("autocomplete", "off"),
                          .flag("required", required), describedBy, invalid)
            case .email:
                html.void("input", .init("type", "email"), .init("id", "f-" + name), .init("name", name), .init("value", value),
                          .init("spellcheck", "false"), .init("maxlength", textLimit), .flag("required", required), describedBy, invalid)
            case .date:
                // The constraint's days bound the browser's date picker, `today()` as the day the page
                // is shown (`. <= today()`: no day after it); the server checks them as it does every constraint.
                let bounds = question.constraint.map { ConstraintBounds(constraint: $0.text, today: validator.today) } ?? ConstraintBounds()
                html.void("input", .init("type", "date"), .init("id", "f-" + name), .init("name", name), .init("value", value),
                          .optional("min", bounds.earliest?.description), .optional("max", bounds.latest?.description),
                          .flag("required", required), describedBy, invalid)
            default:
                html.void("input", .init("type", "text"), .init("id", "f-" + name), .init("name", name), .init("value", value),
                          .init("maxlength", textLimit), .flag("required", required), describedBy, invalid)
            }
            if let unit = question.unit {
                html.element("span", .init("class", "unit"), .init("id", "u-" + name), text: words.unit(unit))
            }
        }
    }

    private func dropDown(
        _ question: Question, name: String, _ shown: Presentation, problems: [AnswerProblem], into html: inout HTMLBuilder
    ) {
        let otherProblems = question.allowsOther ? problems.filter { $0.variable == question.otherVariableName } : []
        let ownProblems = problems.filter { $0.variable == name }
        wrapper(question, shown, hasProblems: !problems.isEmpty, into: &html) { html in
            html.element("label", .init("class", "question-label"), .init("for", "f-" + name)) { html in
                labelContent(question, shown, into: &html)
            }
            let described = hintAndErrors(question, name: name, shown, problems: ownProblems, into: &html)
            html.element("select", .init("id", "f-" + name), .init("name", name), .flag("required", shown.required),
                         .optional("aria-describedby", described.isEmpty ? nil : described.joined(separator: " ")),
                         Self.invalid(ownProblems)) { html in
                html.element("option", .init("value", ""), text: words.choose)
                for choice in offered(question) {
                    html.element("option", .init("value", choice.value), .flag("selected", isChosen(choice.value, name)), text: text(choice.label))
                }
            }
            if question.allowsOther { otherInput(question, problems: otherProblems, into: &html) }
        }
    }

    private func choiceGroup(
        _ question: Question, name: String, _ shown: Presentation, problems all: [String: [AnswerProblem]],
        into html: inout HTMLBuilder
    ) {
        let required = shown.required
        let problems = all[name] ?? []
        let otherProblems = question.allowsOther ? all[question.otherVariableName] ?? [] : []
        let multiple = question.type == .selectMultiple
        let choices: [(value: String, label: String)] = question.type == .boolean
            ? [("1", words.yes), ("0", words.no)]
            : offered(question).map { ($0.value, text($0.label)) }
        wrapper(question, shown, hasProblems: !(problems + otherProblems).isEmpty, into: &html) { html in
            html.element("fieldset") { html in
                html.element("legend", .init("class", "question-label")) { html in
                    labelContent(question, shown, into: &html)
                }
                let described = hintAndErrors(question, name: name, shown, problems: problems, into: &html)
                let describedBy = described.isEmpty ? nil : described.joined(separator: " ")
                html.element("div", .init("class", "choices")) { html in
                    for (i, choice) in choices.enumerated() {
                        let id = "f-\(name)-\(i)"
                        html.element("div", .init("class", "choice")) { html in
                            html.void("input", .init("type", multiple ? "checkbox" : "radio"), .init("id", id), .init("name", name),
                                      .init("value", choice.value), .flag("checked", isChosen(choice.value, name)),
                                      .flag("required", required && !multiple),
                                      .optional("aria-describedby", describedBy),
                                      Self.invalid(problems))
                            html.element("label", .init("for", id), text: choice.label)
                        }
                    }
                }
                if question.allowsOther { otherInput(question, problems: otherProblems, into: &html) }
            }
        }
    }

    private func otherInput(_ question: Question, problems: [AnswerProblem], into html: inout HTMLBuilder) {
        let name = question.otherVariableName
        html.element("div", .init("class", "other"), .init("id", "o-" + name)) { html in
            html.element("label", .init("for", "f-" + name), text: words.otherSpecify)
            if !problems.isEmpty {
                html.element("p", .init("class", "error-message"), .init("id", "e-" + name)) { html in
                    html.element("span", .init("class", "visually-hidden"), text: words.errorPrefix + " ")
                    html.text(problems.map { $0.respondentMessage(in: language) }.joined(separator: " "))
                }
            }
            html.void("input", .init("type", "text"), .init("id", "f-" + name), .init("name", name), .init("value", textValue(name)),
                      .init("maxlength", textLimit), .optional("aria-describedby", problems.isEmpty ? nil : "e-" + name),
                      Self.invalid(problems))
        }
    }

    private func matrix(
        _ question: Question, _ shown: Presentation, problems all: [String: [AnswerProblem]], into html: inout HTMLBuilder
    ) {
        let required = shown.required
        let choices = offered(question)
        let rowProblems = question.rows.flatMap { all[question.variableName(forRow: $0.name)] ?? [] }
        wrapper(question, shown, hasProblems: !rowProblems.isEmpty, into: &html) { html in
            html.element("fieldset") { html in
                html.element("legend", .init("class", "question-label")) { html in
                    labelContent(question, shown, into: &html)
                }
                let described = hintAndErrors(question, name: question.name, shown, problems: [], into: &html)
                html.element("table", .init("class", "matrix")) { html in
                    html.element("thead") { html in
                        html.element("tr") { html in
                            html.element("td")
                            for choice in choices {
                                html.element("th", .init("scope", "col"), text: text(choice.label))
                            }
                        }
                    }
                    html.element("tbody") { html in
                        for row in question.rows {
                            let name = question.variableName(forRow: row.name)
                            let problems = all[name] ?? []
                            let rowLabel = text(row.label)
                            var describedBy = described
                            html.element("tr", .optional("class", problems.isEmpty ? nil : "has-error")) { html in
                                html.element("th", .init("scope", "row"), .init("id", "r-" + name)) { html in
                                    html.text(rowLabel)
                                    if !problems.isEmpty {
                                        html.element("span", .init("class", "error-message"), .init("id", "e-" + name)) { html in
                                            html.trusted("<br>")
                                            html.element("span", .init("class", "visually-hidden"), text: words.errorPrefix + " ")
                                            html.text(problems.map { $0.respondentMessage(in: language) }.joined(separator: " "))
                                        }
                                        describedBy.append("e-" + name)
                                    }
                                }
                                for (i, choice) in choices.enumerated() {
                                    let id = "f-\(name)-\(i)"
                                    html.element("td") { html in
                                        html.void("input", .init("type", "radio"), .init("id", id), .init("name", name), .init("value", choice.value),
                                                  .flag("checked", isChosen(choice.value, name)), .flag("required", required),
                                                  .optional("aria-describedby", describedBy.isEmpty ? nil : describedBy.joined(separator: " ")),
                                                  Self.invalid(problems))
                                        html.element("label", .init("for", id)) { html in
                                            html.element("span", .init("class", "visually-hidden"), text: rowLabel + ": ")
                                            html.element("span", .init("class", "matrix-column"), text: text(choice.label))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The names of the form's own fields. Survey variables are identifiers, which cannot hold a dot.
enum FormFieldName {
    static let csrf = "samla.csrf"
    static let page = "samla.page"
    static let language = "samla.lang"
    static let action = "samla.action"
    static let start = "samla.start"
    static let shown = "samla.shown"

    static func isOwn(_ name: String) -> Bool { name.hasPrefix("samla.") }
}
