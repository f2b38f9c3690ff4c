import Exports

/// A file the admin pages offer for one round, made by the Exports module (`samla export`):
/// the options it exports with, which file(s) of the export folder it sends, and as what.
enum AdminDownload: String, CaseIterable, Sendable {
    case responses = "responses.csv"
    case responsesLabels = "responses-labels.csv"
    case responsesLong = "responses-long.csv"
    case codebookMarkdown = "codebook.md"
    case codebookCSV = "codebook.csv"
    case euclidPackage = "euclid.zip"
    case responsesWithPersonalData = "responses-with-personal-data.csv"

    /// Whether labels or texts depend on the language asked for (`?lang=`).
    var isLanguageDependent: Bool {
        switch self {
        case .responsesLabels, .codebookMarkdown, .euclidPackage: true
        case .responses, .responsesLong, .codebookCSV, .responsesWithPersonalData: false
        }
    }

    var includesPersonalData: Bool { self == .responsesWithPersonalData }

    /// Whether a loaded framework's cleaning rules apply: only to the partner package, as with
    /// `samla export --profile euclid --framework`; the other files hold every complete response.
    var isCleaned: Bool { self == .euclidPackage }

    /// Whether it is a CSV file, which comes for Excel in a Swedish locale too (`?excel=sv`).
    var isCSV: Bool { contentType.hasPrefix("text/csv") }

    /// `forExcel`: semicolons and decimal commas, as `samla export --delimiter ";" --decimal-comma`.
    func options(language: String?, forExcel: Bool = false) -> ExportOptions {
        var options = switch self {
        case .responses, .codebookMarkdown, .codebookCSV: ExportOptions(language: language)
        case .responsesLabels: ExportOptions(values: .labels, language: language)
        case .responsesLong: ExportOptions(shape: .long, language: language)
        case .euclidPackage: ExportOptions(language: language, profile: .euclid)
        case .responsesWithPersonalData: ExportOptions(language: language, includePII: true)
        }
        if forExcel {
            options.delimiter = ";"
            options.decimalComma = true
        }
        return options
    }

    /// The export's files this download sends: one, or every file of the package in a zip (with
    /// `results.csv` and `cleaning-log.csv` when a framework cleaned it, and the SPSS syntax's copy
    /// of the data when a text has a line break): `written` names the files the export wrote.
    func files(of plan: ExportPlan, written: [String]) -> [String] {
        switch self {
        case .responses, .responsesLabels, .responsesLong, .responsesWithPersonalData: [plan.dataFile]
        case .codebookMarkdown: ["codebook.md"]
        case .codebookCSV: ["codebook.csv"]
        case .euclidPackage: written
        }
    }

    var contentType: String {
        switch self {
        case .responses, .responsesLabels, .responsesLong, .responsesWithPersonalData, .codebookCSV: "text/csv; charset=utf-8; header=present"
        case .codebookMarkdown: "text/markdown; charset=utf-8"
        case .euclidPackage: "application/zip"
        }
    }

    /// The name the browser saves it under: `ROUND-responses.csv`, `ROUND-codebook-en.md`,
    /// `ROUND-euclid.zip` (whose files sit in a folder `ROUND-euclid/`); `ROUND-responses-excel-sv.csv`
    /// for Excel in a Swedish locale.
    func fileName(round: String, language: String?, forExcel: Bool = false) -> String {
        let base = SafeFileName.make(round)
        let stem = String(rawValue.prefix { $0 != "." })
        let ext = String(rawValue.drop { $0 != "." })
        let suffix = isLanguageDependent && self != .euclidPackage ? language.map { "-" + SafeFileName.make($0) } ?? "" : ""
        return base + "-" + stem + suffix + (forExcel ? "-excel-sv" : "") + ext
    }

    /// The folder the zip's files sit in.
    func folderName(round: String) -> String {
        SafeFileName.make(round) + "-euclid"
    }
}

/// File names that are safe in a `Content-Disposition` header and on every file system.
enum SafeFileName {
    /// Letters, digits, `-`, `_` and `.` kept (ASCII only); anything else becomes `-`; never
    /// empty, never starting with a dot.
    static func make(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": scalars.append(scalar)
            default: scalars.append("-")
            }
        }
        var name = String(scalars.prefix(80))
        while name.hasPrefix(".") { name.removeFirst() }
        return name.isEmpty ? "export" : name
    }
}
