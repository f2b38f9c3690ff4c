import Store
import SurveyDefinition

/// Statistical disclosure control of a partner export: global recoding of numbers into the bands
/// of their `export_bands` (``ExportBands``), then local suppression to k-anonymity over the
/// exported variables of questions marked `quasi_identifier` (``LocalSuppression``), decided from
/// the exported rows before any is written. Values are compared as stored: a choice's partner
/// code stands for one stored code only (E106), so they compare alike.
struct DisclosureControl {
    /// The k asked for.
    let k: Int
    /// The quasi-identifiers among the exported variables: their indices in ``ExportLayout/variables``.
    let variables: [Int]
    /// Rows exported.
    let rows: Int
    /// Per response, the exported variables (indices in ``ExportLayout/variables``) to write empty.
    let blanked: [Int64: Set<Int>]
    let suppression: LocalSuppression
    /// The columns named to be blanked last, the most important first, as asked.
    let suppressedLast: [String]

    /// Reads the quasi-identifiers of the rows the export will write (the same selection, less
    /// the responses cleaning removed) and decides which values to blank.
    init(layout: ExportLayout, round: String, store: any Store) throws {
        let options = layout.options
        k = options.kAnonymity
        let keyIndices = layout.variables.indices.filter { layout.variables[$0].isQuasiIdentifier }
        variables = keyIndices
        let keys = keyIndices.map { layout.variables[$0] }
        let codes = keys.map { Set(layout.choices(of: $0).map(\.value)) }
        let bands = keys.map(layout.bands)
        var ids: [AnswerValue: UInt32] = [:]
        var responses: [Int64] = []
        var values: [[UInt32]] = []
        let removed = options.cleaning?.removed ?? []
        if !keys.isEmpty {
            let selection: ResponseSelection = options.selection == .complete ? .complete : .all
            try store.scanResponses(round: round, variables: keys.map(\.name), selection: selection) { row in
                if removed.contains(row.responseID) { return }
                responses.append(row.responseID)
                values.append(try keys.indices.map { i in
                    guard var value = row.value(i) else { return 0 }
                    // A blanked cell is not written, so its code is checked here as the writer checks it (E604).
                    let chosen: [String] = switch value {
                    case .choice(let code): [code]
                    case .choices(let list): list
                    default: []
                    }
                    if let unknown = chosen.first(where: { !codes[i].contains($0) }) {
                        throw ExportError.unknownCode(response: row.responseID, variable: keys[i].name, code: unknown)
                    }
                    // Global recoding first: a banded number compares as its band.
                    if let bands = bands[i], let number = row.decimal(i) { value = .text(bands.codes[bands.band(of: number)]) }
                    if let id = ids[value] { return id }
                    let id = UInt32(ids.count + 1)
                    ids[value] = id
                    return id
                })
            }
        }
        rows = responses.count
        let names = keys.map { ExportLayout.baseName(of: $0, profile: options.profile) }
        var last: [Int] = []
        for name in options.suppressLast {
            guard let index = names.firstIndex(of: name) else { throw ExportError.suppressLastUnknown(name, quasiIdentifiers: names) }
            if !last.contains(index) { last.append(index) }
        }
        suppression = LocalSuppression(values: values, variableCount: keys.count, k: k, suppressLast: last)
        suppressedLast = last.map { names[$0] }
        var blanked: [Int64: Set<Int>] = [:]
        for (row, suppressed) in suppression.blanked.enumerated() where !suppressed.isEmpty {
            blanked[responses[row]] = Set(suppressed.map { keyIndices[$0] })
        }
        self.blanked = blanked
    }
}
