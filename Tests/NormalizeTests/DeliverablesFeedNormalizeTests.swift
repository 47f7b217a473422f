import Foundation
import Testing
import LandscapeModel
import TestSupport
import Ingest
@testable import Normalize

@Suite("ISO Open Data deliverables, normalized")
struct DeliverablesFeedNormalizeTests {
    @Test func feedRecordsMeetTheSTSRecordsOfTheSameStandard() throws {
        let folder = try TemporaryFolder()
        let sts = try folder.write("iso.xml", """
            <standards>
            <standard><front><iso-meta><title-wrap xml:lang="en"><full>Information technology — Security techniques — ISMS — Requirements</full></title-wrap>
            <std-ref type="dated">ISO/IEC 27001:2013</std-ref><pub-date>2013-09</pub-date><comm-ref>ISO/IEC JTC 1/SC 27</comm-ref>
            <custom-meta-group><custom-meta><meta-name>stage</meta-name><meta-value>90.93</meta-value></custom-meta></custom-meta-group></iso-meta></front></standard>
            </standards>
            """)
        let feed = try folder.write("iso_deliverables_metadata.jsonl", [
            #"{"id":54534,"deliverableType":"IS","reference":"ISO/IEC  27001:2013","title":{"en":"ISMS — Requirements"},"publicationDate":"2013-09-25","icsCode":["35.030"],"ownerCommittee":"ISO/IEC JTC 1/SC 27","currentStage":9599,"replacedBy":[27001],"scope":{"en":"<p>Specifies the requirements &amp; guidance.</p><p>Second.</p>"}}"#,
            #"{"id":27001,"deliverableType":"IS","reference":"ISO/IEC 27001:2022","currentStage":6060,"replaces":[54534]}"#,
            #"{"id":88435,"deliverableType":"IS","supplementType":"Amd","reference":"ISO/IEC 27001:2022 Amd 1","currentStage":6060}"#,
            #"{"id":12,"deliverableType":"TS","reference":"ISO 12:2020","currentStage":6060}"#,
        ].joined(separator: "\n"))
        let ingest = CatalogIngester(concurrency: 1).ingest([
            InputFile(source: "iso", format: .nisoSts, path: sts),
            InputFile(source: "iso-open-data", format: .isoOpenData, path: feed),
        ])
        #expect(ingest.quarantine.isEmpty)
        let result = Normalizer(concurrency: 1).normalize(ingest.records)
        let byID = Dictionary(uniqueKeysWithValues: result.standards.map { ($0.id, $0) })
        #expect(result.standards.count == 4)
        let old = try #require(byID["ISO/IEC 27001:2013"])
        #expect(old.sources == ["iso", "iso-open-data"])
        #expect(old.stage == .withdrawn && old.stageCode == "95.99" && old.status == .withdrawn)
        #expect(old.provenance["stage"]?.hasPrefix("currentStage, harmonized stage code") == true)
        #expect(old.title == "Information technology — Security techniques — ISMS — Requirements")
        #expect(old.published == "2013-09-25")
        #expect(old.ics == ["35.030"])
        #expect(old.abstract == "Specifies the requirements & guidance.\nSecond.")
        #expect(old.replacedBy == ["ISO/IEC 27001:2022"])
        #expect(result.merges.map(\.id) == ["ISO/IEC 27001:2013"])
        #expect(byID["ISO/IEC 27001:2022"]?.relations == [Relation(kind: .replaces, target: "ISO/IEC 27001:2013")])
        #expect(byID["ISO/IEC 27001:2022"]?.replacedBy == [])
        #expect(byID["ISO/IEC 27001:2022 Amd 1"]?.deliverableType == .amendment)
        #expect(byID["ISO 12:2020"]?.deliverableType == .technicalSpecification)
    }
}
