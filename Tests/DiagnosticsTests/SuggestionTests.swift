import Testing
@testable import Diagnostics

@Suite struct SuggestionTests {
    @Test func findsTyposAndTranspositions() {
        #expect(Suggestions.closest(to: "has_bord", in: ["has_board", "founded"]) == "has_board")
        #expect(Suggestions.closest(to: "lable", in: ["label", "hint", "name"]) == "label")
        #expect(Suggestions.closest(to: "Relevant", in: ["relevant"]) == "relevant")
    }

    @Test func ignoresFarOffNames() {
        #expect(Suggestions.closest(to: "xyz", in: ["label", "hint"]) == nil)
        #expect(Suggestions.didYouMean("completely_different", in: ["founded"]) == "")
    }

    /// Replacing every letter of a word is no typo: `${b}` gave "did you mean a?", `''` "did you mean 2?".
    @Test func shortWordsKeepALetter() {
        #expect(Suggestions.closest(to: "b", in: ["a", "c"]) == nil)
        #expect(Suggestions.closest(to: "", in: ["2", "3"]) == nil)
        #expect(Suggestions.closest(to: "A", in: ["a"]) == "a")
        #expect(Suggestions.closest(to: "ab", in: ["ac"]) == "ac")
        #expect(Suggestions.closest(to: "s", in: ["sv"]) == "sv")
    }

    @Test func prefersTheNearest() {
        #expect(Suggestions.closest(to: "regon", in: ["region", "reason_x"]) == "region")
        #expect(Suggestions.didYouMean("regon", in: ["region"]) == " (did you mean region?)")
    }

    /// Another year of a round is a new round, not a typo of the nearest year; a dropped or swapped
    /// digit, or a misspelt word, is a typo.
    @Test func anotherNumberIsNoMisspelling() {
        #expect(Suggestions.isOtherNumber("esem-se-2028", of: "esem-se-2022"))
        #expect(Suggestions.isOtherNumber("Shop-2023", of: "shop-2024"))
        #expect(Suggestions.isOtherNumber("wave-10", of: "wave-19"))
        #expect(!Suggestions.isOtherNumber("esem-se-205", of: "esem-se-2025"))
        #expect(!Suggestions.isOtherNumber("esem-se-2052", of: "esem-se-2025"))
        #expect(!Suggestions.isOtherNumber("esme-se-2025", of: "esem-se-2025"))
        #expect(!Suggestions.isOtherNumber("esem-se-2025", of: "esem-se-2025"))
        #expect(!Suggestions.isOtherNumber("esem-sx-2028", of: "esem-se-2022"), "a letter differs too")
    }

    /// A misspelling is looked for among the names that differ in more than their number.
    @Test func aMisspellingIsNeverAnotherNumber() {
        #expect(Suggestions.closest(to: "esem-se-2026", in: ["esem-se-2025"]) == "esem-se-2025", "the nearest name")
        #expect(Suggestions.misspelling(of: "esem-se-2026", in: ["esem-se-2025"]) == nil, "but another year's round")
        #expect(Suggestions.misspelling(of: "esem-se-2052", in: ["esem-se-2025"]) == "esem-se-2025")
        #expect(Suggestions.misspelling(of: "esme-se-2026", in: ["esem-se-2025", "esem-se-2026"]) == "esem-se-2026")
    }
}
