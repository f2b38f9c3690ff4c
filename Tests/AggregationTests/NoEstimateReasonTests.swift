@testable import Aggregation
import Estimators
import Testing

/// Why a cell has no estimate, said in English or Swedish in one place.
struct NoEstimateReasonTests {
    static let stratum = Stratum(value: "north", variable: "region")
    static let reasons: [NoEstimateReason] = [
        .zeroDenominator, .noResponses, .zeroWeights,
        .negativeWeight(response: 28, weight: "w", value: -2.5),
        .fpcMissing(response: 7, fpc: "population"),
        .fpcNotPositive(response: 7, fpc: "population", value: 0),
        .fpcMixed(fpc: "population", populationSizeIn: 3, fractionIn: 4),
        .fpcAllOne(fpc: "population"),
        .fpcVariesWithinStratum(fpc: "population", stratum: stratum),
        .fpcBelowSampleSize(fpc: "population", stratum: stratum, sampleSize: 12, populationSize: 10),
        .singleResponseInStratum(stratum),
        .singleResponseInStratum(Stratum(value: "", variable: "region")),
    ]

    /// Each reason has its own Swedish sentence, with none of the English one's words.
    @Test(arguments: reasons)
    func eachReasonIsSaidInSwedish(reason: NoEstimateReason) {
        let swedish = reason.text("sv")
        let english = reason.text("en")
        #expect(swedish != english)
        let words = swedish.split { !$0.isLetter }.map { $0.lowercased() }
        for word in ["response", "responses", "has", "the", "give", "of", "every", "weight", "group", "only", "stratum's"] {
            #expect(!words.contains(word), "\(word) in \(swedish)")
        }
        let englishWords = english.split { !$0.isLetter }.map { $0.lowercased() }
        for word in ["svar", "har", "ge", "av", "vikt", "gruppen", "bara", "och"] {
            #expect(!englishWords.contains(word), "\(word) in \(english)")
        }
    }

    @Test func numbersTakeTheDecimalMarkOfTheLanguage() {
        let reason = NoEstimateReason.negativeWeight(response: 28, weight: "w", value: -2.5)
        #expect(reason.text("en") == "response 28 has w -2.5, but a weight is 0 or more; correct it, or empty it to leave the response out")
        #expect(reason.text("sv") == "svar 28 har w -2,5, men en vikt är 0 eller mer; rätta den, eller töm den för att lämna svaret utanför")
    }

    /// A stratum without a value is the responses without the strata variable.
    @Test func aStratumWithoutAValueIsTheResponsesWithoutOne() {
        let reason = NoEstimateReason.singleResponseInStratum(Stratum(value: "", variable: "region"))
        #expect(reason.text("en").hasPrefix("the responses without region has only one response"))
        #expect(reason.text("sv").hasPrefix("svaren utan region har bara ett svar"))
    }
}
