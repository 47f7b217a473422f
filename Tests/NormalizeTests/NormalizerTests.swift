import Testing
import LandscapeModel
import Ingest
@testable import Normalize

/// An STS record with one `std-meta` layer.
func stsRecord(_ reference: String, source: String = "iso", file: String = "iso.xml", line: Int = 1, stage: String? = nil,
               committee: String? = nil, title: String = "A title", abstract: String? = nil, published: String? = nil,
               ics: [String] = [], kind: RawLayer.Kind = .stdMeta) -> RawRecord {
    var layer = RawLayer(kind: kind, line: line)
    layer.references["dated"] = reference
    layer.stageCode = stage
    layer.committees = committee.map { [$0] } ?? []
    layer.titles = [RawTitle(language: "en", full: title)]
    layer.abstract = abstract
    layer.pubDate = published
    layer.ics = ics
    return RawRecord(location: SourceLocation(source: source, file: file, line: line), format: .nisoSts, layers: [layer])
}

/// An IEEE record.
func ieeeRecord(_ normtitle: String, line: Int = 1, status: String = "Active", modifiers: [String] = [], title: String = "IEEE Standard for Things",
                committee: String? = nil, relations: [RawRelation] = []) -> RawRecord {
    var layer = RawLayer(kind: .idamsPublication, line: line)
    var fields = IdamsFields()
    fields.normTitle = normtitle
    fields.standardStatus = status
    fields.modifiers = modifiers
    fields.familyTitle = title
    fields.dates = [RawDate(type: "ePub", year: "2021", month: "December", day: "8")]
    layer.ieee = fields
    layer.titles = [RawTitle(language: "en", full: title)]
    layer.committees = committee.map { [$0] } ?? []
    layer.relations = relations
    return RawRecord(location: SourceLocation(source: "ieee", file: "ieee.xml", line: line), format: .ieeeIdams, layers: [layer])
}

@Suite("Normalizer")
struct NormalizerTests {
    @Test func normalizesOneRecord() throws {
        var record = stsRecord("ISO/IEC  TR 24028:2020", stage: "60.60", committee: "ISO/IEC JTC1/SC42",
                               title: "Information technology -  Artificial intelligence", abstract: "One.\n\nTwo.", published: "2020-05", ics: ["35.020"])
        record.layers[0].titles.append(RawTitle(language: "fr", full: "Technologies de l'information"))
        record.layers[0].relations = [RawRelation(type: "revises", reference: "ISO/IEC  TR 24028:2019")]
        let result = Normalizer().normalize([record])
        let standard = try #require(result.standards.first)
        #expect(standard.id == "ISO/IEC TR 24028:2020")
        #expect(standard.undatedId == "ISO/IEC TR 24028")
        #expect(standard.sdo == "ISO/IEC")
        #expect(standard.deliverableType == .technicalReport)
        #expect(standard.stage == .published && standard.stageCode == "60.60" && standard.status == .active)
        #expect(standard.committees == ["ISO/IEC JTC 1/SC 42"])
        #expect(standard.title == "Information technology - Artificial intelligence")
        #expect(standard.otherTitles == ["fr": "Technologies de l'information"])
        #expect(standard.abstract == "One.\nTwo.")
        #expect(standard.published == "2020-05")
        #expect(standard.ics == ["35.020"])
        #expect(standard.relations == [Relation(kind: .revises, target: "ISO/IEC TR 24028:2019")])
        #expect(standard.sources == ["iso"])
        #expect(standard.provenance["stage"]?.contains("60.60") == true)
        #expect(standard.provenance["id"]?.contains("iso.xml:1") == true)
        #expect(result.merges.isEmpty && result.quarantine.isEmpty)
    }

    @Test func mergesJointStandardsFromTwoCatalogs() throws {
        let iso = stsRecord("ISO/IEC 42001:2023", source: "iso", file: "iso.xml", line: 5, stage: "60.60",
                            committee: "ISO/IEC JTC 1/SC 42", abstract: "Short.", published: "2023-12", ics: ["35.020"])
        let iec = stsRecord("ISO/IEC 42001:2023", source: "iec", file: "iec.xml", line: 9, stage: "PUBLISHED.00",
                            abstract: "A longer abstract from IEC.", published: "2023-12-18", ics: ["35.020", "03.100.70"])
        let result = Normalizer().normalize([iso, iec])
        try #require(result.standards.count == 1)
        let standard = result.standards[0]
        #expect(standard.committees == ["ISO/IEC JTC 1/SC 42"])
        #expect(standard.sources == ["iso", "iec"])
        #expect(standard.ics == ["35.020", "03.100.70"])
        #expect(standard.abstract == "A longer abstract from IEC.")
        #expect(standard.published == "2023-12-18")
        #expect(standard.stageCode == "60.60") // finer code, same stage
        #expect(standard.origins.count == 2)
        #expect(result.merges.count == 1)
        #expect(result.merges[0].conflictingStageCodes == ["60.60", "PUBLISHED.00"])
        #expect(result.mergedRecords == 1)
    }

    @Test func withdrawalWinsOverAnyOtherStage() throws {
        let records = [
            stsRecord("ISO 1003:2008", line: 1, stage: "90.92"),
            stsRecord("ISO 1003:2008", line: 2, stage: "95.99"),
            stsRecord("ISO 1003:2008", line: 3, stage: "60.60"),
        ]
        for order in [records, records.reversed()] {
            let result = Normalizer().normalize(Array(order))
            let standard = try #require(result.standards.first)
            #expect(result.standards.count == 1)
            #expect(standard.stage == .withdrawn && standard.stageCode == "95.99" && standard.status == .withdrawn)
            #expect(result.merges.first?.stageFrom.line == 2)
        }
    }

    @Test func theMostAdvancedDraftStageWins() throws {
        let result = Normalizer().normalize([
            stsRecord("ISO 10033-1:2011/DAM 1", line: 1, stage: "40.20"),
            stsRecord("ISO 10033-1:2011/DAM 1", line: 2, stage: "40.99"),
        ])
        #expect(result.standards.first?.stageCode == "40.99")
        #expect(result.standards.first?.deliverableType == .amendment)
    }

    @Test func mergesSpellingsOfOneAmendmentAndKeepsThePublishersSpelling() throws {
        let result = Normalizer().normalize([
            stsRecord("IEC 62304:2006/Amd 1:2015", source: "iso", line: 1, stage: "60.60", committee: "ISO/TC 210"),
            stsRecord("IEC 62304:2006/AMD1:2015", source: "iec", line: 2, stage: "PUBLISHED.00", committee: "IEC TC 62/SC 62A"),
        ])
        try #require(result.standards.count == 1)
        #expect(result.standards[0].id == "IEC 62304:2006/AMD1:2015")
        #expect(result.standards[0].committees == ["IEC TC 62/SC 62A", "ISO/TC 210"])
    }

    @Test func keepsDifferentDatesApart() {
        let result = Normalizer().normalize([stsRecord("ISO/IEC 27001:2013"), stsRecord("ISO/IEC 27001:2022"), stsRecord("ISO/IEC 27001:2022/Amd 1:2024")])
        #expect(result.standards.map(\.id) == ["ISO/IEC 27001:2013", "ISO/IEC 27001:2022", "ISO/IEC 27001:2022/Amd 1:2024"])
    }

    @Test func linksAnAdoptionToTheAdoptedStandard() throws {
        var en = RawLayer(kind: .regMeta, line: 3)
        en.references["dated"] = "EN ISO/IEC 23894:2024"
        en.originatorAttribute = "CEN/CLC"
        en.committees = ["CEN/CLC/JTC 21"]
        en.stageCode = "60.60"
        var iso = RawLayer(kind: .stdMeta, line: 30)
        iso.references["dated"] = "ISO/IEC 23894:2023"
        iso.titles = [RawTitle(language: "en", full: "Information technology - Artificial intelligence - Guidance on risk management")]
        iso.abstract = "Guidance."
        let record = RawRecord(location: SourceLocation(source: "cen-cenelec", file: "en.xml", line: 1), format: .nisoSts, layers: [en, iso])
        let standard = try #require(Normalizer().normalize([record]).standards.first)
        #expect(standard.id == "EN ISO/IEC 23894:2024")
        #expect(standard.sdo == "CEN/CLC")
        #expect(standard.adoptedFrom == "ISO/IEC 23894:2023")
        #expect(standard.relations.first == Relation(kind: .adopts, target: "ISO/IEC 23894:2023"))
        #expect(standard.committees == ["CEN/CLC/JTC 21"])
        #expect(standard.title == "Information technology - Artificial intelligence - Guidance on risk management")
        #expect(standard.abstract == "Guidance.")
        #expect(standard.provenance["adopted_from"]?.contains("adoption nesting") == true)
    }

    @Test func linksIEEEAdoptedFromRelations() throws {
        let record = ieeeRecord("IEC/IEEE 60255-118-1-2018", relations: [RawRelation(type: "J", reference: "IEEE Std C37.118.1-2011"), RawRelation(type: "V", reference: "IEEE Std 1-2000")])
        let standard = try #require(Normalizer().normalize([record]).standards.first)
        #expect(standard.adoptedFrom == "IEEE Std C37.118.1-2011")
        #expect(standard.relations == [Relation(kind: .adopts, target: "IEEE Std C37.118.1-2011"), Relation(kind: .revises, target: "IEEE Std 1-2000")])
    }

    @Test func normalizesIEEERecords() throws {
        let result = Normalizer().normalize([
            ieeeRecord("IEEE Std 7001-2021", line: 1, committee: "Artificial Intelligence Standards Committee of the IEEE Computer Society"),
            ieeeRecord("IEEE P2751/D-3-2025-07", line: 2, modifiers: ["Draft"]),
            ieeeRecord("IEEE Std 7010-2020 Redline", line: 3, modifiers: ["Redline"], title: "IEEE Recommended Practice for Assessing the Impact"),
            ieeeRecord("IEEE Std 802.11-2016", line: 4, status: "Superseded"),
        ])
        let byID = Dictionary(uniqueKeysWithValues: result.standards.map { ($0.id, $0) })
        let std = try #require(byID["IEEE Std 7001-2021"])
        #expect(std.undatedId == "IEEE Std 7001" && std.sdo == "IEEE" && std.stage == .published && std.stageCode == "Active")
        #expect(std.committee == "Artificial Intelligence Standards Committee of the IEEE Computer Society")
        #expect(std.published == "2021-12-08")
        let draft = try #require(byID["IEEE P2751/D-3-2025-07"])
        #expect(draft.status == .draft && draft.undatedId == "IEEE P2751")
        let redline = try #require(byID["IEEE Std 7010-2020"])
        #expect(redline.deliverableType == .recommendedPractice)
        #expect(redline.aliases == ["IEEE Std 7010-2020 Redline"])
        #expect(byID["IEEE Std 802.11-2016"]?.status == .withdrawn)
    }

    @Test func keepsUnparsableReferencesAsWrittenAndNeverMergesDifferentStandards() throws {
        let result = Normalizer().normalize([
            ieeeRecord("A  Framework", line: 1, title: "A Framework for Human Decision Making"),
            ieeeRecord("A Framework", line: 2, title: "A Framework for Something Else Entirely"),
            ieeeRecord("XR Ethics", line: 3, title: "XR Ethics in War"),
            ieeeRecord("XR Ethics", line: 4, title: "XR Ethics in War"),
            ieeeRecord("ISO/ IEC", line: 5, title: "Something"),
        ])
        #expect(result.standards.map(\.id) == ["A Framework", "A Framework (2)", "ISO/ IEC", "XR Ethics"])
        #expect(result.standards.first { $0.id == "A Framework (2)" }?.title == "A Framework for Something Else Entirely")
        #expect(result.merges.map(\.id) == ["XR Ethics"])
        #expect(result.standards.first?.provenance["id"]?.contains("kept as written") == true)
    }

    @Test func quarantinesOnlyRecordsWithoutAnyReference() {
        let empty = RawRecord(location: SourceLocation(source: "iso", file: "x.xml", line: 7), format: .nisoSts, layers: [RawLayer(kind: .stdMeta, line: 7)])
        let result = Normalizer().normalize([empty, stsRecord("ISO 1:2000")])
        #expect(result.standards.map(\.id) == ["ISO 1:2000"])
        #expect(result.quarantine.count == 1)
        #expect(result.quarantine.first?.location.line == 7)
        #expect(result.quarantine.first?.reason.hasPrefix("no usable reference") == true)
    }

    @Test func isDeterministicWhateverTheThreading() {
        let records = (0..<5000).map { stsRecord("ISO \($0 % 1700):2000", line: $0, stage: $0 % 3 == 0 ? "95.99" : "60.60") }
        let one = Normalizer(concurrency: 1).normalize(records)
        let many = Normalizer(concurrency: 8).normalize(records)
        #expect(one.standards.map(\.id) == many.standards.map(\.id))
        #expect(one.standards.map(\.stageCode) == many.standards.map(\.stageCode))
        #expect(one.merges == many.merges)
        #expect(one.standards.count == 1700)
    }
}

@Suite("Normalizer on real data")
struct NormalizerCorpusTests {
    @Test func normalizesTheSamplesInInputs() throws {
        let inputs = SharedData.repository + "/Inputs"
        var files: [InputFile] = []
        for (name, format) in [("iso", SourceFormat.nisoSts), ("iec", .nisoSts), ("ieee", .ieeeIdams), ("cen-cenelec", .nisoSts)] {
            files += try FileDiscovery.expand(["\(name)/**/*.xml*"], relativeTo: inputs).files.map { InputFile(source: name, format: format, path: $0) }
        }
        let result = Normalizer().normalize(CatalogIngester().ingest(files).records)
        let byID = Dictionary(uniqueKeysWithValues: result.standards.map { ($0.id, $0) })
        #expect(byID["ISO/IEC 42001:2023"]?.sources == ["iso", "iec", "cen-cenelec"])   // cen-cenelec: the adoption record of prEN ISO/IEC 42001
        #expect(byID["ISO/IEC 42001:2023"]?.committee == "ISO/IEC JTC 1/SC 42")
        #expect(byID["EN ISO/IEC 23894:2024"]?.adoptedFrom == "ISO/IEC 23894:2023")
        #expect(byID["prEN 18286"]?.stage == .enquiry)
        #expect(byID["prEN 18228"]?.committee == "CEN/CLC/JTC 21")
        #expect(byID["IEEE Std 7001-2021"]?.keywords.contains("IEEE 7001\u{2122}") == true)
        #expect(byID["XR Ethics"] != nil)
        #expect(byID["ISO 10033-1:2011/DAM 1"]?.deliverableType == .amendment)
    }

    @Test func preparingFileByFileGivesTheSameResult() throws {
        let inputs = SharedData.repository + "/Inputs"
        var files: [InputFile] = []
        for (name, format) in [("iso", SourceFormat.nisoSts), ("iec", .nisoSts), ("ieee", .ieeeIdams), ("cen-cenelec", .nisoSts)] {
            files += try FileDiscovery.expand(["\(name)/**/*.xml*"], relativeTo: inputs).files.map { InputFile(source: name, format: format, path: $0) }
        }
        let normalizer = Normalizer()
        let whole = normalizer.normalize(CatalogIngester().ingest(files).records)
        let indexed = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($0.element.path, $0.offset) })
        let batches = CatalogIngester().ingest(files) { outcome in
            normalizer.prepare(outcome.records, batch: indexed[outcome.report.path]!)
        }
        let streamed = normalizer.merge(batches)
        #expect(streamed.standards.map(\.id) == whole.standards.map(\.id))
        #expect(streamed.standards.map(\.stageCode) == whole.standards.map(\.stageCode))
        #expect(streamed.standards.map(\.sources) == whole.standards.map(\.sources))
        #expect(streamed.merges == whole.merges)
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/corpus"))
    func normalizesACorpusSlice() throws {
        let files = [
            InputFile(source: "iso", format: .nisoSts, path: SharedData.corpus("iso/catalog-013.xml.gz")),
            InputFile(source: "iec", format: .nisoSts, path: SharedData.corpus("iec/catalog-007.xml.gz")),
            InputFile(source: "ieee", format: .ieeeIdams, path: SharedData.corpus("ieee/catalog-002.xml.gz")),
        ]
        let ingested = CatalogIngester().ingest(files)
        let result = Normalizer().normalize(ingested.records)
        #expect(result.quarantine.isEmpty)
        #expect(result.standards.count + result.mergedRecords == ingested.records.count)
        for id in ["ISO/IEC 42001:2023", "ISO/IEC TR 24028:2020"] {
            let matches = result.standards.filter { $0.id == id }
            #expect(matches.count == 1, "\(id)")
            #expect(matches.first?.committee == "ISO/IEC JTC 1/SC 42")
            #expect(matches.first?.sources == ["iso", "iec"])
        }
        #expect(result.standards.filter { $0.id == "IEEE Std 7001-2021" }.count == 1)
        let ids = result.standards.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}
