import SurveyDefinition

/// How the question behind a column differs from the previous round's definition: not asked then,
/// or asked differently. Every column of a changed question is marked, each matrix row and each
/// option of a multiple choice.
enum ColumnChange: Hashable {
    case new
    case changed([QuestionDifference])

    /// The code `codebook.csv`'s `change` column holds: `new` or `changed`.
    var code: String {
        switch self {
        case .new: "new"
        case .changed: "changed"
        }
    }

    /// What changed since round `since`, in the codebook's language; `code` sets an expression apart.
    func text(_ language: String, since: String, code: (String) -> String) -> String {
        switch self {
        case .new: language == "sv" ? "ställdes inte i \(since)" : "not asked in \(since)"
        case .changed(let differences): differences.map { $0.text(language, code: code) }.joined(separator: "; ")
        }
    }
}
