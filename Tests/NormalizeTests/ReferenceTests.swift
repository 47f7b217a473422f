import Testing
import LandscapeModel
@testable import Normalize

/// One expected parse: id, undated id, sdo, type, year, draft mark, stage the reference implies.
struct ReferenceCase: Sendable, CustomTestStringConvertible {
    var text: String
    var id: String
    var undated: String
    var sdo: String
    var type: DeliverableType
    var year: String?
    var draft: String? = nil
    var stage: Stage? = nil
    var redline = false

    var testDescription: String { text }
}

let referenceCases: [ReferenceCase] = [
    .init(text: "ISO/IEC TR 24028:2020", id: "ISO/IEC TR 24028:2020", undated: "ISO/IEC TR 24028", sdo: "ISO/IEC", type: .technicalReport, year: "2020"),
    .init(text: "ISO/IEC 42001:2023", id: "ISO/IEC 42001:2023", undated: "ISO/IEC 42001", sdo: "ISO/IEC", type: .standard, year: "2023"),
    .init(text: "ISO 10033-1:2011/DAM 1", id: "ISO 10033-1:2011/DAM 1", undated: "ISO 10033-1:2011/DAM 1", sdo: "ISO", type: .amendment, year: nil, draft: "DAM 1", stage: .enquiry),
    .init(text: "IEC 60086-3:2011/COR1:2011", id: "IEC 60086-3:2011/COR1:2011", undated: "IEC 60086-3:2011/COR1", sdo: "IEC", type: .corrigendum, year: "2011"),
    .init(text: "ISO/IEC 27001:2022/Amd 1:2024", id: "ISO/IEC 27001:2022/Amd 1:2024", undated: "ISO/IEC 27001:2022/Amd 1", sdo: "ISO/IEC", type: .amendment, year: "2024"),
    .init(text: "IEC 60317-0-9:2015+AMD1:2024 CSV", id: "IEC 60317-0-9:2015+AMD1:2024 CSV", undated: "IEC 60317-0-9:2015+AMD1 CSV", sdo: "IEC", type: .standard, year: "2024"),
    .init(text: "EN ISO/IEC 23894:2024", id: "EN ISO/IEC 23894:2024", undated: "EN ISO/IEC 23894", sdo: "CEN/CLC", type: .standard, year: "2024"),
    .init(text: "prEN 18286", id: "prEN 18286", undated: "prEN 18286", sdo: "CEN/CLC", type: .standard, year: nil, draft: "prEN", stage: .enquiry),
    .init(text: "ANSI/IEEE Std 991-1986", id: "ANSI/IEEE Std 991-1986", undated: "ANSI/IEEE Std 991", sdo: "ANSI/IEEE", type: .standard, year: "1986"),
    .init(text: "IEEE Std 802.11-2020 (Revision of IEEE Std 802.11-2016)", id: "IEEE Std 802.11-2020", undated: "IEEE Std 802.11", sdo: "IEEE", type: .standard, year: "2020"),
    .init(text: "IEEE P2934/D1, May 2021", id: "IEEE P2934/D1, May 2021", undated: "IEEE P2934", sdo: "IEEE", type: .standard, year: "2021", draft: "D1, May 2021", stage: .committee),
    .init(text: "IEEE P2751/D-3-2025-07", id: "IEEE P2751/D-3-2025-07", undated: "IEEE P2751", sdo: "IEEE", type: .standard, year: "2025", draft: "D-3-2025-07", stage: .committee),
    .init(text: "IEEE Std 7010-2020 Redline", id: "IEEE Std 7010-2020", undated: "IEEE Std 7010", sdo: "IEEE", type: .standard, year: "2020", redline: true),
    .init(text: "ISO/IEC/IEEE 24748-3:2020(E)", id: "ISO/IEC/IEEE 24748-3:2020", undated: "ISO/IEC/IEEE 24748-3", sdo: "ISO/IEC/IEEE", type: .standard, year: "2020"),
    .init(text: "CISPR 10:1971", id: "CISPR 10:1971", undated: "CISPR 10", sdo: "CISPR", type: .standard, year: "1971"),
    .init(text: "ISO/IEC DTS 12791.2", id: "ISO/IEC DTS 12791.2", undated: "ISO/IEC DTS 12791.2", sdo: "ISO/IEC", type: .technicalSpecification, year: nil, draft: "DTS", stage: .enquiry),
    .init(text: "ISO/FDIS 11124-6", id: "ISO/FDIS 11124-6", undated: "ISO/FDIS 11124-6", sdo: "ISO", type: .standard, year: nil, draft: "FDIS", stage: .approval),
    .init(text: "ISO/IEC DIR 1 ISO SUP:2003", id: "ISO/IEC DIR 1 ISO SUP:2003", undated: "ISO/IEC DIR 1 ISO SUP", sdo: "ISO/IEC", type: .other, year: "2003"),
    .init(text: "IEEE Std 7001-2021", id: "IEEE Std 7001-2021", undated: "IEEE Std 7001", sdo: "IEEE", type: .standard, year: "2021"),
    .init(text: "IEEE Std 802.11ax-2021", id: "IEEE Std 802.11ax-2021", undated: "IEEE Std 802.11ax", sdo: "IEEE", type: .amendment, year: "2021"),
    .init(text: "IEEE Std 802.1AEdk-2023", id: "IEEE Std 802.1AEdk-2023", undated: "IEEE Std 802.1AEdk", sdo: "IEEE", type: .amendment, year: "2023"),
    .init(text: "IEEE Std 1003.1/Cor1-2002", id: "IEEE Std 1003.1/Cor1-2002", undated: "IEEE Std 1003.1/Cor1", sdo: "IEEE", type: .corrigendum, year: "2002"),
    .init(text: "ISO/IEC/IEEE 8802.1AC/Amd1-2018", id: "ISO/IEC/IEEE 8802.1AC/Amd1-2018", undated: "ISO/IEC/IEEE 8802.1AC/Amd1", sdo: "ISO/IEC/IEEE", type: .amendment, year: "2018"),
    .init(text: "AIEE 11-1937", id: "AIEE 11-1937", undated: "AIEE 11", sdo: "AIEE", type: .standard, year: "1937"),
    .init(text: "ANSI C37.06.1-2000", id: "ANSI C37.06.1-2000", undated: "ANSI C37.06.1", sdo: "ANSI", type: .standard, year: "2000"),
    .init(text: "IEEE PC37.06.1/D-2-2025-05", id: "IEEE PC37.06.1/D-2-2025-05", undated: "IEEE PC37.06.1", sdo: "IEEE", type: .standard, year: "2025", draft: "D-2-2025-05", stage: .committee),
    .init(text: "ISO/IEC/IEEE/ FDIS P21841-2019-04", id: "ISO/IEC/IEEE/ FDIS P21841-2019-04", undated: "ISO/IEC/IEEE/ FDIS P21841", sdo: "ISO/IEC/IEEE", type: .standard, year: "2019", draft: "FDIS", stage: .approval),
    .init(text: "ISO/TS 14441:2013", id: "ISO/TS 14441:2013", undated: "ISO/TS 14441", sdo: "ISO", type: .technicalSpecification, year: "2013"),
    .init(text: "ISO/IEC Guide 51:2014", id: "ISO/IEC Guide 51:2014", undated: "ISO/IEC Guide 51", sdo: "ISO/IEC", type: .guide, year: "2014"),
    .init(text: "IEC PAS 62443-1-5:2023", id: "IEC PAS 62443-1-5:2023", undated: "IEC PAS 62443-1-5", sdo: "IEC", type: .publiclyAvailableSpecification, year: "2023"),
    .init(text: "ISO 1003:2008/CD Amd 1", id: "ISO 1003:2008/CD Amd 1", undated: "ISO 1003:2008/CD Amd 1", sdo: "ISO", type: .amendment, year: nil, draft: "CD Amd 1", stage: .committee),
    .init(text: "  ISO/IEC   TR 24028:2020 ", id: "ISO/IEC TR 24028:2020", undated: "ISO/IEC TR 24028", sdo: "ISO/IEC", type: .technicalReport, year: "2020"),
]

@Suite("Reference parsing")
struct ReferenceTests {
    @Test(arguments: referenceCases)
    func parses(_ expected: ReferenceCase) throws {
        let reference = try #require(Reference.parse(expected.text))
        #expect(reference.id == expected.id)
        #expect(reference.undatedId == expected.undated)
        #expect(reference.sdo == expected.sdo)
        #expect(reference.deliverableType == expected.type)
        #expect(reference.year == expected.year)
        #expect(reference.draftMark == expected.draft)
        #expect(reference.impliedStage == expected.stage)
        #expect(reference.isRedline == expected.redline)
    }

    @Test(arguments: ["A Framework", "IEEE Federated", "XR Ethics", "ISO/ IEC", "IEEE Std No.127", "", "   "])
    func refusesTextThatIsNotAReference(_ text: String) {
        #expect(Reference.parse(text) == nil)
    }

    @Test func readsHyphenYearsInIEEECatalogsWhateverThePrefix() throws {
        let iec = try #require(Reference.parseIEEE("IEC 62032-2005"))
        #expect(iec.year == "2005" && iec.undatedId == "IEC 62032" && iec.id == "IEC 62032-2005")
        let joint = try #require(Reference.parseIEEE("ISO/IEC/IEEE 24748-3:2020(E)"))
        #expect(joint.year == "2020" && joint.undatedId == "ISO/IEC/IEEE 24748-3")
        // Outside IEEE catalogs a hyphen is a part number.
        #expect(Reference.parse("IEC 62032-2005")?.year == nil)
    }

    @Test func keepsTheNotesItRemoves() throws {
        let reference = try #require(Reference.parse("IEEE Std 802.11-2020 (Revision of IEEE Std 802.11-2016)"))
        #expect(reference.notes == ["(Revision of IEEE Std 802.11-2016)"])
    }

    @Test func matchKeysAreTolerantOfSpacingCaseAndLanguageMarks() {
        #expect(Normalizer.matchKey("ISO/IEC 42001:2023") == Normalizer.matchKey("iso/iec  42001:2023"))
        #expect(Normalizer.matchKey("ISO/IEC/IEEE 24748-3:2020(E)") == Normalizer.matchKey("ISO/IEC/IEEE 24748-3:2020"))
        #expect(Normalizer.matchKey("IEC 62304:2006/Amd 1:2015") == Normalizer.matchKey("IEC 62304:2006/AMD1:2015"))
        #expect(Normalizer.matchKey("ISO/ IEC") == Normalizer.matchKey("ISO/IEC"))
        #expect(Normalizer.matchKey("ISO/IEC 42001:2023") != Normalizer.matchKey("ISO/IEC 42001:2022"))
        #expect(Normalizer.matchKey("ISO/IEC DTS 12791.2") != Normalizer.matchKey("ISO/IEC DTS 12791"))
    }
}

@Suite("Dated references with a month")
struct MonthReferenceTests {
    @Test(arguments: [
        ("ISO 13849-1:2006-11", "ISO 13849-1:2006", "ISO 13849-1", "ISO", "11"),
        ("EN ISO 13849-1:2008-06", "EN ISO 13849-1:2008", "EN ISO 13849-1", "CEN/CLC", "06"),
        ("DIN EN ISO 13849-1:2008-12", "DIN EN ISO 13849-1:2008-12", "DIN EN ISO 13849-1", "DIN", "12"),
        ("BS EN ISO/IEC 27001:2017", "BS EN ISO/IEC 27001:2017", "BS EN ISO/IEC 27001", "BSI", nil),
        ("NF ISO 9001:2015-10", "NF ISO 9001:2015-10", "NF ISO 9001", "AFNOR", "10"),
        ("DIN 820-1:2014-06", "DIN 820-1:2014-06", "DIN 820-1", "DIN", "06"),
        ("ISO/IEC 27001:2022/Amd 1:2024-02", "ISO/IEC 27001:2022/Amd 1:2024", "ISO/IEC 27001:2022/Amd 1", "ISO/IEC", "02"),
    ] as [(String, String, String, String, String?)])
    func yearOnlyForInternationalAndEuropeanReferences(_ text: String, _ id: String, _ undated: String, _ sdo: String, _ month: String?) throws {
        let reference = try #require(Reference.parse(text))
        #expect(reference.id == id)
        #expect(reference.undatedId == undated)
        #expect(reference.sdo == sdo)
        #expect(reference.month == month)
        #expect(reference.year == String(id.split(separator: ":").last!.prefix(4)))
    }

    @Test func wordsThatAreAlsoNationalPrefixesStayWhatTheyWere() throws {
        #expect(Reference.parse("TS 1234:2020") == nil)
        #expect(Reference.parse("ISO/TS 14441:2013")?.sdo == "ISO")
        #expect(Reference.parse("IS 1234:2000") == nil)
        #expect(Reference.parse("ISO 13849-1:2006-13")?.id == "ISO 13849-1:2006-13")
    }
}
