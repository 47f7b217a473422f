import Foundation
import Testing
import LandscapeModel
import TestSupport
import Ingest
@testable import Normalize

/// IDAMS records written to disk, read and normalized.
private func normalizeIDAMS(_ normtitles: [String], extra: [RawRecord] = []) throws -> NormalizeResult {
    let folder = try TemporaryFolder()
    let publications = normtitles.map { title in
        """
        <publication><title>\(title)</title><normtitle>\(title)</normtitle>
        <standardsfamilytitle>IEEE Standard for Information Technology</standardsfamilytitle>
        <publicationinfo><standard_status>Active</standard_status></publicationinfo></publication>
        """
    }
    let path = try folder.write("ieee.xml", "<publications>\n" + publications.joined(separator: "\n") + "\n</publications>")
    let ingest = CatalogIngester(concurrency: 1).ingest([InputFile(source: "ieee", format: .ieeeIdams, path: path)])
    #expect(ingest.quarantine.isEmpty)
    return Normalizer(concurrency: 1).normalize(extra + ingest.records)
}

@Suite("IEEE references as IDAMS writes them")
struct IEEEReferenceFormTests {
    /// A project's drafts and the standard they became share an id once the project's marks
    /// are set aside; only hyphen-year publishers' ids lose them.
    @Test func projectMarksAreSetAsideForIEEEAndANSIOnly() {
        #expect(Reference.withoutProjectMarks("IEEE P7001") == "IEEE 7001")
        #expect(Reference.withoutProjectMarks("IEEE Std 7001") == "IEEE 7001")
        #expect(Reference.withoutProjectMarks("IEEE Std 1003.1") == "IEEE 1003.1")
        #expect(Reference.withoutProjectMarks("IEEE/ISO/IEC P15026.3") == "IEEE/ISO/IEC 15026.3")
        #expect(Reference.withoutProjectMarks("ANSI PN42.33") == "ANSI N42.33")
        #expect(Reference.withoutProjectMarks("IEEE PC37.115") == "IEEE C37.115")
        #expect(Reference.withoutProjectMarks("IEEE Std C37.115") == "IEEE C37.115")
        #expect(Reference.withoutProjectMarks("ISO P7001") == "ISO P7001")
        #expect(Reference.withoutProjectMarks("IEEE Pulse") == "IEEE Pulse")
        #expect(Reference.withoutProjectMarks("IEEE PCB1") == "IEEE PCB1")
        #expect(Reference.withoutProjectMarks("IEEE") == "IEEE")
    }

    @Test func aRedlineIsTheSameStandardAsItsCleanEdition() throws {
        let reference = try #require(Reference.parseIEEE("IEEE Std 463-2013 (Revision of IEEE Std 463-2006) - Redline"))
        #expect(reference.id == "IEEE Std 463-2013" && reference.undatedId == "IEEE Std 463" && reference.year == "2013")
        #expect(reference.isRedline && reference.notes == ["(Revision of IEEE Std 463-2006)"])

        let result = try normalizeIDAMS([
            "IEEE Std 463-2013 (Revision of IEEE Std 463-2006) - Redline",
            "IEEE Std 463-2013 (Revision of IEEE Std 463-2006)",
        ])
        #expect(result.standards.map(\.id) == ["IEEE Std 463-2013"])
        let standard = try #require(result.standards.first)
        #expect(standard.aliases == ["IEEE Std 463-2013 (Revision of IEEE Std 463-2006) - Redline"])
        #expect(standard.origins.count == 2)
        #expect(standard.relations.contains(Relation(kind: .revises, target: "IEEE Std 463-2006")))
    }

    @Test func anEditionStatementGivesTheDatedId() throws {
        let joint = try #require(Reference.parseIEEE("ISO/IEC/IEEE 24748-4 First edition 2016-05-15"))
        #expect(joint.id == "ISO/IEC/IEEE 24748-4:2016" && joint.undatedId == "ISO/IEC/IEEE 24748-4" && joint.year == "2016")
        #expect(joint.notes == ["First edition 2016-05-15"])
        #expect(Reference.parseIEEE("IEEE Std 1234 Second edition 2019")?.id == "IEEE Std 1234-2019")
        #expect(Reference.parseIEEE("ISO/IEC/IEEE 29119-1 First Edition 2013-09-01")?.id == "ISO/IEC/IEEE 29119-1:2013")

        // The ISO catalog's record of the same standard meets it.
        var iso = RawLayer(kind: .isoMeta, line: 1)
        iso.references["dated"] = "ISO/IEC/IEEE 24748-4:2016"
        iso.committees = ["ISO/IEC JTC 1/SC 7"]
        let result = try normalizeIDAMS(["ISO/IEC/IEEE 24748-4 First edition 2016-05-15"],
                                        extra: [RawRecord(location: SourceLocation(source: "iso", file: "iso.xml", line: 1), format: .nisoSts, layers: [iso])])
        #expect(result.standards.map(\.id) == ["ISO/IEC/IEEE 24748-4:2016"])
        #expect(result.standards.first?.published == "2016")
        #expect(result.standards.first?.sources == ["iso", "ieee"])
    }

    @Test func aDualNumberedReferenceIsOneStandardUnderItsFirstReference() throws {
        let reference = try #require(Reference.parseIEEE("ISO/IEC 14515-1:2000 IEEE Std 2003.1-2000"))
        #expect(reference.id == "ISO/IEC 14515-1:2000" && reference.sdo == "ISO/IEC" && reference.year == "2000")
        #expect(reference.aliases == ["IEEE Std 2003.1-2000"])
        // Not a second reference: a number after the organisation word is missing.
        #expect(Reference.parse("ISO/IEC DIR 1 ISO SUP:2003")?.aliases == [])

        // A record under the second number joins the dual-numbered one, which names the standard.
        let result = try normalizeIDAMS(["IEEE Std 2003.1-2000", "ISO/IEC 14515-1:2000 IEEE Std 2003.1-2000", "IEEE Std 2003.2-1996"])
        #expect(result.standards.map(\.id) == ["IEEE Std 2003.2-1996", "ISO/IEC 14515-1:2000"])
        let standard = try #require(result.standards.first { $0.id == "ISO/IEC 14515-1:2000" })
        #expect(standard.aliases == ["IEEE Std 2003.1-2000"])
        #expect(standard.origins.map(\.line) == [5, 2]) // the dual-numbered record first
        #expect(result.merges.map(\.id) == ["ISO/IEC 14515-1:2000"])
        #expect(Normalizer.matchKey("ISO/IEC 14515-1:2000 IEEE Std 2003.1-2000") == Normalizer.matchKey("ISO/IEC 14515-1:2000"))
    }
}
