import Aggregation
import Estimators
import Frameworks
import HTML

extension ReportRenderer {
    /// How the figures were made: data and rounds, estimators and interval methods, the
    /// suppression rule, the status rule, and the cleaning log of every round.
    func renderMethods(into html: inout HTMLBuilder) {
        let results = content.results
        let weighted: [(round: String, text: String, except: [String])] = (results?.notes ?? []).compactMap { note in
            switch note {
            case .roundPostStratified(let round, let variables, let source, let except):
                (round, words.postStratified(roundLabel: roundLabel(round), variables: variables, source: source), except)
            case .roundCalibrated(let round, let counts, let totals, let source, let except, let method, let bounds):
                (round, words.calibrated(roundLabel: roundLabel(round), counts: counts, totals: totals, source: source, method: method, bounds: bounds), except)
            default:
                nil
            }
        }
        html.element("h3", text: words.pick("Data", "Data"))
        html.element("p", text: words.pick(
            "Indikatorerna beräknas med Samla ur de svar som finns i databasen för rapportens omgångar, efter ramverkets rensningsregler.",
            "The indicators are computed by Samla from the responses in the database for the report's rounds, after the framework's cleaning rules.")
            + " " + (weighted.isEmpty
                ? words.pick("Resultaten är oviktade om inte en indikator anger en vikt.", "Results are unweighted unless an indicator names a weight.")
                : words.pick("Resultaten är oviktade om inte en indikator anger en vikt eller omgången är viktad till populationen (nedan).",
                             "Results are unweighted unless an indicator names a weight or the round is weighted to the population (below)."))
            + " " + words.representativeness(population: content.definition.population.map(text)))
        for round in weighted {
            html.element("p", text: round.text
                + words.notWeightedToPopulation(round.except.map { id in framework.indicators.first { $0.id == id }.map { text($0.title) } ?? id }))
        }
        if !content.roundsWithoutData.isEmpty {
            html.element("p", text: words.pick("Omgångar utan data i databasen ännu: ", "Rounds without data in the database yet: ")
                + content.roundsWithoutData.map(roundLabel).joined(separator: ", ") + ".")
        }
        renderResponseRates(into: &html)

        html.element("h3", text: words.pick("Skattningar och intervall", "Estimates and intervals"))
        let kinds = Set(framework.indicators.map(\.kind))
        html.element("ul") { html in
            for kind in IndicatorKind.allCases where kinds.contains(kind) {
                html.element("li", text: kindText(kind))
            }
        }
        var methods = Set<IntervalMethod>()
        for row in results?.rows ?? [] {
            if let cell = row.outcome.published {
                if let method = cell.estimate?.method { methods.insert(method) }
                if let method = cell.change?.method { methods.insert(method) }
            }
        }
        if !methods.isEmpty {
            html.element("p", text: words.pick("Intervallen är 95-procentiga konfidensintervall. Metoder som används i rapporten:", "Intervals are 95% confidence intervals. Methods used in this report:"))
            // Each method by name, then its identifier (IntervalMethod's raw value) for a statistician to look up.
            html.element("dl", .init("class", "methods")) { html in
                for method in IntervalMethod.allCases where methods.contains(method) {
                    html.element("dt") { html in
                        html.text(words.methodName(method) + " (")
                        html.element("span", .init("class", "code"), text: method.rawValue)
                        html.text(")")
                    }
                    html.element("dd", text: methodText(method))
                }
            }
        }

        for (round, effects) in designEffectsByRound() {
            let (low, high) = (numbers.decimal(effects.min()!, digits: 2), numbers.decimal(effects.max()!, digits: 2))
            html.element("p", text: words.designEffects(roundLabel: roundLabel(round), low: low, high: high))
        }

        html.element("h3", text: words.pick("Röjandeskydd", "Disclosure control"))
        html.element("p", text: words.suppressionRule(minCell: framework.suppression.minCell, minBase: framework.suppression.minBase))
        let ps = Set(framework.indicators.compactMap { $0.dominanceP(defaults: framework.suppression) }).sorted()
        if !ps.isEmpty {
            html.element("p", text: words.dominanceRule(p: words.list(ps.map(words.pPercent))))
        }
        let toplinePs = Set(content.toplines.values.map(\.topline.pPercent).filter { $0 > 0 }).sorted()
        if !toplinePs.isEmpty {
            html.element("p", text: words.toplineDominanceRule(p: words.list(toplinePs.map(words.pPercent))))
        }

        html.element("h3", text: words.pick("Status mot mål", "Status against targets"))
        html.element("p", text: words.statusExplanation)

        html.element("h3", text: words.pick("Rensning", "Cleaning"))
        renderCleaningRules(into: &html)
        let logs = (results?.cleaning ?? []) + content.toplines.values.compactMap(\.cleaning).filter { log in
            !(results?.cleaning.contains { $0.round == log.round } ?? false)
        }
        if logs.isEmpty {
            html.element("p", text: words.pick("Inga omgångar med svar har rensats.", "No round with responses was cleaned."))
        } else {
            renderCleaningLog(logs, into: &html)
        }
        let missing = (results?.missing ?? []).filter { $0.count > 0 }
        if !missing.isEmpty {
            html.element("h3", text: words.pick("Svar utan värde", "Responses without a value"))
            html.element("p", text: words.pick(
                "Svar som hör till en indikators bas men saknar värde för den räknas inte med i basen:",
                "Responses in an indicator's universe without a value for it are left out of its base:"))
            html.element("ul") { html in
                for count in missing {
                    let title = framework.indicators.first { $0.id == count.indicator }.map { text($0.title) } ?? count.indicator
                    let notAsked = count.notAskedCount == 0 ? ""
                        : words.pick(", varav \(numbers.integer(count.notAskedCount)) som aldrig fick frågan, eftersom den inte gällde dem",
                                     ", \(numbers.integer(count.notAskedCount)) of them never asked the question, as it did not apply to them")
                    html.element("li", text: "\(title), \(roundLabel(count.round)): \(numbers.integer(count.count))\(notAsked)")
                }
            }
        }
    }

    /// Each round's response rate, and what it counts.
    private func renderResponseRates(into html: inout HTMLBuilder) {
        guard !content.responseRates.isEmpty else { return }
        let rateWords = ResponseRateWords(language: language, onPage: true)
        html.element("h3", text: words.pick("Svarsfrekvens", "Response rates"))
        // Several anonymous rounds share one line, so that the rounds with a rate stand out.
        let anonymous = content.responseRates.filter { if case .anonymous = $0.rate { true } else { false } }.map(\.round)
        html.element("ul") { html in
            for (round, rate) in content.responseRates where anonymous.count < 2 || !anonymous.contains(round) {
                html.element("li", text: rateWords.roundItem(rate, roundLabel: roundLabel(round)))
            }
            if anonymous.count > 1 {
                html.element("li", text: ResultNote.list(anonymous.map(roundLabel), and: words.pick("och", "and")) + " " + rateWords.anonymousRounds + ".")
            }
        }
        if content.responseRates.contains(where: { if case .invited = $0.rate { true } else { false } }) {
            html.element("p", text: rateWords.basis)
        }
    }

    /// The design effects of the published totals of each weighted round, rounds in results order.
    private func designEffectsByRound() -> [(round: String, effects: [Double])] {
        var byRound: [(round: String, effects: [Double])] = []
        for row in content.results?.rows ?? [] where row.group.isTotal {
            guard let deff = row.outcome.published?.estimate?.designEffect else { continue }
            if let index = byRound.firstIndex(where: { $0.round == row.round }) {
                byRound[index].effects.append(deff)
            } else {
                byRound.append((row.round, [deff]))
            }
        }
        return byRound
    }

    /// The declared rules, as written in the framework.
    private func renderCleaningRules(into html: inout HTMLBuilder) {
        html.element("p", text: words.pick(
            "Innan något beräknas tas svar bort enligt ramverkets regler, i denna ordning: testsvar, för ofullständiga svar, webbsvar som besvarades för snabbt, dubbletter, och svar som inte hör till populationen. Ett svar som tas bort av en regel prövas inte av nästa.",
            "Before anything is computed, responses are removed by the framework's rules, in this order: test responses, responses that are not complete enough, web responses completed too fast, duplicates, and responses outside the population. A response removed by one rule is not seen by the next."))
    }

    func renderCleaningLog(_ logs: [CleaningLog], into html: inout HTMLBuilder) {
        scrollingTable(label: words.pick("Borttagna svar", "Removed responses"),
                       caption: words.pick("Rensningslogg: svar som togs bort per omgång och regel", "Cleaning log: responses removed per round and rule"),
                       columns: 3, into: &html) { html in
            html.element("tr") { html in
                html.element("th", .init("scope", "col"), text: words.round)
                html.element("th", .init("scope", "col"), text: words.pick("Regel", "Rule"))
                html.element("th", .init("scope", "col"), .init("class", "num"), text: words.pick("Borttagna", "Removed"))
            }
        } body: { html in
            html.element("tbody") { html in
                for log in logs {
                    html.element("tr") { html in
                        html.element("th", .init("scope", "row"), text: roundLabel(log.round))
                        let partial = log.partial > 0 ? words.pick(", varav \(numbers.count(log.partial, "ofullständiga"))", ", \(numbers.integer(log.partial)) of them partial") : ""
                        html.element("td", text: words.pick("Lästa svar", "Responses read") + partial)
                        html.element("td", .init("class", "num"), text: numbers.integer(log.read))
                    }
                    for entry in log.entries {
                        html.element("tr") { html in
                            html.element("th", .init("scope", "row"), text: roundLabel(log.round))
                            html.element("td") { html in
                                html.text(entry.rule.label(words.language) + ": ")
                                if let condition = entry.condition {
                                    html.element("span", .init("class", "code"), text: condition)
                                } else {
                                    html.text(entry.description(words.language))
                                }
                                if let note = entry.untimedNote(words.language, number: numbers.integer) { html.text("; " + note) }
                                let declined = entry.removed.count(where: { content.declinedInForm[log.round]?.contains($0) == true })
                                if declined > 0 {
                                    html.text(words.pick(
                                        "; varav \(numbers.integer(declined)) som avböjde i formuläret (enligt enkätens villkor för vägran) och räknas som vägran i svarsfrekvensen",
                                        "; \(numbers.integer(declined)) of them declined in the form (the survey's refusal) and "
                                            + (declined == 1 ? "counts as a refusal" : "count as refusals") + " in the response rate"))
                                }
                            }
                            html.element("td", .init("class", "num"), text: numbers.integer(entry.count))
                        }
                    }
                    html.element("tr", .init("class", "total")) { html in
                        html.element("th", .init("scope", "row"), text: roundLabel(log.round))
                        html.element("td", text: words.pick("Kvar för beräkning", "Kept for estimation"))
                        html.element("td", .init("class", "num"), text: numbers.integer(log.kept))
                    }
                }
            }
        }
    }

    private func kindText(_ kind: IndicatorKind) -> String {
        switch kind {
        case .proportion: words.pick("Andel: andelen av basen för vilken villkoret gäller.", "Proportion: the share of the base for which the condition holds.")
        case .mean: words.pick("Medelvärde: genomsnittet av indikatorns värde över basen.", "Mean: the average of the indicator's value over the base.")
        case .median: words.pick("Median: mittvärdet av indikatorns värde över basen, med hälften av svaren under och hälften över.", "Median: the middle value of the indicator's value over the base, with half the responses below it and half above.")
        case .total: words.pick("Summa: summan av indikatorns värde över de svarande.", "Total: the sum of the indicator's value over the respondents.")
        case .count: words.pick("Antal: hur många svar som hör till basen.", "Count: how many responses are in the base.")
        case .ratio: words.pick("Kvot: summan av täljaren delad med summan av nämnaren.", "Ratio: the sum of the numerator divided by the sum of the denominator.")
        case .reported: words.pick("Rapporterat: värden som förs in per omgång i ramverket, inte räknade ur svar; de har inget konfidensintervall.", "Reported: values entered per round in the framework, not computed from responses; they have no confidence interval.")
        }
    }

    private func methodText(_ method: IntervalMethod) -> String {
        guard words.sv else { return method.description }
        switch method {
        case .wilson: return "Wilsons intervall utan kontinuitetskorrektion (som R:s prop.test(correct = FALSE)); standardfel √(p(1 − p)/n)."
        case .studentT: return "Medelvärde ± t(n − 1) · s/√n (som R:s t.test)."
        case .ratioStudentT: return "Kvot av summor med linjäriserat standardfel och t-intervall med n − 1 frihetsgrader."
        case .ratioLogStudentT: return "Kvot av summor av värden som alla är 0 eller mer, med linjäriserat standardfel och t-intervall med n − 1 frihetsgrader på logaritmisk skala, R·exp(±t · SE/R), som inte kan gå under 0."
        case .ratioLogitStudentT: return "Kvot av summor som är en andel av en helhet (varje täljarvärde mellan 0 och sitt nämnarvärde), med linjäriserat standardfel och t-intervall med n − 1 frihetsgrader på logitskalan, expit(logit R ± t · SE/(R(1 − R))), som håller sig mellan 0 och 1."
        case .orderStatistics: return "Median med ett fördelningsfritt intervall mellan två ordningsstatistikor, vars binomiala täckning är minst \(numbers.percent(whole: 95))."
        case .descriptive: return "En räkning av svaren; oviktade summor och antal har inget urvalsintervall."
        case .taylorNormal: return "Designbaserad skattning med standardfel genom Taylorlinjärisering och normalintervall (som R:s survey-paket)."
        case .taylorLogRatio: return "Designbaserad kvot av summor av värden som alla är 0 eller mer, med standardfel genom Taylorlinjärisering (som R:s svyratio) och normalintervall på logaritmisk skala, R·exp(±z · SE/R), som inte kan gå under 0."
        case .taylorLogitRatio: return "Designbaserad kvot av summor som är en andel av en helhet (varje täljarvärde mellan 0 och sitt nämnarvärde), med standardfel genom Taylorlinjärisering (som R:s svyratio) och normalintervall på logitskalan, expit(logit R ± z · SE/(R(1 − R))), som håller sig mellan 0 och 1."
        case .taylorLogit: return "Designbaserad andel med standardfel genom Taylorlinjärisering och intervall på logitskalan (som svyciprop(method = \"xlogit\"))."
        case .woodruff: return "Designbaserad median ur den viktade fördelningsfunktionen med Woodruffs intervall."
        case .newcombeHybridScore: return "Skillnad mellan två oberoende andelar med Newcombes intervall (metod 10, från de två Wilsonintervallen)."
        case .welch: return "Skillnad mellan två oberoende medelvärden med Welchs t-intervall."
        case .normalDifference: return "Skillnad mellan två oberoende skattningar: standardfel √(SE₁² + SE₂²), normalintervall."
        }
    }
}
