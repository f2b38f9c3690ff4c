import Foundation
import SurveyDefinition

/// The questions' labels, in every language of the survey, by which a header names a question
/// when it was written from the form or by a survey tool that heads columns with the question's
/// text (`Vilken är din huvudsakliga roll i organisationen?` for `resp_role`).
struct QuestionLabels {
    /// The question a label names, and the label's language.
    struct Match: Equatable {
        var question: String
        var language: String
    }

    private var matches: [String: Match] = [:]
    /// Labels that two questions share: they name neither.
    private var shared: Set<String> = []

    init(survey: Survey) {
        for question in survey.questions where question.type.isAnswered {
            for (language, text) in question.label?.translations ?? [:] {
                let key = Self.key(text)
                if let other = matches[key], other.question != question.name { shared.insert(key) }
                if matches[key] == nil { matches[key] = Match(question: question.name, language: language) }
            }
        }
    }

    /// The one question whose label `name` is, ignoring letter case and spaces at the ends.
    func question(labelled name: String) -> Match? {
        let key = Self.key(name)
        return shared.contains(key) ? nil : matches[key]
    }

    private static func key(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
