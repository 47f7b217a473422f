import TestSupport
import Foundation
import Testing
import LandscapeModel
@testable import Ingest

private func read(_ xml: String, format: SourceFormat, name: String = "catalog.xml") throws -> CatalogIngester.FileOutcome {
    let folder = try TemporaryFolder()
    let path = try folder.write(name, xml)
    return CatalogIngester().readFile(InputFile(source: "test", format: format, path: path))
}

@Suite("NISO STS adapter")
struct StsAdapterTests {
    @Test func readsStdMetaAndLegacyIsoMetaUnderAnyWrapper() throws {
        let outcome = try read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <anything><standards>
            <standard xml:lang="en"><front><std-meta>
              <title-wrap xml:lang="en"><intro>Information technology</intro><main>Artificial intelligence</main><compl>Management system</compl></title-wrap>
              <title-wrap xml:lang="fr"><full>Technologies de l'information</full></title-wrap>
              <proj-id>81230</proj-id><release-version>IS</release-version>
              <std-ident><originator>ISO/IEC</originator><doc-type>IS</doc-type><doc-number>42001</doc-number><edition>1</edition></std-ident>
              <std-ref type="dated">ISO/IEC 42001:2023</std-ref><std-ref type="undated">ISO/IEC 42001</std-ref>
              <pub-date>2023-12</pub-date><comm-ref>ISO/IEC JTC 1/SC 42</comm-ref><ics>35.020</ics><ics>03.100.70</ics>
              <std-xref type="revises"><std-ref>ISO/IEC 42001:2020</std-ref></std-xref>
              <abstract xml:lang="en"><p>One.</p><p>Two.</p></abstract>
              <kwd-group><kwd>AI</kwd></kwd-group>
              <custom-meta-group><custom-meta><meta-name>stage</meta-name><meta-value>60.60</meta-value></custom-meta></custom-meta-group>
            </std-meta></front></standard>
            <standard><front><iso-meta><std-ref type="dated">ISO 1:1975</std-ref></iso-meta></front></standard>
            </standards></anything>
            """, format: .nisoSts)
        #expect(outcome.quarantine.isEmpty)
        try #require(outcome.records.count == 2)
        let layer = try #require(outcome.records[0].layers.first)
        #expect(layer.kind == .stdMeta)
        #expect(layer.references == ["dated": "ISO/IEC 42001:2023", "undated": "ISO/IEC 42001"])
        #expect(layer.titles.map(\.language) == ["en", "fr"])
        #expect(layer.titles[0].text == "Information technology — Artificial intelligence — Management system")
        #expect(layer.originator == "ISO/IEC" && layer.docNumber == "42001" && layer.releaseVersion == "IS" && layer.projectId == "81230")
        #expect(layer.committees == ["ISO/IEC JTC 1/SC 42"])
        #expect(layer.ics == ["35.020", "03.100.70"])
        #expect(layer.relations == [RawRelation(type: "revises", reference: "ISO/IEC 42001:2020")])
        #expect(layer.abstract == "One.\nTwo.")
        #expect(layer.keywords == ["AI"])
        #expect(layer.stageCode == "60.60")
        #expect(layer.pubDate == "2023-12")
        #expect(outcome.records[0].location.line == 3)
        #expect(outcome.records[1].layers[0].kind == .isoMeta)
    }

    @Test func ordersAdoptionLayersAdoptingLayerFirst() throws {
        let outcome = try read("""
            <adoption>
              <adoption-front><nat-meta originator="DIN"><std-ref type="dated">DIN EN ISO 9241-210:2020</std-ref></nat-meta></adoption-front>
              <adoption>
                <adoption-front><reg-meta originator="CEN"><std-ref type="dated">EN ISO 9241-210:2019</std-ref></reg-meta></adoption-front>
                <standard><front><std-meta><std-ref type="dated">ISO 9241-210:2019</std-ref></std-meta></front>
                <body><sec><p>skipped</p><std-ref type="dated">NOT ME</std-ref></sec></body><back><ref-list/></back></standard>
              </adoption>
            </adoption>
            """, format: .nisoSts)
        try #require(outcome.records.count == 1)
        let layers = outcome.records[0].layers
        #expect(layers.map(\.kind) == [.natMeta, .regMeta, .stdMeta])
        #expect(layers.map { $0.references["dated"] ?? "" } == ["DIN EN ISO 9241-210:2020", "EN ISO 9241-210:2019", "ISO 9241-210:2019"])
        #expect(layers[1].originatorAttribute == "CEN")
    }

    @Test func ordersBlocksOfOneFrontNationalFirst() throws {
        let outcome = try read("""
            <standard><front>
              <iso-meta><std-ref type="dated">ISO 1:2000</std-ref></iso-meta>
              <reg-meta><std-ref type="dated">EN ISO 1:2001</std-ref></reg-meta>
              <nat-meta><std-ref type="dated">BS EN ISO 1:2002</std-ref></nat-meta>
            </front></standard>
            """, format: .nisoSts)
        #expect(outcome.records.first?.layers.map(\.kind) == [.natMeta, .regMeta, .isoMeta])
    }

    @Test func quarantinesARecordWithoutAnyReference() throws {
        let outcome = try read("""
            <standards><standard><front><std-meta><title-wrap><main>Nameless</main></title-wrap></std-meta></front></standard>
            <standard><front><std-meta><std-ref type="dated">ISO 2:2000</std-ref></std-meta></front></standard></standards>
            """, format: .nisoSts)
        #expect(outcome.records.count == 1)
        #expect(outcome.quarantine.count == 1)
        #expect(outcome.quarantine.first?.scope == .record)
        #expect(outcome.quarantine.first?.reason.hasPrefix("no usable reference") == true)
        #expect(outcome.quarantine.first?.location.line == 1)
    }
}

@Suite("IEEE IDAMS adapter")
struct IdamsAdapterTests {
    @Test func readsASingleRecordWithTheIdamsDoctypeCDATAAndEntities() throws {
        let outcome = try read("""
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE publication PUBLIC "-//IEEE//IDAMS Exchange V2.0.0//EN" "ieee_idams_exchange.dtd">
            <publication>
              <title><![CDATA[IEEE Std 7010-2020]]></title>
              <normtitle><![CDATA[IEEE Std 7010-2020]]></normtitle>
              <standardsfamilytitle>IEEE Recommended Practice for Assessing the Impact of A/IS on Human Well-Being</standardsfamilytitle>
              <publicationinfo>
                <stdnumber>7010-2020</stdnumber><publicationtype>Standard</publicationtype><pubstatus>Active</pubstatus>
                <standard_status>Active</standard_status>
                <standardmodifierset><standard_modifier>Approved</standard_modifier></standardmodifierset>
                <standard_relationship type="J">IEEE Std 7010-2019</standard_relationship>
                <icscodes><code_term codenum="35.020">IT in general</code_term></icscodes>
                <pubsponsoringcommitteeset><pubsponsoringcommittee><![CDATA[Standards Committee of the IEEE Systems, Man, and Cybernetics Society]]></pubsponsoringcommittee></pubsponsoringcommitteeset>
                <publisher><publishername>IEEE</publishername></publisher><holdstatus>Publish</holdstatus>
              </publicationinfo>
              <volume><volumeinfo><year>2020</year></volumeinfo><article>
                <title><![CDATA[IEEE Recommended Practice]]></title>
                <articleinfo>
                  <abstract abstracttype="Standard">Impact&#8482; of A/IS &trade; on well-being.</abstract>
                  <date datetype="OriginalPub"><year>2020</year><month>May</month><day>1</day></date>
                  <keywordset><keyword><keywordterm><![CDATA[well-being]]></keywordterm></keyword></keywordset>
                </articleinfo>
              </article></volume>
            </publication>
            """, format: .ieeeIdams)
        #expect(outcome.quarantine.isEmpty)
        try #require(outcome.records.count == 1)
        let layer = outcome.records[0].layers[0]
        let ieee = try #require(layer.ieee)
        #expect(layer.kind == .idamsPublication)
        #expect(ieee.normTitle == "IEEE Std 7010-2020" && ieee.title == "IEEE Std 7010-2020")
        #expect(ieee.articleTitle == "IEEE Recommended Practice")
        #expect(ieee.standardStatus == "Active" && ieee.modifiers == ["Approved"] && ieee.stdNumber == "7010-2020")
        #expect(layer.titles.first?.text == "IEEE Recommended Practice for Assessing the Impact of A/IS on Human Well-Being")
        #expect(layer.relations == [RawRelation(type: "J", reference: "IEEE Std 7010-2019")])
        #expect(layer.ics == ["35.020"])
        #expect(layer.committees == ["Standards Committee of the IEEE Systems, Man, and Cybernetics Society"])
        #expect(layer.abstract == "Impact\u{2122} of A/IS  on well-being.")
        #expect(ieee.dates == [RawDate(type: "OriginalPub", year: "2020", month: "May", day: "1")])
        #expect(layer.keywords == ["well-being"])
        // The entity only the DTD defines was left out, and said so.
        #expect(outcome.warnings.contains { $0.message.contains("trade") })
    }

    @Test func readsManyRecordsUnderAWrapper() throws {
        let records = (1...50).map { "<publication><normtitle>IEEE Std \($0)-2020</normtitle></publication>" }.joined(separator: "\n")
        let outcome = try read("<publications>\n\(records)\n</publications>", format: .ieeeIdams)
        #expect(outcome.records.count == 50)
        #expect(outcome.records.map { $0.layers[0].ieee?.normTitle ?? "" } == (1...50).map { "IEEE Std \($0)-2020" })
        #expect(outcome.records.map(\.location.line) == Array(2...51))
    }
}

@Suite("Catalog ingester")
struct CatalogIngesterTests {
    @Test func brokenFilesEndInQuarantineWhileOtherFilesSurvive() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write("good.xml", "<s><standard><front><std-meta><std-ref type=\"dated\">ISO 1:2000</std-ref></std-meta></front></standard></s>")
        let truncated = try folder.write("truncated.xml", "<s><standard><front><std-meta><std-ref type=\"dated\">ISO 2:2000</std-ref></std-meta></front></standard><standard><front><std-me")
        var invalid = Data("<s><standard><front><std-meta><std-ref type=\"dated\">ISO 3:2000 ".utf8)
        invalid.append(contentsOf: [0xC3, 0x28, 0xFF])
        invalid.append(Data("</std-ref></std-meta></front></standard></s>".utf8))
        let badUTF8 = try folder.write("invalid-utf8.xml", invalid)
        let external = try folder.write("external-entity.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <s><standard><front><std-meta><std-ref type="dated">&x;</std-ref></std-meta></front></standard></s>
            """)
        let missing = folder.path + "/missing.xml"
        let good2 = try folder.write("good2.xml", "<s><standard><front><std-meta><std-ref type=\"dated\">ISO 4:2000</std-ref></std-meta></front></standard></s>")
        let files = [good, truncated, badUTF8, external, missing, good2].map { InputFile(source: "iso", format: .nisoSts, path: $0) }
        let reports = ReportCollector()
        let result = CatalogIngester(concurrency: 3).ingest(files) { reports.add($0) }

        // ISO 2 is complete before the cut (the next record had started): it is kept.
        #expect(result.records.map { $0.layers[0].references["dated"] ?? "" } == ["ISO 1:2000", "ISO 2:2000", "ISO 4:2000"])
        #expect(result.files.map(\.path) == files.map(\.path))
        #expect(reports.count == files.count)
        let rejected = Dictionary(grouping: result.quarantine, by: \.location.file)
        for path in [truncated, badUTF8, external, missing] {
            let entry = try #require(rejected[path]?.first, "\(path) not quarantined")
            #expect(entry.scope == .file)
        }
        #expect(rejected[truncated]?.first?.reason.hasPrefix("malformed XML: truncated") == true)
        #expect(rejected[badUTF8]?.first?.reason.hasPrefix("malformed XML") == true)
        #expect(rejected[external]?.first?.reason.hasPrefix("hostile XML") == true)
        #expect(rejected[missing]?.first?.reason.hasPrefix("unreadable file") == true)
        let everything = result.records.flatMap { $0.layers.flatMap { $0.references.values } } + result.quarantine.map(\.reason)
        #expect(!everything.joined().contains("root:"))
        #expect(result.files.first { $0.path == good }?.records == 1)
        #expect(result.files.first { $0.path == truncated }?.failure != nil)
    }

    @Test func keepsCompleteRecordsBeforeATruncationInALargeFile() throws {
        let folder = try TemporaryFolder()
        let records = (1...3000).map { "<standard><front><std-meta><std-ref type=\"dated\">ISO \($0):2000</std-ref></std-meta></front></standard>" }.joined(separator: "\n")
        let text = "<s>\n" + records
        let path = try folder.write("cut.xml", String(text.prefix(text.count * 2 / 3)))
        let outcome = CatalogIngester().readFile(InputFile(source: "iso", format: .nisoSts, path: path))
        // The cut falls inside record 2004: the 2003 records before it are complete and kept.
        #expect(outcome.records.count == 2003)
        // Every kept record is complete and in order.
        #expect(outcome.records.enumerated().allSatisfy { $0.element.layers[0].references["dated"] == "ISO \($0.offset + 1):2000" })
        #expect(outcome.quarantine.count == 1)
    }
}

private final class ReportCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [FileReport] = []
    func add(_ report: FileReport) { lock.withLock { reports.append(report) } }
    var count: Int { lock.withLock { reports.count } }
}

@Suite("Samples and corpus")
struct SampleAndCorpusTests {
    @Test func ingestsTheSamplesInInputs() throws {
        let inputs = SharedData.repository + "/Inputs"
        let sources: [(String, SourceFormat, [String])] = [
            ("iso", .nisoSts, ["iso/**/*.xml", "iso/**/*.xml.gz"]),
            ("iec", .nisoSts, ["iec/**/*.xml*"]),
            ("ieee", .ieeeIdams, ["ieee/**/*.xml*"]),
            ("cen-cenelec", .nisoSts, ["cen-cenelec/**/*.xml*"]),
        ]
        var files: [InputFile] = []
        for (name, format, patterns) in sources {
            let found = try FileDiscovery.expand(patterns, relativeTo: inputs)
            #expect(found.problems.isEmpty, "\(found.problems)")
            files += found.files.map { InputFile(source: name, format: format, path: $0) }
        }
        let result = CatalogIngester().ingest(files)
        #expect(result.quarantine.count == 1)
        #expect(result.quarantine.first?.location.file.hasSuffix("broken-truncated.xml") == true)
        let counts = Dictionary(grouping: result.records, by: \.location.source).mapValues(\.count)
        // broken-truncated.xml: the two records complete before the cut are kept; the two
        // full-text samples (fulltext-samples/) are one record each; the JTC 21 catalog
        // (cen-clc-jtc21-catalog.xml) adds eleven.
        #expect(counts == ["iso": 13, "iec": 5, "ieee": 5, "cen-cenelec": 14])
        let adoption = try #require(result.records.first { $0.location.file.hasSuffix("en-iso-iec-23894-2024.xml") && $0.layers.count == 2 })
        #expect(adoption.layers.map { $0.references["dated"] ?? "" } == ["EN ISO/IEC 23894:2024", "ISO/IEC 23894:2023"])
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/corpus"))
    func readsCorpusSlices() throws {
        let files = [
            InputFile(source: "iso", format: .nisoSts, path: SharedData.corpus("iso/catalog-013.xml.gz")),
            InputFile(source: "ieee", format: .ieeeIdams, path: SharedData.corpus("ieee/catalog-003.xml.gz")),
        ]
        let result = CatalogIngester().ingest(files)
        #expect(result.quarantine.isEmpty)
        #expect(result.files.map(\.records) == [5000, 1787])
        let dated = Set(result.records.compactMap { $0.layers.first?.references["dated"] })
        #expect(dated.isSuperset(of: ["ISO/IEC 42001:2023", "ISO/IEC TR 24028:2020"]))
        let ieee = Set(result.records.compactMap { $0.layers.first?.ieee?.normTitle })
        #expect(ieee.isSuperset(of: ["XR Ethics", "ISO/ IEC"]))
    }
}
