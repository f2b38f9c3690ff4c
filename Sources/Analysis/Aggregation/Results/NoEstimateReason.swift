import Estimators

/// Why a cell with enough responses has no estimate, naming responses and variables rather than the
/// positions Estimators counts in. ``text(_:)`` says it in a results language.
public enum NoEstimateReason: Sendable, Hashable {
    /// The ratio's denominator sums to 0 over the cell.
    case zeroDenominator
    /// No response falls in the cell.
    case noResponses
    /// Every response in the cell has weight 0.
    case zeroWeights
    /// A response's weight is below 0.
    case negativeWeight(response: Int64, weight: String, value: Double)
    /// A response has no value of the design's fpc variable.
    case fpcMissing(response: Int64, fpc: String)
    /// A response's fpc is 0 or below.
    case fpcNotPositive(response: Int64, fpc: String, value: Double)
    /// One response's fpc is a population size and another's a sampling fraction.
    case fpcMixed(fpc: String, populationSizeIn: Int64, fractionIn: Int64)
    /// Every fpc is 1, neither a population size nor a sampling fraction below 1.
    case fpcAllOne(fpc: String)
    /// The responses of one stratum disagree on its fpc.
    case fpcVariesWithinStratum(fpc: String, stratum: Stratum)
    /// A stratum has more responses than its fpc says its population has.
    case fpcBelowSampleSize(fpc: String, stratum: Stratum, sampleSize: Int, populationSize: Double)
    /// A stratum with a single response, whose variance cannot be estimated.
    case singleResponseInStratum(Stratum)
    /// A refusal of the estimators that Samla's own columns cannot lead to (an input of the wrong
    /// length, a confidence level out of range): a fault in Samla, in the estimators' own words.
    case estimator(EstimationError)

    /// The reason in a results language: Swedish for `sv`, else English.
    public func text(_ language: String) -> String {
        let sv = language == "sv"
        func number(_ value: Double) -> String { DisplayRow.format(value, digits: 6, decimalMark: sv ? "," : ".") }
        switch self {
        case .zeroDenominator:
            return sv ? "kvotens nämnare summerar till 0 i gruppen" : "the ratio's denominator sums to 0 in the group"
        case .noResponses:
            return sv ? "inget svar hör till gruppen" : "no response falls in the group"
        case .zeroWeights:
            return sv ? "alla svar i gruppen har vikten 0, så ingen viktad skattning finns" : "every response in the group has weight 0, so no weighted estimate exists"
        case .negativeWeight(let response, let weight, let value):
            return sv
                ? "svar \(response) har \(weight) \(number(value)), men en vikt är 0 eller mer; rätta den, eller töm den för att lämna svaret utanför"
                : "response \(response) has \(weight) \(number(value)), but a weight is 0 or more; correct it, or empty it to leave the response out"
        case .fpcMissing(let response, let fpc):
            return sv
                ? "svar \(response) saknar \(fpc); ge varje svar sitt stratums populationsstorlek eller urvalsandel"
                : "response \(response) has no \(fpc); give every response its stratum's population size or sampling fraction"
        case .fpcNotPositive(let response, let fpc, let value):
            return sv
                ? "svar \(response) har \(fpc) \(number(value)); ge en populationsstorlek (1 eller mer) eller en urvalsandel (över 0, högst 1)"
                : "response \(response) has \(fpc) \(number(value)); give a population size (1 or more) or a sampling fraction (above 0, at most 1)"
        case .fpcMixed(let fpc, let sizeIn, let fractionIn):
            return sv
                ? "\(fpc) är en populationsstorlek i svar \(sizeIn) men en urvalsandel i svar \(fractionIn); använd ett av de två i alla svar"
                : "\(fpc) is a population size in response \(sizeIn) but a sampling fraction in response \(fractionIn); use one of the two for every response"
        case .fpcAllOne(let fpc):
            return sv
                ? "\(fpc) är 1 i alla svar, varken en populationsstorlek eller en urvalsandel under 1; ge populationsstorlekar eller urvalsandelar"
                : "\(fpc) is 1 in every response, neither a population size nor a sampling fraction below 1; give population sizes or fractions"
        case .fpcVariesWithinStratum(let fpc, let stratum):
            return sv
                ? "\(fpc) skiljer sig mellan svaren i \(stratum.text(language)); ge stratumets enda populationsstorlek i varje svar"
                : "\(fpc) differs between responses of \(stratum.text(language)); give the stratum's one population size in every response"
        case .fpcBelowSampleSize(let fpc, let stratum, let sampleSize, let populationSize):
            return sv
                ? "\(stratum.text(language)) har \(sampleSize) svar men \(fpc) anger en population på bara \(number(populationSize)); kontrollera \(fpc)"
                : "\(stratum.text(language)) has \(sampleSize) responses but \(fpc) gives a population of only \(number(populationSize)); check \(fpc)"
        case .singleResponseInStratum(let stratum):
            return sv
                ? "\(stratum.text(language)) har bara ett svar, så variansen kan inte skattas; slå ihop det med ett liknande stratum"
                : "\(stratum.text(language)) has only one response, so the variance cannot be estimated; merge it with a similar stratum"
        case .estimator(let error):
            return sv ? "internt fel i skattningen (rapportera det): \(error.description)" : "internal error in the estimation (please report it): \(error.description)"
        }
    }
}

/// A stratum of a weighted design: a value of its strata variable, or the responses without one.
public struct Stratum: Sendable, Hashable {
    /// The strata variable's value; empty for responses without one.
    public let value: String
    /// The strata variable.
    public let variable: String

    /// `stratum 3 of region`, or `the responses without region`.
    func text(_ language: String) -> String {
        let sv = language == "sv"
        if value.isEmpty { return sv ? "svaren utan \(variable)" : "the responses without \(variable)" }
        return sv ? "stratum \(value) av \(variable)" : "stratum \(value) of \(variable)"
    }
}
