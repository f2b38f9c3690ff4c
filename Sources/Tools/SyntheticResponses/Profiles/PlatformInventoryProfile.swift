/// The inventory of local and regional cross-sector platforms (`surveys/platform-inventory.yaml`):
/// platforms in every län but more where the large cities are, mostly local or sub-regional,
/// founded since 2000, most still active, with public sector and civil society nearly always
/// among the partners.
extension SurveyProfile {
    public static let platformInventory = SurveyProfile(
        surveyID: "platform-inventory",
        draws: [
            "platform_name": .textOf([
                "Social innovation Skåne", "Partnerskap Norr", "Idéburet offentligt partnerskap Umeå", "Mötesplats Örebro",
                "Samverkansrådet i Borås", "Jönköpings sociala innovationsnätverk", "Civilsamhällesrådet Luleå",
                "Göteborgs överenskommelse", "Stockholms sociala företagsnätverk", "Kooperativt forum Uppsala",
            ]),
            "lan": .oneOf(ESEMDraws.w([
                "AB": 0.18, "O": 0.15, "M": 0.14, "C": 0.05, "E": 0.05, "F": 0.05, "T": 0.05, "AC": 0.05, "BD": 0.04,
                "W": 0.03, "X": 0.03, "Y": 0.03, "S": 0.03, "U": 0.03, "D": 0.03, "H": 0.02, "G": 0.02, "N": 0.02,
                "K": 0.02, "Z": 0.02, "I": 0.01,
            ])),
            "level": .oneOf(ESEMDraws.w(["local": 0.45, "subregional": 0.20, "regional": 0.28, "multi_regional": 0.07])),
            "municipality": .text(.place),
            "website": .sometimes(0.6, .textOf(["https://example.se/plattform", "https://samverkan.example.se", "http://natverk.example.org"])),
            "founding_year": .integer(.classes([(0.10, 1980...1999), (0.35, 2000...2014), (0.55, 2015...2024)])),
            "active": .oneOf(ESEMDraws.w(["yes": 0.82, "no": 0.18])),
            "ended_year": .offset(from: "founding_year", by: 1...8),
            "sectors": .someOf(ESEMDraws.w(["public": 0.92, "civil": 0.88, "private": 0.45, "academia": 0.40])),
            "members_n": .integer(.logNormal(median: 12, spread: 0.9, bounds: 2...400)),
            "social_enterprises": .oneOf(ESEMDraws.w(["yes": 0.55, "no": 0.25, "dont_know": 0.20])),
            "msi_involved": .oneOf(ESEMDraws.w(["yes": 0.25, "no": 0.55, "dont_know": 0.20])),
            "activities": .someOf(ESEMDraws.w([
                "meeting_place": 0.75, "knowledge": 0.60, "joint_projects": 0.45, "funding_applications": 0.30,
                "innovator_support": 0.25, "training": 0.30, "policy_dialogue": 0.40, "research": 0.15, "other": 0.03,
            ])),
            "themes": .someOf(ESEMDraws.w([
                "work_integration": 0.40, "health_care": 0.20, "children_youth": 0.30, "inclusion": 0.40,
                "housing_urban": 0.15, "rural": 0.15, "climate_environment": 0.20, "digital_inclusion": 0.10, "other": 0.03,
            ])),
            "meetings_per_year": .integer(.logNormal(median: 6, spread: 0.7, bounds: 0...52)),
            "funding_sources": .someOf(ESEMDraws.w([
                "municipality": 0.55, "region": 0.40, "state": 0.15, "eu": 0.25, "foundations": 0.12, "member_fees": 0.10,
                "business": 0.05, "university": 0.10, "other": 0.03,
            ]), exclusive: ESEMDraws.w(["none": 0.15])),
            "budget_band": .oneOf(ESEMDraws.w([
                "zero": 0.15, "under_100k": 0.25, "100k_500k": 0.30, "500k_2m": 0.18, "over_2m": 0.07, "dont_know": 0.05,
            ])),
            "coordinator_fte": .decimal(.classes([(0.3, 0...0), (0.5, 0.1...1), (0.2, 1...3)]), digits: 1),
            "reporter_role": .oneOf(ESEMDraws.w(["coordinator": 0.55, "participant": 0.25, "msi_node": 0.12, "observer": 0.08])),
            "contact_ok": .oneOf(ESEMDraws.w(["yes": 0.70, "no": 0.30])),
            "reporter_name": .text(.personName),
            "reporter_org": .text(.organisationName),
            "reporter_email": .text(.email),
        ],
        skipOptional: 0.08
    )
}
