import CSV
import SurveyDefinition

/// What the codebook and the Table Schema say about one column: its texts in every language,
/// its type, its choices, and the rules of the question behind it.
struct ColumnDescription {
    let column: ExportColumn
    let question: Question?
    /// The column's text per survey language (question label, with the row or option it is about).
    let labels: [(language: String, text: String)]
    /// The choices of a choice column (`.value` of a choice variable); empty for others.
    let choices: [Choice]
    /// The bands a number column holds in a partner export, instead of the number.
    let bands: ExportBands?
    /// When the question is asked: the page's and the question's `relevant`, joined by `and`, and
    /// for an `other` text, that other was chosen.
    let relevance: String?

    init(_ column: ExportColumn, layout: ExportLayout) {
        self.column = column
        let survey = layout.survey
        let question = layout.question(of: column)
        self.question = question
        labels = survey.languages.map { language in (language, Self.text(of: column, question: question, survey: survey, language: language)) }
        if case .value(let variable) = column.content { bands = layout.bands(of: variable) } else { bands = nil }
        if case .value(let variable) = column.content, variable.type == .choice {
            choices = layout.choices(of: variable)
        } else {
            choices = []
        }
        if let question {
            let page = survey.pages.first { $0.questions.contains { $0.name == question.name } }
            var parts = [page?.relevant?.text, question.relevant?.text].compactMap { $0 }
            if case .value(let variable) = column.content, variable.role == .otherText {
                parts.append(question.type == .selectMultiple
                    ? "selected(${\(question.name)}, '\(Choice.otherValue)')" : "${\(question.name)} = '\(Choice.otherValue)'")
            }
            relevance = parts.isEmpty ? nil : parts.count == 1 ? parts[0] : parts.map { "(\($0))" }.joined(separator: " and ")
        } else {
            relevance = nil
        }
    }

    func label(_ language: String) -> String {
        labels.first { $0.language == language }?.text ?? labels.first?.text ?? column.name
    }

    /// The stored type of the column's values as the codebook names it.
    var typeName: String {
        switch column.content {
        case .responseID: "integer"
        case .pseudonym: "text"
        case .language, .source, .definitionVersion, .status: "code"
        case .apiClient: "text"
        case .submittedAt: "datetime"
        case .value(let variable): bands != nil ? "band" : variable.type == .choice ? "choice" : variable.type.rawValue
        case .option: "0/1"
        }
    }

    /// ``typeName`` in the words of a codebook for people: Swedish in `sv` (`heltal`, `val`), else as named.
    func typeLabel(_ language: String) -> String {
        guard language == "sv" else { return typeName }
        let swedish = [
            "integer": "heltal", "decimal": "decimaltal", "code": "kod", "datetime": "tidpunkt", "choice": "val",
            "choices": "flerval", "boolean": "ja/nej", "date": "datum", "band": "klass",
        ]
        return swedish[typeName] ?? typeName
    }

    /// The question type behind the column (`select_multiple`, `matrix`…), if any.
    var questionType: String? { question?.type.rawValue }

    /// Whether the question must be answered when shown.
    var isRequired: Bool { question?.required ?? false }

    /// Whether an answer is always there in a complete response: required, on a page and
    /// question that are always shown, and not an `other` text.
    var isAlwaysAnswered: Bool {
        guard let question, question.required, relevance == nil else { return false }
        switch column.content {
        case .value(let variable): return variable.role != .otherText && variable.role != .calculated
        case .option: return true
        default: return false
        }
    }

    var isPII: Bool { column.variable?.isPII ?? false }

    /// The question's `constraint`, on the columns of its answer: an `other` text is not checked by
    /// it (`count-selected(.) = 1` is about the ticked choices, not the text beside them).
    var constraint: String? {
        guard column.variable?.role == .answer else { return nil }
        return question?.constraint?.text
    }

    /// The question's `choice_filter`, on the columns of its answer (not on its `other` text): which
    /// of the choices a respondent was offered depends on it.
    var choiceFilter: String? {
        if case .value(let variable) = column.content, variable.role == .otherText { return nil }
        return question?.choiceFilter?.text
    }

    /// The choices a `choice_filter` tests: the column's list, or the one choice of an option column.
    var filteredChoices: [Choice] {
        guard choiceFilter != nil else { return [] }
        if case .option(_, let choice) = column.content { return [choice] }
        return choices
    }

    private static func text(of column: ExportColumn, question: Question?, survey: Survey, language: String) -> String {
        let fallbacks = survey.languages
        let sv = language == "sv"
        switch column.content {
        case .responseID: return sv ? "Svarets nummer i databasen" : "The response's number in the database"
        case .pseudonym: return sv ? "Pseudonym för svaret, stabil inom omgången" : "Pseudonym for the response, stable within the round"
        case .language: return sv ? "Språket som enkäten besvarades på" : "The language the survey was answered in"
        case .submittedAt: return sv ? "När svaret skickades in (UTC)" : "When the response was submitted (UTC)"
        case .source:
            return sv ? "Hur svaret samlades in: web (webbformuläret), import (inläst från fil) eller api (från ett partnersystem)"
                : "How the response was collected: web (the web form), import (read from a file) or api (from a partner system)"
        case .apiClient: return sv ? "Partnersystemet som skickade ett api-svar; tomt för andra" : "The partner system that sent an api response; empty for others"
        case .definitionVersion:
            return sv ? "Versionen av enkätens definition som svaret gavs med (definitionen ändrades medan omgången samlade in)"
                : "The version of the survey's definition the response was answered under (the definition was changed while the round collected)"
        case .status: return sv ? "complete (inskickat) eller partial (påbörjat)" : "complete (submitted) or partial (started, not submitted)"
        case .value(let variable):
            let base = question?.label?.resolved(language, fallbacks: fallbacks) ?? variable.question
            switch variable.role {
            case .answer, .calculated:
                return base
            case .matrixRow(let rowName):
                let row = question?.rows.first { $0.name == rowName }?.label.resolved(language, fallbacks: fallbacks) ?? rowName
                return "\(base) – \(row)"
            case .otherText:
                return "\(base) – \(Choice.otherLabel.resolved(language, fallbacks: ["en"])) (\(sv ? "fritext" : "free text"))"
            }
        case .option(let variable, let choice):
            let base = question?.label?.resolved(language, fallbacks: fallbacks) ?? variable.question
            return "\(base) – \(choice.label.resolved(language, fallbacks: fallbacks))"
        }
    }
}
