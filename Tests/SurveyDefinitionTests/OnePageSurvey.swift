/// A Swedish survey of one page around the given question lines (each indented by six spaces),
/// for tests of what a definition's checks say; with `yesNo`, it has the list yes_no (`1`, `0`).
enum OnePageSurvey {
    static func yaml(questions: String, yesNo: Bool = false) -> String {
        let choices = yesNo ? """
            choices:
              yes_no:
                - {value: 1, label: Ja}
                - {value: 0, label: Nej}

            """ : ""
        return """
            id: example
            version: "1"
            title: Exempel
            languages: [sv]
            \(choices)pages:
              - id: start
                title: Start
                questions:
            \(questions)
            """
    }
}
