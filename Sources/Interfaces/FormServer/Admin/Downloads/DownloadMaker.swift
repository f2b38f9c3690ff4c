import Diagnostics
import Exports
import Foundation
import Hummingbird
import Store

/// Makes the admin pages' downloads with the Exports module (the package cleaned by a loaded
/// framework, as ``DownloadCleaning`` decides): exports the round into a temporary
/// folder (off the request threads), opens the files wanted, removes the folder, and answers with
/// a body that streams them from disk in chunks, as they are or framed as a stored ZIP. Memory
/// holds one chunk at a time whatever the number of responses.
struct DownloadMaker: Sendable {
    let exporter: Exporter
    let cleaning: DownloadCleaning
    static let chunkBytes = 256 * 1024

    /// The response for `download` of `round` (`forExcel`: semicolons and decimal commas); throws
    /// `ExportError`, `AggregationError`, `StoreError`, `DownloadError`.
    func response(_ download: AdminDownload, round: String, language: String?, forExcel: Bool = false, now: Date = Date()) async throws -> Response {
        let exporter = self.exporter
        let cleaning = self.cleaning
        let (files, zip, shownLanguage) = try await BlockingWork.run { () throws -> (ExportedFiles, StoredZip?, String) in
            let options = try cleaning.options(download, round: round, language: language, forExcel: forExcel, store: exporter.store)
            let plan = try exporter.plan(round: round, options: options)
            let folder = try Self.temporaryFolder()
            defer { TemporaryPaths.shared.remove([folder]) }
            let output = (folder as NSString).appendingPathComponent("export")
            let summary = try exporter.export(plan, to: output)
            let files = try ExportedFiles(folder: output, names: download.files(of: plan, written: summary.files.map { ($0 as NSString).lastPathComponent }))
            guard download == .euclidPackage else { return (files, nil, plan.layout.language) }
            let prefix = download.folderName(round: round) + "/"
            let entries = try files.files.indices.map { index in
                StoredZip.Entry(name: prefix + files.files[index].name, size: files.files[index].size, crc: try files.checksum(index))
            }
            guard let zip = StoredZip(entries: entries, modified: Self.utcParts(now)) else {
                throw DownloadError.tooLargeForZip(entries.reduce(0) { $0 + $1.size })
            }
            return (files, zip, plan.layout.language)
        }

        var headers = HTTPFields()
        headers[.contentType] = download.contentType
        headers[.contentDisposition] = #"attachment; filename="\#(download.fileName(round: round, language: shownLanguage, forExcel: forExcel))""#
        headers[.cacheControl] = "no-store"
        let length = zip?.totalSize ?? files.files.reduce(0) { $0 + $1.size }
        let body = ResponseBody(contentLength: length) { writer in
            for index in files.files.indices {
                if let zip { try await writer.write(ByteBuffer(bytes: zip.localHeader(index))) }
                var offset = 0
                while offset < files.files[index].size {
                    let start = offset
                    let chunk = try await BlockingWork.run { try files.read(index, at: start, count: Self.chunkBytes) }
                    offset += chunk.readableBytes
                    try await writer.write(chunk)
                }
            }
            if let zip { try await writer.write(ByteBuffer(bytes: zip.trailer())) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// A new folder in the system's temporary folder, in ``TemporaryPaths/shared`` until it is
    /// removed (`samla serve` removes what is left of it when it stops).
    private static func temporaryFolder() throws -> String {
        var failure: Int32 = 0
        let folder = TemporaryPaths.shared.make { () -> String? in
            var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("samla-download-XXXXXX").utf8CString)
            guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
                failure = errno
                return nil
            }
            return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        guard let folder else { throw DownloadError.unreadable(NSTemporaryDirectory(), errno: failure) }
        return folder
    }

    private static func utcParts(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (parts.year ?? 1980, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
