import Store

/// A round's response rate (``ResponseRate``) in Swedish or English, as the reports, the admin
/// round page and `samla round list` write it:
/// `Svarsfrekvens (AAPOR RR1): 39,6 % (163 av 412 inbjudna); med påbörjade svar (RR2): 45,1 %`.
public struct ResponseRateWords: Sendable {
    public let numbers: NumberStyle

    public init(language: String) {
        numbers = NumberStyle(language: language)
    }

    private func pick(_ swedish: String, _ english: String) -> String { numbers.isSwedish ? swedish : english }

    /// What the rate is called: with the AAPOR rate's name when there is a rate.
    public func term(_ rate: ResponseRate) -> String {
        guard case .invited = rate else { return pick("Svarsfrekvens", "Response rate") }
        return rr1Heading
    }

    /// The heading of a column of RR1 rates in a table of rounds.
    public var rr1Heading: String { pick("Svarsfrekvens (AAPOR RR1)", "Response rate (AAPOR RR1)") }

    /// The RR1 alone, for a table of rounds: the percentage, or in a word why there is none.
    public func rr1(_ rate: ResponseRate) -> String {
        switch rate {
        case .anonymous: pick("anonym", "anonymous")
        case .noInvitations: pick("inga inbjudningar", "no invitations")
        case .invited(let outcomes): numbers.percent(outcomes.rr1)
        }
    }

    /// The rates and their counts, or why there are none: what follows ``term(_:)``.
    public func value(_ rate: ResponseRate) -> String {
        switch rate {
        case .anonymous:
            return pick("anonym omgång: ingen svarsfrekvens, eftersom ingen bjöds in",
                        "anonymous round: no response rate, since nobody was invited")
        case .noInvitations:
            return pick("inga inbjudningar ännu: ingen svarsfrekvens", "no invitations yet: no response rate")
        case .invited(let outcomes):
            let counts = "\(numbers.integer(outcomes.complete)) \(pick("av", "of")) \(numbers.integer(outcomes.invitations)) \(pick("inbjudna", "invited"))"
            var text = "\(numbers.percent(outcomes.rr1)) (\(counts)); "
                + pick("med påbörjade svar (RR2): ", "with partial responses (RR2): ") + numbers.percent(outcomes.rr2)
            if outcomes.withdrawn > 0 {
                let count = numbers.integer(outcomes.withdrawn)
                text += outcomes.withdrawn == 1
                    ? pick("; 1 inbjuden drog tillbaka sitt deltagande (svaren raderade) och räknas som bortfall",
                           "; 1 invitee withdrew (the answers erased) and counts as a non-respondent")
                    : pick("; \(count) inbjudna drog tillbaka sitt deltagande (svaren raderade) och räknas som bortfall",
                           "; \(count) invitees withdrew (their answers erased) and count as non-respondents")
            }
            if outcomes.withoutInvitation > 0 {
                let count = numbers.integer(outcomes.withoutInvitation)
                text += outcomes.withoutInvitation == 1
                    ? pick("; 1 svar utan inbjudan (importerat utan token eller via API) räknas inte", "; 1 response without an invitation (imported without a token, or from the API) is not counted")
                    : pick("; \(count) svar utan inbjudan (importerade utan token eller via API) räknas inte",
                           "; \(count) responses without an invitation (imported without a token, or from the API) are not counted")
            }
            return text
        }
    }

    /// Why several anonymous rounds have no rate, after their names: one line for all of them.
    public var anonymousRounds: String {
        pick("anonyma omgångar: ingen svarsfrekvens, eftersom ingen bjöds in", "anonymous rounds: no response rate, since nobody was invited")
    }

    /// The term and the value as one sentence.
    public func sentence(_ rate: ResponseRate) -> String {
        guard case .invited = rate else {
            let value = value(rate)
            return value.prefix(1).uppercased() + value.dropFirst()
        }
        return term(rate) + ": " + value(rate)
    }

    /// How the rates are counted, said wherever they are shown.
    public var basis: String {
        pick("Svarsfrekvens enligt AAPOR:s Standard Definitions (10:e upplagan, 2023) med omgångens inbjudningar som urval: "
                + "RR1 räknar slutförda svar, RR2 även påbörjade. Varje inbjuden som inte har svarat räknas som behörig, "
                + "eftersom Samla inte vet vem som avböjt, vem som inte nåtts eller vem som inte hör till populationen.",
             "Response rates by AAPOR's Standard Definitions (10th edition, 2023) with the round's invitations as the sample: "
                + "RR1 counts complete responses, RR2 partial ones too. Every invitee who has not answered counts as eligible, "
                + "since Samla cannot tell who declined, who was not reached or who is outside the population.")
    }
}
