// E470–E483 and E486–E489, E495: the web server and the JSON API (requests, tokens, idempotency, slow
// clients, sign-in, the admins and API tokens files, reading them again on SIGHUP). E484–E485, the links files of `samla remind`, are in Catalogue+Data.swift with
// the other data codes.
extension DiagnosticCode {
    public static let apiUnauthorized = DiagnosticCode("E470", .error, "an API request without the right bearer token")
    public static let idempotencyKeyMissing = DiagnosticCode("E471", .error, "an API submission without a usable Idempotency-Key header")
    public static let idempotencyKeyReused = DiagnosticCode("E472", .error, "an idempotency key used before with a different request")
    public static let malformedJSON = DiagnosticCode("E473", .error, "an API body that is not a JSON object of answers")
    public static let bodyTooLarge = DiagnosticCode("E474", .error, "a request body larger than the server accepts")
    public static let csrfRejected = DiagnosticCode("E475", .error, "a form post without its valid CSRF token")
    public static let secretUnreadable = DiagnosticCode("E476", .error, "a secret file that cannot be read")
    public static let secretTooShort = DiagnosticCode("E477", .error, "an admin secret or API token shorter than 16 characters")
    public static let cannotListen = DiagnosticCode("E478", .error, "the server cannot listen on the given host and port")
    public static let adminLoginFailed = DiagnosticCode("E479", .error, "a wrong admin secret at the login form")
    public static let unsupportedMediaType = DiagnosticCode("E480", .error, "an API body that is not sent as application/json")
    public static let serviceNotConfigured = DiagnosticCode("E481", .error, "the admin pages or the API are off because no secret is configured")
    public static let unknownLinkToken = DiagnosticCode("E482", .error, "a personal link whose token no invitation or response has")
    public static let apiUnknownLanguage = DiagnosticCode("E483", .error, "a Content-Language that is not a language of the survey")
    public static let requestTooSlow = DiagnosticCode("E486", .error, "a request whose body did not arrive in time")
    public static let adminSignInPaused = DiagnosticCode("E487", .error, "an admin sign-in refused unchecked after too many failed ones")
    public static let secretsEntryMalformed = DiagnosticCode("E488", .error, "a line of an admin secrets or API tokens file that is not `name: secret`")
    public static let secretsDuplicate = DiagnosticCode("E489", .error, "two admins or API clients of one file with the same name or the same secret")
    public static let secretsNotReloaded = DiagnosticCode("E495", .error, "a secrets file not reloaded: the admins or API clients read before stay in force")

    static let webCodes: [DiagnosticCode] = [
        apiUnauthorized, idempotencyKeyMissing, idempotencyKeyReused, malformedJSON, bodyTooLarge, csrfRejected,
        secretUnreadable, secretTooShort, cannotListen, adminLoginFailed, unsupportedMediaType, serviceNotConfigured,
        unknownLinkToken, apiUnknownLanguage, requestTooSlow, adminSignInPaused, secretsEntryMalformed, secretsDuplicate,
        secretsNotReloaded,
    ]
}
