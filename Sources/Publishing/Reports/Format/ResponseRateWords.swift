import Aggregation
import Store

/// A round's response rate (``ResponseRate``) in Swedish or English, as the reports, the admin
/// round page and `samla round list` write it:
/// `Svarsfrekvens (AAPOR RR1): 39,6 % (163 av 412 inbjudna); med påbörjade svar (RR2): 45,1 %`.
public struct ResponseRateWords: Sendable {
    public let numbers: NumberStyle
    /// The space that keeps a rate's name with its value (`RR3 40,5 %`, `e = 0,977`) and a count
    /// with its word (`9 vägrade`, `1 ej behörig`, `7 inbjudna`): a no-break space on a page, which a narrow screen would otherwise
    /// break between them, and a plain one in a terminal.
    private let joiner: String

    /// `onPage`: the text goes into HTML (a report, an admin page), where a no-break space keeps
    /// each rate's name with its value; a terminal's text (`samla round list`) keeps plain spaces.
    public init(language: String, onPage: Bool = false) {
        numbers = NumberStyle(language: language)
        joiner = onPage ? "\u{00A0}" : " "
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
        case .noEligibleInvitations: pick("inga behöriga", "none eligible")
        case .invited(let outcomes): numbers.percent(outcomes.rr1)
        }
    }

    /// The rates and their counts, or why there are none: what follows ``term(_:)``. Without
    /// `dispositionCounts`, the counts of the recorded dispositions are left to a line of their own
    /// (the admin round page's), and the rates they allow follow RR2 directly.
    public func value(_ rate: ResponseRate, dispositionCounts: Bool = true) -> String {
        switch rate {
        case .anonymous:
            return pick("anonym omgång: ingen svarsfrekvens, eftersom ingen bjöds in",
                        "anonymous round: no response rate, since nobody was invited")
        case .noInvitations:
            return pick("inga inbjudningar ännu: ingen svarsfrekvens", "no invitations yet: no response rate")
        case .noEligibleInvitations(let invitations):
            return pick("alla \(numbers.integer(invitations))\(joiner)inbjudna är registrerade som ej behöriga: ingen svarsfrekvens",
                        "all \(numbers.integer(invitations))\(joiner)invitees are recorded ineligible: no response rate")
        case .invited(let outcomes):
            var counts = "\(numbers.integer(outcomes.complete)) \(pick("av", "of")) \(numbers.integer(outcomes.eligibleOrUnknown))\(joiner)\(pick("inbjudna", "invited"))"
            if outcomes.ineligible > 0 {
                let ineligible = numbers.integer(outcomes.ineligible), invited = numbers.integer(outcomes.invitations)
                counts += pick("; \(ineligible)\(joiner)\(outcomes.ineligible == 1 ? "ej behörig" : "ej behöriga") av \(invited)\(joiner)inbjudna räknas bort",
                               "; \(ineligible)\(joiner)ineligible of \(invited)\(joiner)invited left out")
            }
            var text = "\(numbers.percent(outcomes.rr1)) (\(counts)); "
                + pick("med påbörjade svar (RR2): ", "with partial responses (RR2): ") + numbers.percent(outcomes.rr2)
            if outcomes.withdrawn > 0 {
                text += "; " + counted(outcomes.withdrawn,
                                       swedish: ("inbjuden drog sig ur (svaren raderade) och räknas som vägran", "inbjudna drog sig ur (svaren raderade) och räknas som vägran"),
                                       english: ("invitee withdrew (the answers erased) and counts as a refusal", "invitees withdrew (their answers erased) and count as refusals"))
            }
            if outcomes.declined > 0 {
                text += "; " + counted(outcomes.declined,
                                       swedish: ("inbjuden avböjde i formuläret och räknas som vägran", "inbjudna avböjde i formuläret och räknas som vägran"),
                                       english: ("invitee declined in the form and counts as a refusal", "invitees declined in the form and count as refusals"))
            }
            if outcomes.hasDispositions { text += "; " + dispositions(outcomes, withCounts: dispositionCounts) }
            if outcomes.withoutInvitation > 0 {
                let count = numbers.integer(outcomes.withoutInvitation)
                text += outcomes.withoutInvitation == 1
                    ? pick("; 1\(joiner)svar utan inbjudan (importerat utan token eller via API) räknas inte", "; 1\(joiner)response without an invitation (imported without a token, or from the API) is not counted")
                    : pick("; \(count)\(joiner)svar utan inbjudan (importerade utan token eller via API) räknas inte",
                           "; \(count)\(joiner)responses without an invitation (imported without a token, or from the API) are not counted")
            }
            return text
        }
    }

    /// `count` kept with the words that follow it, in the singular for one.
    private func counted(_ count: Int, swedish: (one: String, many: String), english: (one: String, many: String)) -> String {
        numbers.integer(count) + joiner + (count == 1 ? pick(swedish.one, english.one) : pick(swedish.many, english.many))
    }

    /// The recorded dispositions of the invitations without a response (unless not `withCounts`),
    /// then the rates beyond RR1 and RR2 that they allow:
    /// `utan svar: 9 vägrade, 20 ej nådda, 5 ej behöriga, 180 med okänd behörighet; RR3 …`.
    public func dispositions(_ outcomes: InvitationOutcomes, withCounts: Bool = true) -> String {
        var parts: [String] = []
        if withCounts { parts.append(pick("utan svar: ", "without a response: ") + counts(outcomes.dispositions, unknown: outcomes.unknownEligibility)) }
        let rates: [(String, Double?)] = [("RR3", outcomes.rr3), ("RR4", outcomes.rr4)]
        let given = rates.compactMap { name, rate in rate.map { name + joiner + numbers.percent($0) } }
        if let e = outcomes.e {
            parts.append((given.isEmpty ? "" : given.joined(separator: ", ") + " ") + "(e" + joiner + "=" + joiner + numbers.decimal(e, digits: 3) + ")")
        }
        let others: [(String, Double?)] = [("COOP1", outcomes.coop1), ("REF1", outcomes.ref1), ("CON1", outcomes.con1)]
        let shown = others.compactMap { name, rate in rate.map { name + joiner + numbers.percent($0) } }
        if !shown.isEmpty { parts.append(shown.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    /// The invitations without a response by recorded disposition: `9 refused, 20 not reached, 5 ineligible, 180 unknown eligibility`.
    public func counts(_ dispositions: DispositionCounts, unknown: Int) -> String {
        [
            numbers.integer(dispositions.refused) + joiner + pick("vägrade", "refused"),
            numbers.integer(dispositions.nonContact) + joiner + pick(dispositions.nonContact == 1 ? "ej nådd" : "ej nådda", "not reached"),
            numbers.integer(dispositions.ineligible) + joiner + pick(dispositions.ineligible == 1 ? "ej behörig" : "ej behöriga", "ineligible"),
            numbers.integer(unknown) + joiner + pick("med okänd behörighet", "unknown eligibility"),
        ].joined(separator: ", ")
    }

    /// Why several anonymous rounds have no rate, after their names as the sentence's verb and
    /// the rest (`Klubb 2024 och Klubb 2025 är anonyma omgångar …`): one line for all of them.
    public var anonymousRounds: String {
        pick("är anonyma omgångar och har ingen svarsfrekvens, eftersom ingen bjöds in",
             "are anonymous rounds, with no response rate since nobody was invited")
    }

    /// The term and the value as one sentence.
    public func sentence(_ rate: ResponseRate) -> String {
        guard case .invited = rate else {
            let value = value(rate)
            return value.prefix(1).uppercased() + value.dropFirst()
        }
        return term(rate) + ": " + value(rate)
    }

    /// A round's rate as one item of a report's list, a sentence after the round's label:
    /// `Klubb 2024: svarsfrekvensen (AAPOR RR1) är 30,0 % (12 av 40 inbjudna); med påbörjade svar (RR2): 37,5 %.`,
    /// or `Klubb 2025 är en anonym omgång och har ingen svarsfrekvens, eftersom ingen bjöds in.`
    public func roundItem(_ rate: ResponseRate, roundLabel: String) -> String {
        switch rate {
        case .anonymous:
            roundLabel + pick(" är en anonym omgång och har ingen svarsfrekvens, eftersom ingen bjöds in.",
                              " is an anonymous round, with no response rate since nobody was invited.")
        case .noInvitations:
            roundLabel + pick(": ingen svarsfrekvens ännu, eftersom ingen har bjudits in.", ": no response rate yet, since nobody has been invited.")
        case .noEligibleInvitations(let invitations):
            roundLabel + pick(": ingen svarsfrekvens, eftersom alla \(numbers.integer(invitations))\(joiner)inbjudna är registrerade som ej behöriga.",
                              ": no response rate, since all \(numbers.integer(invitations))\(joiner)invitees are recorded ineligible.")
        case .invited:
            roundLabel + pick(": svarsfrekvensen (AAPOR RR1) är ", ": the response rate (AAPOR RR1) is ") + value(rate) + "."
        }
    }

    /// How the rates are counted, said wherever they are shown.
    public var basis: String {
        pick("Svarsfrekvens enligt AAPOR:s Standard Definitions (10:e upplagan, 2023) med omgångens inbjudningar som urval: "
                + "RR1 räknar slutförda svar, RR2 även påbörjade. En inbjuden utan svar räknas som behörig, om den inte har "
                + "registrerats som ej behörig (samla round dispositions) och då räknas bort; den som dragit sig ur eller avböjt i "
                + "formuläret (enligt enkätens villkor för vägran) räknas som vägran. "
                + "Där utfall har registrerats räknar RR3 och RR4 de inbjudna med okänd behörighet med e, andelen behöriga bland dem vars "
                + "behörighet är känd (AAPOR:s proportionella fördelning), och COOP1, REF1 och CON1 ger samarbets-, vägrans- och kontaktandelen. "
                + "Där inga utfall har registrerats vet Samla inte vem som avböjt utan att svara, vem som inte nåtts eller vem som inte hör till populationen, "
                + "och ger bara RR1 och RR2.",
             "Response rates by AAPOR's Standard Definitions (10th edition, 2023) with the round's invitations as the sample: "
                + "RR1 counts complete responses, RR2 partial ones too. An invitee without a response counts as eligible unless "
                + "recorded as ineligible (samla round dispositions), and is then left out; one who withdrew or declined in the form "
                + "(the survey's refusal) counts as a refusal. "
                + "Where dispositions are recorded, RR3 and RR4 count the invitees of unknown eligibility by e, the share of eligible "
                + "among those whose eligibility is known (AAPOR's proportional allocation), and COOP1, REF1 and CON1 give the "
                + "cooperation, refusal and contact rates. Where none are recorded, Samla cannot tell who declined without answering, who was not "
                + "reached or who is outside the population, and gives RR1 and RR2 alone.")
    }
}
