import CSV
import SurveyDefinition

/// The codes of one variable's choice list and what a cell shows for each (``ExportLayout/shown(_:)``:
/// the code, the partners' code, or the label), neutralised for spreadsheets. Looks codes up by their bytes, without making Strings.
///
/// The bytes live in one buffer that the owner frees with ``deallocate()``, so that copying a table
/// into a cell plan costs no reference counting on the hot path.
struct ChoiceTable {
    let count: Int
    /// Every code's bytes, then every output's bytes, back to back.
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Per choice: start and length of its code, then of its output, in `bytes`.
    private let spans: UnsafeMutablePointer<Int>

    init(choices: [Choice], shown: (Choice) -> String) {
        count = choices.count
        let codes = choices.map { Array($0.value.utf8) }
        let outputs = choices.map { Array(FormulaNeutralization.neutralized(shown($0)).utf8) }
        let all = codes + outputs
        bytes = .allocate(capacity: max(1, all.reduce(0) { $0 + $1.count }))
        spans = .allocate(capacity: max(1, all.count * 2))
        var offset = 0
        for (i, piece) in all.enumerated() {
            (bytes + offset).initialize(from: piece, count: piece.count)
            spans[2 * i] = offset
            spans[2 * i + 1] = piece.count
            offset += piece.count
        }
    }

    func deallocate() {
        bytes.deallocate()
        spans.deallocate()
    }

    /// The position of `code` in the list.
    @inline(__always)
    func index(of code: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let start = code.baseAddress else { return nil }
        let length = code.count
        for i in 0..<count where spans[2 * i + 1] == length {
            let candidate = bytes + spans[2 * i]
            var equal = true
            for j in 0..<length where candidate[j] != start[j] {
                equal = false
                break
            }
            if equal { return i }
        }
        return nil
    }

    /// The code of choice `i`.
    func code(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + spans[2 * i], count: spans[2 * i + 1])
    }

    /// What a cell shows for choice `i`.
    @inline(__always)
    func output(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: bytes + spans[2 * (count + i)], count: spans[2 * (count + i) + 1])
    }

    /// Every output, as text.
    var outputs: [String] { (0..<count).map { String(decoding: output($0), as: UTF8.self) } }
}
