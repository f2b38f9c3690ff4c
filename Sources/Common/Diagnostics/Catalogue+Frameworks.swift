// E3xx and W3xx: impact frameworks and cleaning rules. Errors inside expressions
// (an unknown ${x}, a mean of a text) are E2xx; file and YAML shape problems are E0xx.
extension DiagnosticCode {
    public static let invalidFrameworkID = DiagnosticCode("E301", .error, "the framework id is not a slug (lowercase letters and digits, joined by hyphens)")
    public static let invalidFrameworkName = DiagnosticCode("E302", .error, "a node or indicator id is not an identifier (a letter or _, then letters, digits or _)")
    public static let duplicateFrameworkID = DiagnosticCode("E303", .error, "two nodes or indicators have the same id")
    public static let unknownNode = DiagnosticCode("E304", .error, "contributes_to or an indicator's node names no node of the framework")
    public static let linkToLowerLevel = DiagnosticCode("E305", .error, "a node contributes to a node of a lower level (an outcome to an output) or skips a level (an activity to an outcome)")
    public static let nodeCycle = DiagnosticCode("E306", .error, "nodes contribute to each other in a cycle")
    public static let nodeMissesImpact = DiagnosticCode("E307", .error, "a node whose contributes_to links never reach the impact")
    public static let unknownSurvey = DiagnosticCode("E308", .error, "a survey that no definition or round of the framework provides")
    public static let unknownIndicatorKind = DiagnosticCode("E309", .error, "an indicator kind that does not exist")
    public static let keyNotForKind = DiagnosticCode("E310", .error, "a key that this indicator kind does not take (a numerator on a mean)")
    public static let unknownFrameworkVariable = DiagnosticCode("E311", .error, "a weight, stratum, disaggregation or duplicate key that is no variable of the survey (nor a breakdown Samla provides)")
    public static let unsuitableVariable = DiagnosticCode("E312", .error, "a variable of the wrong type for its place (a text weight, a disaggregation by a number)")
    public static let unknownFrameworkRound = DiagnosticCode("E313", .error, "a baseline, target, reported value or cleaning rule for a round the framework does not declare")
    public static let roundOfOtherSurvey = DiagnosticCode("E314", .error, "a baseline or target round of a different survey than the indicator's")
    public static let invalidIndicatorValue = DiagnosticCode("E315", .error, "a baseline, target or reported value that is not a number in the indicator's range")
    public static let duplicateFrameworkRound = DiagnosticCode("E316", .error, "two rounds with the same name")
    public static let invalidFrameworkRoundName = DiagnosticCode("E317", .error, "a round name that is not a slug")
    public static let designWithoutWeight = DiagnosticCode("E318", .error, "strata or fpc given without a weight")
    public static let invalidThreshold = DiagnosticCode("E319", .error, "a suppression threshold or p % rule, minimum completeness or minimum time out of range")
    public static let targetsWithoutDirection = DiagnosticCode("E320", .error, "targets without a direction (up or down)")
    public static let noRoundForSurvey = DiagnosticCode("E321", .error, "an indicator's survey has no round declared in the framework")
    public static let targetNotAfterBaseline = DiagnosticCode("E322", .error, "a target for a round that does not come after the baseline's round")
    public static let populationCodeNotInChoices = DiagnosticCode("E325", .error, "a population count for a code that the post-stratification variable's choices do not have")
    public static let populationCountNotPositive = DiagnosticCode("E326", .error, "a population count that is not a number above 0")
    public static let emptyPostStratum = DiagnosticCode("E327", .error, "a post-stratum with a population count but no cleaned response in the round")
    public static let responsesOutsidePostStrata = DiagnosticCode("E328", .error, "cleaned responses whose post-stratification variable is empty or a code without a population count")
    public static let marginTotalsDiffer = DiagnosticCode("E330", .error, "raking or calibration margins whose population counts add up to different totals, or not to `population`")
    public static let rakingNotConverged = DiagnosticCode("E331", .error, "raking that does not meet every margin within R's 10 passes")
    public static let marginVariableRepeated = DiagnosticCode("E332", .error, "a variable with two margins under `poststratify`, or with both counts and a total under `calibrate`")
    public static let twoRoundWeightings = DiagnosticCode("E336", .error, "a round with both `poststratify` and `calibrate`")
    public static let populationTotalNotFinite = DiagnosticCode("E337", .error, "a population total under `calibrate` that is not a finite number")
    public static let totalOfNonNumericVariable = DiagnosticCode("E338", .error, "a population total under `calibrate` for a variable that does not hold numbers")
    public static let calibrationImpossible = DiagnosticCode("E339", .error, "calibration the cleaned responses cannot give: weights of 0 or below, or variables the responses cannot tell apart")
    public static let unknownCalibrationMethod = DiagnosticCode("E340", .error, "a calibration `method` other than linear, raking or logit")
    public static let invalidCalibrationBounds = DiagnosticCode("E341", .error, "calibration `bounds` that are not two numbers with 0 ≤ lower < 1 < upper")
    public static let logitWithoutBounds = DiagnosticCode("E342", .error, "logit calibration without `bounds`")
    public static let calibrationNotConverged = DiagnosticCode("E343", .error, "calibration that does not meet its targets within R's 50 iterations")
    public static let weightsOutOfRange = DiagnosticCode("E344", .error, "post-stratification or calibration whose weights would leave the range of 64-bit floating-point numbers")
    public static let percentSpelledAsLabel = DiagnosticCode("E345", .error, "a proportion whose unit spells percent otherwise than `percent` (`%`, `procent`, `Percent`), which would show the share from 0 to 1 beside it")
    public static let computeLanguageUnknown = DiagnosticCode("E346", .error, "the language asked of `samla compute` (--lang) is not one of the framework's languages")

    public static let percentOnLevel = DiagnosticCode("W301", .warning, "unit percent on an indicator that is not a share (a mean, median, total or count)")
    public static let nodeWithoutIndicator = DiagnosticCode("W302", .warning, "an output or outcome that no indicator measures")
    public static let codeWithoutPopulationCount = DiagnosticCode("W303", .warning, "a code of the post-stratification variable's choices without a population count")
    public static let calibrationVariableMayBeEmpty = DiagnosticCode("W304", .warning, "a variable with a population total under `calibrate` that a response can leave empty")
    public static let questionChangedBetweenRounds = DiagnosticCode("W305", .warning, "a change between two rounds whose definitions ask a question the indicator reads differently")
    /// `samla validate --db`: the survey file is of another version than a round that is collecting,
    /// which it may be meant to re-open, and that re-opening would be refused (E445, E446).
    public static let reopeningCollectingRoundRefused = DiagnosticCode("W306", .warning, "re-opening a round that is collecting with this definition would lose answers it has")
    public static let baseHoldsResponsesNotAsked = DiagnosticCode("W307", .warning, "an indicator whose base holds responses that were never asked a question its value reads, which its `universe` could leave out")

    static let frameworkCodes: [DiagnosticCode] = [
        invalidFrameworkID, invalidFrameworkName, duplicateFrameworkID, unknownNode, linkToLowerLevel, nodeCycle,
        nodeMissesImpact, unknownSurvey, unknownIndicatorKind, keyNotForKind, unknownFrameworkVariable,
        unsuitableVariable, unknownFrameworkRound, roundOfOtherSurvey, invalidIndicatorValue, duplicateFrameworkRound,
        invalidFrameworkRoundName, designWithoutWeight, invalidThreshold, targetsWithoutDirection, noRoundForSurvey,
        targetNotAfterBaseline, populationCodeNotInChoices, populationCountNotPositive, emptyPostStratum,
        responsesOutsidePostStrata, marginTotalsDiffer, rakingNotConverged, marginVariableRepeated, twoRoundWeightings,
        populationTotalNotFinite, totalOfNonNumericVariable, calibrationImpossible, unknownCalibrationMethod,
        invalidCalibrationBounds, logitWithoutBounds, calibrationNotConverged, weightsOutOfRange, percentSpelledAsLabel, computeLanguageUnknown, percentOnLevel, nodeWithoutIndicator,
        codeWithoutPopulationCount, calibrationVariableMayBeEmpty, questionChangedBetweenRounds, reopeningCollectingRoundRefused,
        baseHoldsResponsesNotAsked,
    ]
}
