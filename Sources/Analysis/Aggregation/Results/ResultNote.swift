import Expressions
import Frameworks

/// A remark that travels with a result set: why a round or an indicator asked for has no rows, or
/// where the database contradicts the framework. ``text(_:)`` says it in a results language;
/// ``kind`` names the case for tools.
public enum ResultNote: Sendable, Hashable {
    /// A round asked for that the database has not opened; `undeclared` names the database's rounds
    /// of the same survey that the framework does not declare (one of them may be this round under
    /// another name), and `baselines` the indicators whose baseline the framework gives as a value
    /// of this round (a published round's figures, which need no data).
    case roundWithoutData(round: String, undeclared: [String] = [], baselines: [String] = [])
    /// A round opened in the database without a response the scan reads: none submitted, or
    /// none at all when its cleaning judges completeness (and so reads partial responses too).
    case roundWithoutResponses(round: String, readsPartial: Bool)
    /// An indicator that the definition a round is pinned to cannot compute.
    case indicatorNotComputed(indicator: String, round: String, definition: DefinitionVersion, lacking: DefinitionGap)
    /// A change of `indicator` from round `since` to `round`, whose definitions ask questions it reads
    /// differently (`from` and `to`): answers that may not mean the same are compared.
    case questionChanged(indicator: String, round: String, since: String, from: DefinitionVersion, to: DefinitionVersion, changes: [QuestionChange])
    /// The database opens `round` before `earlier`, which the framework's `rounds` declares first.
    case roundsOutOfOrder(round: String, opens: CalendarDate, earlier: String, earlierOpens: CalendarDate)
    /// The round's estimates are weighted to population counts by `variables` (`poststratify`):
    /// post-stratified by one, raked to several; from `source` (in the results language) when
    /// the framework names one; but for the indicators `except` (`poststratify: false`).
    case roundPostStratified(round: String, variables: [String], source: String?, except: [String] = [])
    /// The round's estimates are calibrated (`calibrate`) by `method` within `bounds` to the
    /// population's size, the counts of the codes of `counts` and the totals of `totals`; from
    /// `source` and but for `except` as for ``roundPostStratified(round:variables:source:except:)``.
    case roundCalibrated(
        round: String, counts: [String], totals: [String], source: String?, except: [String] = [],
        method: CalibrationMethodName = .linear, bounds: CalibrationRatioBounds? = nil)

    /// A stable name of the case: `round-without-data`, `round-without-responses`,
    /// `indicator-not-computed`, `question-changed`, `rounds-out-of-order`, `round-post-stratified`, `round-calibrated`.
    public var kind: String {
        switch self {
        case .roundWithoutData: "round-without-data"
        case .roundWithoutResponses: "round-without-responses"
        case .indicatorNotComputed: "indicator-not-computed"
        case .questionChanged: "question-changed"
        case .roundsOutOfOrder: "rounds-out-of-order"
        case .roundPostStratified: "round-post-stratified"
        case .roundCalibrated: "round-calibrated"
        }
    }

    /// The round the note is about.
    public var round: String {
        switch self {
        case .roundWithoutData(let round, _, _), .roundWithoutResponses(let round, _), .indicatorNotComputed(_, let round, _, _),
             .questionChanged(_, let round, _, _, _, _),
             .roundsOutOfOrder(let round, _, _, _), .roundPostStratified(let round, _, _, _), .roundCalibrated(let round, _, _, _, _, _, _):
            round
        }
    }

    /// The indicator the note is about, if it is about one.
    public var indicator: String? {
        switch self {
        case .indicatorNotComputed(let indicator, _, _, _), .questionChanged(let indicator, _, _, _, _, _): indicator
        default: nil
        }
    }

    /// The note in a results language: Swedish for `sv`, else English.
    public func text(_ language: String) -> String {
        let sv = language == "sv"
        switch self {
        case .roundWithoutData(let round, let undeclared, let baselines):
            let indicators = baselines.joined(separator: ", "), single = baselines.count == 1
            let none = baselines.isEmpty
                ? (sv ? "omgång \(round) har inga data i databasen ännu" : "round \(round) has no data in the database yet")
                : sv ? "omgång \(round) har inga data i databasen; ramverket anger \(single ? "utgångsvärdet" : "utgångsvärdena") i den för \(indicators) som tal"
                : "round \(round) has no data in the database; the framework gives \(single ? "the baseline" : "the baselines") in it of \(indicators) as \(single ? "a value" : "values")"
            guard !undeclared.isEmpty else { return none }
            let names = undeclared.joined(separator: ", ")
            let one = undeclared.count == 1
            return sv
                ? none + "; databasen har \(one ? "omgången" : "omgångarna") \(names) av samma enkät, som ramverket inte anger: "
                    + "om \(one ? "det" : "en av dem") är samma omgång, ange dess namn under `rounds` i stället"
                : none + "; the database has \(one ? "round" : "rounds") \(names) of the same survey, which the framework does not declare: "
                    + "if \(one ? "it is" : "one of them is") this round, declare \(one ? "its" : "that") name under `rounds` instead"
        case .roundWithoutResponses(let round, let readsPartial):
            return sv
                ? "omgång \(round) har inga \(readsPartial ? "svar" : "inskickade svar") i databasen ännu"
                : "round \(round) has no \(readsPartial ? "responses" : "submitted responses") in the database yet"
        case .indicatorNotComputed(let indicator, let round, let definition, let lacking):
            return sv
                ? "\(indicator) beräknas inte för omgång \(round): dess definition (\(definition.survey) version \(definition.version)) saknar \(lacking.text(language))"
                : "\(indicator) is not computed for round \(round): its definition (\(definition.survey) version \(definition.version)) has no \(lacking.text(language))"
        case .questionChanged(let indicator, let round, let since, let from, let to, let changes):
            let versions = "\(to.survey) version \(from.version) → \(to.version)"
            let what = changes.map { $0.text(language) }.joined(separator: "; ")
            return sv
                ? "\(indicator): förändringen från \(since) till \(round) jämför svar på frågor som ställdes olika (\(versions)): \(what); "
                    + "läs den som en förändring bara om svaren betyder samma sak i båda omgångarna"
                : "\(indicator): the change from \(since) to \(round) compares answers to questions asked differently (\(versions)): \(what); "
                    + "read it as a change only if the answers mean the same in both rounds"
        case .roundsOutOfOrder(let round, let opens, let earlier, let earlierOpens):
            return sv
                ? "omgång \(round) öppnar \(opens), före \(earlier) (\(earlierOpens)), som `rounds` anger som tidigare; förändringar följer den angivna ordningen, så om datumen stämmer, lista omgångarna i tidsordning"
                : "round \(round) opens on \(opens), before \(earlier) (\(earlierOpens)), which `rounds` declares earlier; changes follow the declared order, so if the dates are right, list the rounds in time order"
        case .roundPostStratified(let round, let variables, let source, let except):
            let from = source.map { " (\($0))" } ?? ""
            let by = Self.list(variables, and: sv ? "och" : "and") + (variables.count > 1 ? " (raking)" : "")
            let but = except.isEmpty ? "" : sv
                ? "; inte viktade: \(Self.list(except, and: "och")) (`poststratify: false`)"
                : "; not weighted: \(Self.list(except, and: "and")) (`poststratify: false`)"
            return sv
                ? "skattningarna för omgång \(round) är viktade till kända antal i populationen efter \(by)\(from): antal och summor är skattningar för hela populationen\(but)"
                : "the estimates of round \(round) are weighted to known population counts by \(by)\(from): counts and totals are estimates for the whole population\(but)"
        case .roundCalibrated(let round, let counts, let totals, let source, let except, let method, let bounds):
            let from = source.map { " (\($0))" } ?? ""
            let and = sv ? "och" : "and"
            let targets = [sv ? "dess storlek" : "its size"]
                + (counts.isEmpty ? [] : [(sv ? "antal efter " : "counts by ") + Self.list(counts, and: and)])
                + (totals.isEmpty ? [] : [(sv ? "summan av " : "the total of ") + Self.list(totals, and: and)])
            let but = except.isEmpty ? "" : sv
                ? "; inte viktade: \(Self.list(except, and: "och")) (`poststratify: false`)"
                : "; not weighted: \(Self.list(except, and: "and")) (`poststratify: false`)"
            return sv
                ? "skattningarna för omgång \(round) är kalibrerade till kända uppgifter om populationen, \(Self.list(targets, and: "och")) (\(Self.calibration(method, bounds, sv: true)))\(from): antal och summor är skattningar för hela populationen\(but)"
                : "the estimates of round \(round) are calibrated to known population figures, \(Self.list(targets, and: "and")) (\(Self.calibration(method, bounds, sv: false)))\(from): counts and totals are estimates for the whole population\(but)"
        }
    }
}

extension ResultNote {
    /// The calibration method as a note names it: "linear calibration", "calibration by raking",
    /// "logit calibration within 0.5–2 times the base weights".
    public static func calibration(_ method: CalibrationMethodName, _ bounds: CalibrationRatioBounds?, sv: Bool) -> String {
        let name = switch method {
        case .linear: sv ? "linjär kalibrering" : "linear calibration"
        case .raking: sv ? "kalibrering med raking" : "calibration by raking"
        case .logit: sv ? "logitkalibrering" : "logit calibration"
        }
        guard let bounds else { return name }
        let written = bounds.written(swedish: sv)
        let numbers = NumberStyle(language: sv ? "sv" : "en")
        let range = numbers.range(written.lower, written.upper)
        return "\(name) " + (sv ? "inom " + numbers.quantity(range, "gånger") + " grundvikterna" : "within \(range) times the base weights")
    }

    /// `a`, `a and b`, `a, b and c`.
    public static func list(_ items: [String], and word: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(word) " + items.last!
    }
}

/// One stored version of a survey definition.
public struct DefinitionVersion: Sendable, Hashable {
    public let survey: String
    public let version: String

    public init(survey: String, version: String) {
        self.survey = survey
        self.version = version
    }
}

/// What a round's definition lacks that an indicator reads: a question or choice added in a later
/// version, or dropped from one.
public enum DefinitionGap: Sendable, Hashable {
    /// Variables it has no question for.
    case variables([String])
    /// A code the indicator compares with that the choice list does not have.
    case code(UnknownCode)
    /// A code the list holds under another code, `held`, with the same label: `renamedIn`, a
    /// version of the survey that has the code, renamed it or was renamed from (``CodeRename``).
    case renamedCode(UnknownCode, held: String, renamedIn: DefinitionVersion)

    /// The gap after "has no" (English) or "saknar" (Swedish): `visits`, `code 'east' in list regions, whose codes are north, south`.
    func text(_ language: String) -> String {
        let sv = language == "sv"
        switch self {
        case .variables(let names):
            return names.joined(separator: ", ")
        case .code(let unknown):
            let codes = unknown.codes.joined(separator: ", ")
            // A long list (the 21 counties) is left for the definition to show.
            let shown = unknown.codes.count <= 12 ? (sv ? ", vars koder är \(codes)" : ", whose codes are \(codes)") : ""
            return sv
                ? "koden '\(unknown.code)' i listan \(unknown.list)\(shown)"
                : "code '\(unknown.code)' in list \(unknown.list)\(shown)"
        case .renamedCode(let unknown, let held, let other):
            return sv
                ? "koden '\(unknown.code)' i listan \(unknown.list): den har svarsalternativet med samma text som '\(held)' "
                    + "(\(other.survey) version \(other.version) har koden '\(unknown.code)'), och en indikator jämför med en kod, "
                    + "så den beräknas bara för omgångarna med den koden; behåll ett svarsalternativs kod från år till år och ändra texten i stället "
                    + "(docs/rounds.md, \"The next year's round\")"
                : "code '\(unknown.code)' in list \(unknown.list): it has the choice, with the same label, as '\(held)' "
                    + "(\(other.survey) version \(other.version) has the code '\(unknown.code)'), and an indicator compares with one code, "
                    + "so it is computed only for the rounds with that code; keep a choice's code from year to year and change its label instead "
                    + "(docs/rounds.md, \"The next year's round\")"
        }
    }
}
