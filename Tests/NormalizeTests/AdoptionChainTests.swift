import Foundation
import Testing
import LandscapeModel
import TestSupport
import Ingest
@testable import Normalize

/// Reads STS documents written to disk and normalizes them.
private func normalize(_ documents: [String: String]) throws -> (standards: [String: Standard], quarantine: [QuarantineEntry]) {
    let folder = try TemporaryFolder()
    let files = try documents.sorted { $0.key < $1.key }.map { name, text in
        InputFile(source: "national", format: .nisoSts, path: try folder.write(name, text))
    }
    let ingest = CatalogIngester(concurrency: 1).ingest(files)
    let result = Normalizer(concurrency: 1).normalize(ingest.records)
    return (Dictionary(uniqueKeysWithValues: result.standards.map { ($0.id, $0) }), ingest.quarantine + result.quarantine)
}

private let isoLayer = """
    <title-wrap xml:lang="en"><main>Safety of machinery — Safety-related parts of control systems</main><compl>Part 1: General principles for design</compl></title-wrap>
    <std-ident><originator>ISO</originator><doc-type>IS</doc-type><doc-number>13849</doc-number><part-number>1</part-number><edition>2</edition></std-ident>
    <std-ref type="dated">ISO 13849-1:2006-11</std-ref><std-ref type="undated">ISO 13849-1</std-ref>
    <pub-date>2006-11-01</pub-date><comm-ref>ISO/TC 199</comm-ref><ics>13.110</ics>
    <custom-meta-group><custom-meta><meta-name>stage</meta-name><meta-value>95.99</meta-value></custom-meta></custom-meta-group>
    """

/// DIN EN ISO 13849-1:2008-12, its metadata blocks named `name(rank)`: one block per layer.
private func dinDocument(national: String, regional: String, international: String, close: (String, String, String)) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <adoption>
      <adoption-front>
        \(national)
          <title-wrap xml:lang="de"><main>Sicherheit von Maschinen — Sicherheitsbezogene Teile von Steuerungen</main><compl>Teil 1: Allgemeine Gestaltungsleitsätze</compl></title-wrap>
          <std-ref type="dated">DIN EN ISO 13849-1:2008-12</std-ref>
          <release-date>2008-12</release-date>
          <comm-ref>NA 060-30-05 AA</comm-ref>
          <ics>13.110</ics>
        \(close.0)
      </adoption-front>
      <adoption>
        <adoption-front>
          \(regional)
            <title-wrap xml:lang="en"><main>Safety of machinery — Safety-related parts of control systems</main><compl>Part 1: General principles for design</compl></title-wrap>
            <std-ref type="dated">EN ISO 13849-1:2008-06</std-ref>
            <release-date>2008-06-25</release-date>
            <meta-date type="ratification">2008-06-25</meta-date>
            <comm-ref>CEN/TC 114</comm-ref>
            <custom-meta-group><custom-meta><meta-name>stage</meta-name><meta-value>60.60</meta-value></custom-meta></custom-meta-group>
          \(close.1)
        </adoption-front>
        <standard>
          <front>
            \(international)
              \(isoLayer)
            \(close.2)
          </front>
          <body><sec><p>Not read.</p></sec></body>
        </standard>
      </adoption>
    </adoption>
    """
}

@Suite("National adoption chains")
struct AdoptionChainTests {
    private func expectDINChain(_ standards: [String: Standard], europeanSDO: String = "CEN/CLC") throws {
        #expect(standards.count == 3)
        let din = try #require(standards["DIN EN ISO 13849-1:2008-12"])
        let en = try #require(standards["EN ISO 13849-1:2008"])
        let iso = try #require(standards["ISO 13849-1:2006"])
        #expect(din.sdo == "DIN" && din.undatedId == "DIN EN ISO 13849-1")
        #expect(din.adoptedFrom == "EN ISO 13849-1:2008")
        #expect(din.committees == ["NA 060-30-05 AA"])
        #expect(din.published == "2008-12")
        #expect(din.stage == .published && din.stageCode == "")
        #expect(din.otherTitles["de"]?.hasPrefix("Sicherheit von Maschinen") == true)
        #expect(en.sdo == europeanSDO && en.undatedId == "EN ISO 13849-1")
        #expect(en.adoptedFrom == "ISO 13849-1:2006")
        #expect(en.committees == ["CEN/TC 114"])
        #expect(en.published == "2008-06-25")
        #expect(en.stageCode == "60.60")
        #expect(iso.sdo == "ISO" && iso.undatedId == "ISO 13849-1" && iso.adoptedFrom == nil)
        #expect(iso.committees == ["ISO/TC 199"])
        #expect(iso.stage == .withdrawn && iso.stageCode == "95.99")
        #expect(iso.published == "2006-11-01")
        #expect(iso.title.hasPrefix("Safety of machinery"))
        #expect(iso.provenance["id"]?.contains("ISO 13849-1:2006-11") == true)
    }

    @Test func threeLayerDocumentInStdMetaToldApartByProfile() throws {
        let document = dinDocument(national: #"<std-meta id="profile.nat">"#, regional: #"<std-meta id="profile.reg">"#,
                                   international: #"<std-meta id="profile.int">"#, close: ("</std-meta>", "</std-meta>", "</std-meta>"))
        let (standards, quarantine) = try normalize(["din.xml": document])
        #expect(quarantine.isEmpty)
        try expectDINChain(standards)
    }

    @Test func threeLayerDocumentInNatRegAndIsoMeta() throws {
        let document = dinDocument(national: #"<nat-meta originator="DIN">"#, regional: #"<reg-meta originator="CEN">"#,
                                   international: "<iso-meta>", close: ("</nat-meta>", "</reg-meta>", "</iso-meta>"))
        let (standards, quarantine) = try normalize(["din.xml": document])
        #expect(quarantine.isEmpty)
        // reg-meta's originator names the European body.
        try expectDINChain(standards, europeanSDO: "CEN")
    }

    @Test func profilesOrderTheBlocksOfOneFront() throws {
        // All three layers in one front, international block first in the document.
        let document = """
            <standard><front>
              <std-meta id="profile.int"><std-ref type="dated">ISO 9001:2015-09</std-ref><comm-ref>ISO/TC 176/SC 2</comm-ref></std-meta>
              <std-meta id="profile.nat"><std-ref type="dated">DIN EN ISO 9001:2015-11</std-ref><comm-ref>NA 147-00-01 AA</comm-ref></std-meta>
              <std-meta id="profile.reg"><std-ref type="dated">EN ISO 9001:2015-09</std-ref><comm-ref>CEN/SS F20</comm-ref></std-meta>
            </front></standard>
            """
        let (standards, _) = try normalize(["one-front.xml": document])
        #expect(standards["DIN EN ISO 9001:2015-11"]?.adoptedFrom == "EN ISO 9001:2015")
        #expect(standards["EN ISO 9001:2015"]?.adoptedFrom == "ISO 9001:2015")
        #expect(standards["ISO 9001:2015"]?.committees == ["ISO/TC 176/SC 2"])
        #expect(standards["ISO 9001:2015"]?.published == "2015-09")
    }

    @Test func twoLayerBritishAdoptionOfAEuropeanStandard() throws {
        let document = """
            <adoption>
              <adoption-front><nat-meta originator="BSI">
                <title-wrap xml:lang="en"><full>Artificial intelligence. Quality and governance of datasets in AI</full></title-wrap>
                <std-ref type="dated">BS EN 18284:2025</std-ref><pub-date>2025-06-30</pub-date><comm-ref>ART/1</comm-ref>
              </nat-meta></adoption-front>
              <standard><front><reg-meta originator="CEN/CLC">
                <std-ref type="dated">EN 18284:2025-05</std-ref><comm-ref>CEN/CLC/JTC 21</comm-ref>
                <custom-meta-group><custom-meta><meta-name>stage</meta-name><meta-value>60.60</meta-value></custom-meta></custom-meta-group>
              </reg-meta></front></standard>
            </adoption>
            """
        let (standards, quarantine) = try normalize(["bs.xml": document])
        #expect(quarantine.isEmpty)
        #expect(standards.count == 2)
        let bs = try #require(standards["BS EN 18284:2025"])
        #expect(bs.sdo == "BSI" && bs.adoptedFrom == "EN 18284:2025" && bs.committees == ["ART/1"] && bs.published == "2025-06-30")
        let en = try #require(standards["EN 18284:2025"])
        #expect(en.sdo == "CEN/CLC" && en.adoptedFrom == nil && en.committees == ["CEN/CLC/JTC 21"] && en.published == "2025-05")
        // The adopted layer's title is the adopting one's when it states none.
        #expect(bs.title == "Artificial intelligence. Quality and governance of datasets in AI")
    }

    @Test func twoLayerFrenchAdoptionOfAnISOStandardMeetsTheISOCatalogRecord() throws {
        let adoption = """
            <adoption>
              <adoption-front><nat-meta originator="AFNOR">
                <title-wrap xml:lang="fr"><full>Technologies de l'information — Intelligence artificielle — Système de management</full></title-wrap>
                <std-ref type="dated">NF ISO/IEC 42001:2024-02</std-ref><release-date>2024-02-07</release-date><comm-ref>AFNOR/CN IA</comm-ref>
              </nat-meta></adoption-front>
              <standard><front><iso-meta>
                <title-wrap xml:lang="en"><full>Information technology — Artificial intelligence — Management system</full></title-wrap>
                <std-ref type="dated">ISO/IEC 42001:2023-12</std-ref><comm-ref>ISO/IEC JTC 1/SC 42</comm-ref>
              </iso-meta></front></standard>
            </adoption>
            """
        let catalog = """
            <standards><standard><front><iso-meta>
              <title-wrap xml:lang="en"><full>Information technology — Artificial intelligence — Management system</full></title-wrap>
              <std-ref type="dated">ISO/IEC 42001:2023</std-ref><pub-date>2023-12-18</pub-date><comm-ref>ISO/IEC JTC 1/SC 42</comm-ref>
              <custom-meta-group><custom-meta><meta-name>stage</meta-name><meta-value>60.60</meta-value></custom-meta></custom-meta-group>
            </iso-meta></front></standard></standards>
            """
        let (standards, quarantine) = try normalize(["a-nf.xml": adoption, "b-iso.xml": catalog])
        #expect(quarantine.isEmpty)
        #expect(standards.count == 2)
        let nf = try #require(standards["NF ISO/IEC 42001:2024-02"])
        #expect(nf.sdo == "AFNOR" && nf.undatedId == "NF ISO/IEC 42001" && nf.adoptedFrom == "ISO/IEC 42001:2023")
        #expect(nf.committees == ["AFNOR/CN IA"] && nf.published == "2024-02-07")
        let iso = try #require(standards["ISO/IEC 42001:2023"])
        #expect(iso.origins.count == 2 && iso.published == "2023-12-18" && iso.stageCode == "60.60")
    }
}
