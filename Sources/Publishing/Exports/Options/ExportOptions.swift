import Aggregation

/// How responses are laid out in the data file.
public enum TableShape: String, Hashable, Sendable, CaseIterable {
    /// One row per response, one column per variable; matrix rows are variables already, and each
    /// option of a multiple choice gets a 0/1 column `question_option`.
    case wide
    /// One row per non-empty cell of the wide table: response, column name, value.
    case long
}

/// What the cells of choice and yes/no variables hold.
public enum ValueStyle: String, Hashable, Sendable, CaseIterable {
    /// The stored codes; yes/no as 1/0.
    case codes
    /// Choice labels and Ja/Nej or Yes/No in the export language; multiple-choice columns stay 0/1.
    case labels
}

/// A partner's rules for what leaves the organisation.
public enum ExportProfile: String, Hashable, Sendable, CaseIterable {
    /// The Euclid Network (ESEM) codebook: columns named by `export_as`, questions without one left
    /// out, personal data never included, free-text answers left out unless asked for, respondents
    /// as pseudonyms stable within the round.
    case euclid

    /// The language a partner package is written in when `--lang` does not say, if the survey is
    /// written in it: English, which the Euclid Network and its partners across Europe share.
    public var language: String { "en" }
}

/// Which responses an export holds.
public enum ExportSelection: String, Hashable, Sendable, CaseIterable {
    /// Submitted responses only.
    case complete
    /// Partial responses too, with a `status` column.
    case all
}

/// Everything that decides the files of one export.
public struct ExportOptions: Sendable {
    public var shape: TableShape
    public var values: ValueStyle
    /// The language of labels and of the codebook; when nil, the profile's language if the survey
    /// is written in it, else the survey's first (``language(offered:)``).
    public var language: String?
    /// Include variables marked `pii`. Ignored by a partner profile, which never includes them.
    public var includePII: Bool
    public var selection: ExportSelection
    public var profile: ExportProfile?
    /// Keep free-text answers (`text`, `long_text` and `email` questions, `other` texts, and text
    /// calculations that copy one) in a partner export, which leaves them out by default: a
    /// respondent may write a name in any of them. Only for a partner who has agreed to receive
    /// them, after they were read for names.
    public var includeFreeText: Bool
    /// Replace files of an earlier export in the output folder instead of refusing.
    public var overwrite: Bool
    /// The field separator of the CSV files, `,` or `;` (Excel in a Swedish locale splits a
    /// double-clicked file at `;`). Ignored by a partner profile, whose package is comma-separated.
    public var delimiter: Unicode.Scalar
    /// Write decimals with a decimal comma (`3,5`), which Excel in a Swedish locale reads as a number
    /// where it reads `3.5` as text or a date. Ignored by a partner profile.
    public var decimalComma: Bool
    /// Responses left out after cleaning, and what the cleaning did: the file `cleaning-log.csv`
    /// and the provenance file say so.
    public var cleaning: CleaningSummary?
    /// Indicator results to ship as `results.csv` (the rows of the exported round).
    public var results: ResultSet?
    /// How the framework of `results` weights the round: the provenance file says so.
    public var weighting: ExportWeighting?
    /// How the framework of `results` computes each indicator: the provenance file says so.
    public var indicators: ExportIndicators?
    /// A partner export blanks quasi-identifier values until every row shares its combination of
    /// them with at least `kAnonymity - 1` other rows (local suppression; 1 changes nothing).
    /// Ignored without a profile.
    public var kAnonymity: Int
    /// Quasi-identifier columns (as the partner names them) that local suppression blanks last,
    /// the most important first: what the agreement with the partner most needs kept (sdcMicro's
    /// `importance`). The others are blanked first, those with the most distinct values first.
    public var suppressLast: [String]

    public init(
        shape: TableShape = .wide, values: ValueStyle = .codes, language: String? = nil, includePII: Bool = false,
        selection: ExportSelection = .complete, profile: ExportProfile? = nil, includeFreeText: Bool = false, overwrite: Bool = false,
        delimiter: Unicode.Scalar = ",", decimalComma: Bool = false, cleaning: CleaningSummary? = nil, results: ResultSet? = nil,
        kAnonymity: Int = ExportOptions.defaultKAnonymity, suppressLast: [String] = []
    ) {
        self.shape = shape
        self.values = values
        self.language = language
        self.includePII = includePII
        self.selection = selection
        self.profile = profile
        self.includeFreeText = includeFreeText
        self.overwrite = overwrite
        self.delimiter = delimiter
        self.decimalComma = decimalComma
        self.cleaning = cleaning
        self.results = results
        self.kAnonymity = kAnonymity
        self.suppressLast = suppressLast
    }

    /// The k of a partner export unless another is asked for: sdcMicro's and most statistical
    /// offices' usual minimum.
    public static let defaultKAnonymity = 3

    /// Whether personal data goes into the files: only when asked for, and never for a partner.
    public var exportsPII: Bool { includePII && profile == nil }

    /// Whether free-text answers go into the files: always for MSI's own export; for a partner only
    /// when asked for.
    public var exportsFreeText: Bool { profile == nil || includeFreeText }

    /// The field separator the CSV files are written with: a partner's package always uses `,`,
    /// which every partner's tools read.
    public var writtenDelimiter: Unicode.Scalar { profile == nil ? delimiter : "," }

    /// Whether decimals are written with a comma: only when asked for, and never for a partner.
    public var writesDecimalComma: Bool { decimalComma && profile == nil }

    /// Whether the export writes SPSS syntax (`responses.sps`): for the wide file with codes, whose
    /// value labels are the codebook's. A long file has no column per variable, and a file of labels
    /// has no codes to label.
    public var writesSPSSSyntax: Bool { shape == .wide && values == .codes }
}

/// Cleaning applied before an export: the responses it removed and one line per rule.
public struct CleaningSummary: Hashable, Sendable {
    public struct Rule: Hashable, Sendable {
        public var name: String
        public var description: String
        /// The responses it removed, in id order.
        public var responses: [Int64]
        /// The speed rule: responses it could not time (collected by import or the API).
        public var untimed: Int

        public init(name: String, description: String, responses: [Int64], untimed: Int = 0) {
            self.name = name
            self.description = description
            self.responses = responses
            self.untimed = untimed
        }
    }

    /// Where the rules come from (a framework file).
    public var source: String
    public var rules: [Rule]
    /// The ids of the responses the rules removed; the export leaves them out.
    public var removed: Set<Int64>
    /// Responses the rules judged (partial ones too when completeness is a rule), if known.
    public var read: Int?

    public init(source: String, rules: [Rule], removed: Set<Int64>, read: Int? = nil) {
        self.source = source
        self.rules = rules
        self.removed = removed
        self.read = read
    }
}

extension ExportOptions {
    /// The export's language among those `offered`: the one asked for, else a partner profile's
    /// own when offered, else the first offered.
    public func language(offered: [String]) -> String? {
        language ?? profile.map(\.language).flatMap { offered.contains($0) ? $0 : nil } ?? offered.first
    }
}
