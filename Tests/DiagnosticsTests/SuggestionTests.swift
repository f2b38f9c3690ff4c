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

    @Test func prefersTheNearest() {
        #expect(Suggestions.closest(to: "regon", in: ["region", "reason_x"]) == "region")
        #expect(Suggestions.didYouMean("regon", in: ["region"]) == " (did you mean region?)")
    }
}
