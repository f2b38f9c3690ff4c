/// The Swedish ESEM round (`surveys/esem-se.yaml`), drawn to match the published figures
/// (Euclid Network ESEM reports 2021-22 and 2023-24; Sweden 2021-22 country page):
/// about 72% micro organisations, 60% measure impact and 28% plan to, about 62% rate
/// political support low, very low or none, health/social work and education the largest
/// sectors, SDGs 8, 3 and 10 the most named, about 60% of financing needs met, and the three
/// largest regions (Stockholm, Västra Götaland, Skåne) over-represented.
extension SurveyProfile {
    public static let esem = SurveyProfile(
        surveyID: "esem-se",
        draws: ESEMDraws.regular,
        skipOptional: 0.05,
        variants: [
            .test: [
                "recontact": .oneOf([Weighted("yes", 1)]),
                "org_name": .textOf(["TEST", "Test – ignorera", "test test"]),
                "contact_name": .textOf(["Test Testsson"]),
                "contact_email": .textOf(["test@example.se"]),
                "comments": .textOf(["Testsvar, ska tas bort"]),
            ],
            .ineligible: [
                "prio_fin": .integer(.uniform(6...10)),
                "prio_imp": .offset(from: "prio_fin", by: -6...(-1)),
            ],
        ]
    )
}

enum ESEMDraws {
    static func w(_ pairs: KeyValuePairs<String, Double>) -> [Weighted] {
        pairs.map { Weighted($0.key, $0.value) }
    }

    static let income = AnswerDraw.composition(
        group: ["inc_consumers", "inc_business", "inc_public_contracts", "inc_public_grants", "inc_foundations",
                "inc_donations", "inc_fees", "inc_other"],
        weights: [0.30, 0.22, 0.20, 0.25, 0.12, 0.08, 0.06, 0.04], parts: 1...3, total: 100, step: 5
    )

    static let regular: [String: AnswerDraw] = [
        "consent": .oneOf(w(["yes": 0.98, "no": 0.02])),
        "resp_role": .oneOf(w(["founder": 0.45, "ceo": 0.30, "board": 0.12, "employee": 0.10, "other": 0.03])),
        "registered": .oneOf(w(["yes": 0.93, "no": 0.07])),
        "prio_fin": .integer(.normal(mean: 5, sd: 2.2, bounds: 0...10)),
        "prio_imp": .offset(from: "prio_fin", by: 0...4),
        "legal_form": .oneOf(w([
            "ideell_forening": 0.30, "ekonomisk_forening": 0.22, "ab": 0.25, "ab_svb": 0.06, "stiftelse": 0.05,
            "enskild_firma": 0.07, "handelsbolag": 0.02, "other": 0.03,
        ])),
        "year_founded": .integer(.classes([(0.05, 1850...1979), (0.12, 1980...1999), (0.33, 2000...2014), (0.50, 2015...2024)])),
        "stage": .oneOf(w(["idea": 0.04, "startup": 0.22, "growth": 0.34, "established": 0.40])),
        "region": .oneOf(w([
            "AB": 0.30, "O": 0.18, "M": 0.16, "C": 0.04, "E": 0.035, "F": 0.025, "T": 0.025, "AC": 0.025, "BD": 0.02,
            "W": 0.02, "X": 0.02, "Y": 0.015, "S": 0.02, "U": 0.02, "D": 0.02, "H": 0.015, "G": 0.015, "N": 0.02,
            "K": 0.01, "Z": 0.01, "I": 0.01,
        ])),
        "scope": .someOf(w(["local": 0.55, "regional": 0.35, "national": 0.25, "european": 0.08, "global": 0.06])),
        "sector": .oneOf(w([
            "Q": 0.24, "P": 0.20, "S": 0.08, "I": 0.07, "R": 0.07, "G": 0.05, "C": 0.05, "N": 0.05, "M": 0.05,
            "A": 0.04, "J": 0.04, "F": 0.02, "E": 0.02, "H": 0.01, "L": 0.01, "K": 0.01, "B": 0.0025, "D": 0.0025,
            "O": 0.0025, "T": 0.001, "U": 0.001,
        ])),
        "sdg": .someOf(w([
            "8": 0.45, "3": 0.40, "10": 0.38, "4": 0.25, "5": 0.15, "11": 0.15, "12": 0.12, "1": 0.10, "13": 0.10,
            "17": 0.06, "16": 0.05, "2": 0.04, "9": 0.04, "7": 0.03, "15": 0.03, "6": 0.02, "14": 0.02,
        ]), maximum: 3),
        "novelty": .oneOf(w(["not_new": 0.30, "regional": 0.35, "national": 0.22, "european": 0.08, "global": 0.05])),
        "tech_role": .oneOf(w(["none": 0.40, "supporting": 0.48, "core": 0.12])),
        "customers": .someOf(w(["consumers": 0.50, "businesses": 0.46, "public": 0.45, "nonprofits": 0.25])),
        "target_any": .oneOf(w(["yes": 0.72, "no": 0.28])),
        // Shares among organisations that target groups (Europe 2021-22: children/young 33.3%,
        // women/girls 27.2%, mental ill-health 27.1% of all organisations).
        "target_groups": .someOf(w([
            "children_youth": 0.46, "women_girls": 0.38, "mental_health": 0.38, "disability": 0.30, "migrants": 0.30,
            "long_term_unemployed": 0.35, "elderly": 0.15, "low_income": 0.20, "members": 0.08, "other": 0.04,
        ])),
        "impact_model": .someOf(w([
            "product_service": 0.55, "employment": 0.45, "income_transfer": 0.10, "advocacy": 0.25, "other": 0.03,
        ])),
        // Size classes by paid staff: micro (< 10) 72%, small 17%, medium 8%, large 3%.
        "fte": .decimal(.classes([
            (0.12, 0...0), (0.35, 0.5...3), (0.25, 3...9.9), (0.17, 10...49.9), (0.08, 50...249), (0.03, 250...1500),
        ]), digits: 1),
        "fte_women": .shareOf("fte", share: 0.3...0.8),
        "fte_target": .shareOf("fte", share: 0...0.6),
        "volunteers": .integer(.classes([(0.35, 0...0), (0.40, 1...10), (0.20, 10...50), (0.05, 50...500)])),
        "mgmt_n": .integer(.classes([(0.03, 0...0), (0.60, 1...3), (0.32, 3...7), (0.05, 7...15)])),
        "mgmt_women": .shareOf("mgmt_n", share: 0.15...1.0),
        "founder_gender": .someOf(w(["woman": 0.55, "man": 0.50, "non_binary": 0.02]),
                                  exclusive: w(["not_applicable": 0.08])),
        "voice_staff": .oneOf(w(["1": 0.05, "2": 0.12, "3": 0.28, "4": 0.35, "5": 0.20])),
        "voice_benef": .oneOf(w(["1": 0.10, "2": 0.22, "3": 0.33, "4": 0.25, "5": 0.10])),
        "surplus_use": .oneOf(w(["reinvest": 0.70, "donate": 0.06, "distribute": 0.04, "no_surplus": 0.20])),
        "revenue_band": .oneOf(w([
            "zero": 0.06, "under_250k": 0.18, "250k_1m": 0.22, "1m_5m": 0.30, "5m_20m": 0.15, "over_20m": 0.06, "dont_know": 0.03,
        ])),
        "result": .oneOf(w(["profit": 0.38, "break_even": 0.30, "loss": 0.26, "dont_know": 0.06])),
        "inc_consumers": income, "inc_business": income, "inc_public_contracts": income, "inc_public_grants": income,
        "inc_foundations": income, "inc_donations": income, "inc_fees": income, "inc_other": income,
        "fin_sought": .oneOf(w(["yes": 0.75, "no": 0.25])),
        // Among those who sought finance (Europe: public 44.2%, donations 24.7%, foundations 21.3% of all).
        "ext_fin": .someOf(w([
            "public": 0.59, "donations": 0.33, "foundations": 0.28, "bank": 0.12, "impact_investor": 0.08,
            "crowdfunding": 0.05, "other": 0.03,
        ]), exclusive: w(["none": 0.10])),
        "fin_met": .integer(.normal(mean: 60, sd: 25, bounds: 0...100)),
        "fin_need": .someOf(w(["start": 0.12, "growth": 0.45, "working_capital": 0.40]), exclusive: w(["none": 0.20])),
        "imm_status": .oneOf(w(["yes": 0.60, "planning": 0.28, "no": 0.12])),
        "sdg_report": .oneOf(w(["yes": 0.37, "planning": 0.25, "no": 0.38])),
        "imm_purpose": .someOf(w(["mission_check": 0.70, "improve": 0.55, "funders": 0.45, "communication": 0.40, "other": 0.02])),
        "imm_method": .someOf(w(["own_kpis": 0.60, "toc": 0.25, "sroi": 0.08, "iris": 0.03, "sdg": 0.25, "other": 0.04])),
        "barriers": .someOf(w([
            "awareness": 0.45, "lobby": 0.41, "finance_start": 0.25, "finance_after_start": 0.40,
            "complex_public_finance": 0.50, "no_support_schemes": 0.41, "procurement": 0.30, "skills": 0.15,
            "legal_form": 0.20, "other": 0.03,
        ]), maximum: 5),
        "pol_support": .oneOf(w(["0": 0.14, "1": 0.20, "2": 0.28, "3": 0.26, "4": 0.10, "5": 0.02])),
        "eco_score": .integer(.normal(mean: 39, sd: 18, bounds: 0...100)),
        "policy_wish": .someOf(w([
            "funding": 0.61, "tax": 0.64, "procurement": 0.53, "legal_status": 0.30, "awareness": 0.35, "other": 0.02,
        ]), maximum: 3),
        "support_used": .someOf(w([
            "incubator": 0.15, "coompanion": 0.25, "almi": 0.12, "university": 0.08, "region": 0.15, "municipality": 0.22,
            "other": 0.03,
        ]), exclusive: w(["none": 0.35])),
        "collab": .someOf(w(["public": 0.65, "private": 0.45, "civil": 0.55, "academia": 0.18]), exclusive: w(["none": 0.06])),
        "staff_exp": .oneOf(w(["down": 0.08, "same": 0.47, "up": 0.45])),
        "growth_path": .someOf(w([
            "new_products": 0.45, "new_customers": 0.55, "new_regions": 0.25, "replication": 0.10, "partnerships": 0.35,
            "international": 0.06, "other": 0.02,
        ])),
        "msi_contact": .someOf(w(["forum": 0.15, "coalition": 0.05, "network": 0.10, "competence_centre": 0.05]),
                               exclusive: w(["none": 0.70])),
        "recontact": .oneOf(w(["yes": 0.55, "no": 0.45])),
        "org_name": .text(.organisationName),
        "org_number": .sometimes(0.6, .text(.organisationNumber)),
        "contact_name": .text(.personName),
        "contact_email": .text(.email),
        "comments": .sometimes(0.15, .text(.comment)),
    ]
}
