import Diagnostics

/// A survey as read, before the checks that look across it: the model, plus what the checks
/// need to avoid reporting one mistake twice.
struct ReadSurvey {
    var survey: Survey
    /// Questions that were left out of the model because they could not be read (no type,
    /// an unknown type): references to them are not reported as undefined.
    var unreadableQuestions: Set<String>
    /// Whether reading reported no error. Warnings about unused parts wait until it did not:
    /// a list looks unused while the question that should use it cannot be read.
    var readWithoutErrors = false
}
