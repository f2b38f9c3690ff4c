import Diagnostics
import Testing

@Test("rows are listed with runs of three or more as ranges", arguments: [
    ([4], "4"), ([1, 2], "1, 2"), ([3, 1, 2], "1–3"), ([1, 2, 3, 4, 6, 8, 9], "1–4, 6, 8, 9"), ([7, 7, 8], "7, 8"),
    (Array(1...497) + [499, 501, 502, 503], "1–497, 499, 501–503"),
])
func rowsAreListedWithRanges(_ rows: [Int], _ text: String) {
    #expect(RowNumbers.text(rows) == text)
}
