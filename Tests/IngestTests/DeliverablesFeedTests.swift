import TestSupport
import Foundation
import Testing
import LandscapeModel
@testable import Ingest

private func readFeed(_ path: String, limits: IngestLimits = .default) -> CatalogIngester.FileOutcome {
    CatalogIngester(limits: limits).readFile(InputFile(source: "iso-open-data", format: .isoOpenData, path: path))
}

/// Three deliverables: a withdrawn edition, its replacement, and an amendment.
private let feedLines = [
    #"{"id":54534,"deliverableType":"IS","supplementType":null,"reference":"ISO/IEC 27001:2013","title":{"en":"Information technology — Security techniques — Information security management systems — Requirements","fr":"Technologies de l'information — Exigences"},"publicationDate":"2013-09-25","edition":2,"icsCode":["03.100.70","35.030"],"ownerCommittee":"ISO/IEC JTC 1/SC 27","currentStage":9599,"replaces":null,"replacedBy":[27001],"languages":["en","fr"],"pages":{"en":23},"scope":{"en":"<p>Specifies the requirements &amp; guidance.</p>"}}"#,
    #"{"id":27001,"deliverableType":"IS","supplementType":null,"reference":"ISO/IEC 27001:2022","title":{"en":"Information security management systems — Requirements"},"publicationDate":"2022-10-25","edition":3,"icsCode":["35.030"],"ownerCommittee":"ISO/IEC JTC 1/SC 27","currentStage":6060,"replaces":[54534],"replacedBy":null,"languages":["en"],"pages":null,"scope":null}"#,
    #"{"id":88435,"deliverableType":"IS","supplementType":"Amd","reference":"ISO/IEC 27001:2022/Amd 1:2024","title":null,"publicationDate":"2024-02-23","edition":3,"icsCode":null,"ownerCommittee":"ISO/IEC JTC 1/SC 27","currentStage":6060,"replaces":null,"replacedBy":[99999999]}"#,
]

@Suite("ISO Open Data deliverables feed")
struct DeliverablesFeedTests {
    @Test func mapsEveryFieldOfAJSONLine() throws {
        let folder = try TemporaryFolder()
        let outcome = readFeed(try folder.write("iso_deliverables_metadata.jsonl", feedLines.joined(separator: "\n") + "\n"))
        #expect(outcome.records.count == 3)
        #expect(outcome.quarantine.isEmpty)
        let old = try #require(outcome.records.first?.layers.first)
        #expect(outcome.records[0].format == .isoOpenData && outcome.records[0].location.line == 1)
        #expect(old.kind == .openDataDeliverable)
        #expect(old.references["dated"] == "ISO/IEC 27001:2013")
        #expect(old.docType == "IS" && old.supplementType == nil && old.edition == "2" && old.projectId == "54534")
        #expect(old.titles.map(\.language) == ["en", "fr"])
        #expect(old.titles[1].text == "Technologies de l'information — Exigences")
        #expect(old.pubDate == "2013-09-25")
        #expect(old.ics == ["03.100.70", "35.030"])
        #expect(old.committees == ["ISO/IEC JTC 1/SC 27"])
        #expect(old.stageCode == "95.99")
        #expect(old.abstract == "<p>Specifies the requirements &amp; guidance.</p>")
        // Relations resolved from ids to the other records' references.
        #expect(old.relations == [RawRelation(type: "replaced-by", reference: "ISO/IEC 27001:2022")])
        #expect(outcome.records[1].layers[0].relations == [RawRelation(type: "replaces", reference: "ISO/IEC 27001:2013")])
        #expect(outcome.records[1].layers[0].stageCode == "60.60")
        let amendment = outcome.records[2].layers[0]
        #expect(amendment.supplementType == "Amd" && amendment.titles.isEmpty && amendment.relations.isEmpty)
        // An id the feed does not hold is a warning naming the line.
        #expect(outcome.warnings.count == 1)
        #expect(outcome.warnings.first?.location.line == 3)
        #expect(outcome.warnings.first?.message.contains("99999999") == true)
    }

    @Test func quarantinesBadLinesWithLineAndReasonAndReadsOn() throws {
        let folder = try TemporaryFolder()
        let lines = [
            feedLines[0],
            "{\"id\": 1, \"reference\": \"ISO 1:2000\", \"title\": {\"en\": \"cut",           // 2: not JSON
            "",                                                                                // 3: blank, skipped
            "{\"id\": 2, \"title\": {\"en\": \"No reference\"}}",                             // 4: no reference
            "{\"id\": 3, \"reference\": \"ISO 3:2000\", \"currentStage\": \"sixty\"}",        // 5: wrong type
            "{\"id\": 4, \"reference\": \"ISO 4:2000\", \"icsCode\": [35]}",                 // 6: wrong type in a list
            "[1, 2]",                                                                          // 7: not an object
            "{\"id\": 5, \"reference\": \"ISO 5:2000\"} trailing",                            // 8: not JSON
            "{\"id\": 6, \"reference\": \"ISO 6:2000\"}",
        ]
        let path = try folder.write("feed.jsonl", lines.joined(separator: "\n"))
        let outcome = readFeed(path)
        #expect(outcome.records.map { $0.layers[0].references["dated"] } == ["ISO/IEC 27001:2013", "ISO 6:2000"])
        #expect(outcome.records.map(\.location.line) == [1, 9])
        #expect(outcome.quarantine.map(\.location.line) == [2, 4, 5, 6, 7, 8])
        #expect(outcome.quarantine.allSatisfy { $0.scope == .record && $0.location.file == path })
        let reasons = outcome.quarantine.map(\.reason)
        #expect(reasons[0].hasPrefix("not JSON: unterminated string at column"))
        #expect(reasons[1].hasPrefix("no usable reference"))
        #expect(reasons[2] == "wrong type: `currentStage` must be a whole number or null, not a string")
        #expect(outcome.quarantine[2].reference == "ISO 3:2000")
        #expect(reasons[3] == "wrong type: `icsCode` must be a list of texts, not a number")
        #expect(reasons[4].contains("not a JSON object"))
        #expect(reasons[5].hasPrefix("not JSON: unexpected text after the value"))
        #expect(outcome.report.records == 2 && outcome.report.quarantined == 6)
    }

    @Test func readsGzipAndQuarantinesATruncatedStreamKeepingTheCompleteLines() throws {
        let folder = try TemporaryFolder()
        let lines = (1...4000).map { #"{"id":\#($0),"reference":"ISO \#($0):2001","title":{"en":"Title number \#($0) of a long enough feed to span several zlib chunks"},"currentStage":6060}"# }
        let text = lines.joined(separator: "\n") + "\n"
        let whole = try folder.writeGzip("whole.jsonl.gz", Data(text.utf8))
        let complete = readFeed(whole)
        #expect(complete.records.count == 4000 && complete.quarantine.isEmpty)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        let cut = try folder.write("cut.jsonl.gz", bytes.prefix(bytes.count / 2))
        let outcome = readFeed(cut)
        #expect(outcome.records.count > 1000 && outcome.records.count < 4000)
        #expect(outcome.records.enumerated().allSatisfy { $0.element.layers[0].references["dated"] == "ISO \($0.offset + 1):2001" })
        let entry = try #require(outcome.quarantine.first)
        #expect(outcome.quarantine.count == 1)
        #expect(entry.scope == .file && entry.location.file == cut)
        #expect(entry.reason.hasPrefix("truncated gzip:"))
        #expect(entry.location.line == outcome.records.count + 1)
        #expect(entry.reason.contains("\(outcome.records.count) records before it kept"))
    }

    @Test func stopsAtTheDecompressedSizeLimit() throws {
        let folder = try TemporaryFolder()
        let text = String(repeating: #"{"reference":"ISO 1:2000","scope":{"en":"<p>padding padding padding</p>"}}"# + "\n", count: 20_000)
        let path = try folder.writeGzip("bomb.jsonl.gz", Data(text.utf8))
        var limits = IngestLimits.default
        limits.maxDecompressedBytes = 100_000
        let outcome = readFeed(path, limits: limits)
        #expect(outcome.records.count < 2000)
        #expect(outcome.quarantine.last?.reason.hasPrefix("limit exceeded: more than 100000 bytes after decompression") == true)
    }

    @Test func readsTheCSVVariantByHeaderNameWithQuotedMultiLineCells() throws {
        let folder = try TemporaryFolder()
        let csv = """
            \u{FEFF}reference,id,deliverableType,supplementType,title.en,title.fr,publicationDate,edition,icsCode,ownerCommittee,currentStage,replaces,replacedBy,languages,pages.en,scope.en\r
            ISO 31000:2009,43170,IS,,"Risk management — Principles and guidelines",,2009-11-13,1,['03.100.01'],ISO/TC 262,9599,,[65694],"['en', 'fr']",24,"<p>Provides principles, and ""generic"" guidelines.</p>
            <p>Second paragraph.</p>"\r
            ISO 31000:2018,65694,IS,,"Risk management — Guidelines","Management du risque — Lignes directrices",2018-02-14,2,"[""03.100.01""]",ISO/TC 262,9093.0,43170,,en,16,\r
            ISO 2:2000,2,IS,,Too few cells\r
            ,3,IS,,No reference,,,,,,,,,,,\r
            ISO 4:2000,4,IS,,Bad stage,,,,,,ninety,,,,,\r
            ISO 5:2000,5,IS,,"Never closed,,,,,,,,,,,
            """
        let path = try folder.write("iso_deliverables_metadata.csv", csv)
        let outcome = readFeed(path)
        #expect(outcome.records.map { $0.layers[0].references["dated"] } == ["ISO 31000:2009", "ISO 31000:2018"])
        #expect(outcome.records.map(\.location.line) == [2, 4])
        let old = outcome.records[0].layers[0]
        #expect(old.titles.map(\.text) == ["Risk management — Principles and guidelines"])
        #expect(old.ics == ["03.100.01"] && old.stageCode == "95.99" && old.committees == ["ISO/TC 262"])
        #expect(old.abstract == "<p>Provides principles, and \"generic\" guidelines.</p>\n<p>Second paragraph.</p>")
        #expect(old.relations == [RawRelation(type: "replaced-by", reference: "ISO 31000:2018")])
        let new = outcome.records[1].layers[0]
        #expect(new.ics == ["03.100.01"] && new.stageCode == "90.93" && new.titles.count == 2)
        #expect(new.relations == [RawRelation(type: "replaces", reference: "ISO 31000:2009")])
        #expect(outcome.quarantine.map(\.location.line) == [5, 6, 7, 8])
        #expect(outcome.quarantine[0].reason == "invalid row: 5 cells, the header names 16")
        #expect(outcome.quarantine[1].reason.hasPrefix("no usable reference"))
        #expect(outcome.quarantine[2].reason == "wrong type: `currentStage` must be a whole number, not \"ninety\"")
        #expect(outcome.quarantine[3].reason.contains("never closed"))
    }

    @Test func listsWrittenAsTextInEveryUsualForm() {
        #expect(DeliverableRecord.list(#"["35.020","35.240"]"#) == ["35.020", "35.240"])
        #expect(DeliverableRecord.list("['35.020', '35.240']") == ["35.020", "35.240"])
        #expect(DeliverableRecord.list("35.020;35.240") == ["35.020", "35.240"])
        #expect(DeliverableRecord.list("[1234, 5678]") == ["1234", "5678"])
        #expect(DeliverableRecord.list(nil).isEmpty)
    }

    @Test func parsesJSONEscapesAndRefusesBrokenText() throws {
        #expect(try JSONValue.parse(#"{"a":"x\"\\\/\n\u00e9\ud83d\ude00","b":[1,-2.5e1,true,null]}"#)
                == .object([("a", .string("x\"\\/\né😀")), ("b", .array([.number(1), .number(-25), .bool(true), .null]))]))
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(#"{"a":}"#) }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(#"{"a":01x}"#) }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) }
    }

    @Test func ingestsTheSampleFeedInInputs() throws {
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let outcome = readFeed("/" + path + "/Inputs/iso-open-data/iso_deliverables_metadata.jsonl")
        #expect(outcome.records.count == 16)
        #expect(outcome.quarantine.isEmpty && outcome.warnings.isEmpty)
        let withdrawn = outcome.records.filter { $0.layers[0].stageCode == "95.99" }
        #expect(withdrawn.count == 2)
        #expect(withdrawn.allSatisfy { $0.layers[0].relations.first?.type == "replaced-by" })
    }
}
