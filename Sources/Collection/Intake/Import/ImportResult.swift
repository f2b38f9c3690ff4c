import Diagnostics

/// What an import did: counts, the first problems in file order, and totals of every problem
/// by code and by column.
public struct ImportResult: Sendable {
    /// The file as named on the command line.
    public var file: String
    public var round: String
    /// Data rows read (the header is not a row).
    public var rowsRead = 0
    /// Responses written to the store, complete and partial.
    public var imported = 0
    /// Of ``imported``, the partial responses (rows whose `status` is `partial`).
    public var importedPartial = 0
    /// Rows with at least one error.
    public var refusedRows = 0
    /// Of ``refusedRows``, those marked partial.
    public var refusedPartialRows = 0
    /// Warnings, file and header errors, and the first row errors (up to the listed limit), in file order.
    public var diagnostics: [Diagnostic] = []
    /// Every error, including those not listed.
    public var errorCount = 0
    /// Errors per code, most frequent first.
    public var errorsByCode: [(code: DiagnosticCode, count: Int)] = []
    /// Errors per column, most frequent first. Errors of a whole row or file (a wrong field count,
    /// an unknown round) belong to no column and are counted in `errorsByCode` only.
    public var errorsByColumn: [(column: String, count: Int)] = []
    /// Seconds from opening the file to committing (or rolling back).
    public var seconds: Double = 0
    /// Where the report of refused rows was written, if it was.
    public var reportPath: String?
    /// The import's id in the store (`samla import list`, `samla import undo --id`), when it wrote responses.
    public var importID: Int64?

    public init(file: String, round: String) {
        self.file = file
        self.round = round
    }

    /// True when nothing was written because of errors: a file or header error, or any row
    /// error without `skipInvalid`. (With `skipInvalid`, refused rows alone do not refuse the file.)
    public var isRefused = false

    /// Errors that the listed diagnostics leave out.
    public var unlistedErrorCount: Int { errorCount - diagnostics.filter(\.isError).count }
}
