import Testing
import Yams
@testable import Participation

@Suite struct RegionSettingsTests {
    @Test func defaultsAreEUAndUS() {
        let settings = RegionSettings()
        #expect(settings.regions.map(\.name) == ["EU", "US"])
        #expect(settings.region(named: "EU")?.countries.count == 27)
        #expect(settings.region(named: "EU")?.countries.contains("GB") == false)
        #expect(settings.region(named: "US")?.countries == ["US"])
    }

    @Test func decodesFromPipelineYAML() throws {
        let settings = try YAMLDecoder().decode(RegionSettings.self, from: """
            UK: [GB]
            CN: [CN]
            EFTA: [IS, LI, "NO", CH]
            """)
        #expect(settings.regions.map(\.name) == ["EU", "US", "CN", "EFTA", "UK"])
        #expect(settings.region(named: "EFTA")?.countries == ["IS", "LI", "NO", "CH"])
        #expect(settings.additionalRegions.map(\.name) == ["CN", "EFTA", "UK"])
    }

    @Test func overridingEUReplacesItsDefault() throws {
        let settings = try YAMLDecoder().decode(RegionSettings.self, from: "EU: [FR, DE]")
        #expect(settings.region(named: "EU")?.countries == ["FR", "DE"])
        #expect(settings.region(named: "US")?.countries == ["US"])
    }

    @Test func rejectsBadCountryCodes() {
        #expect(throws: DecodingError.self) { try YAMLDecoder().decode(RegionSettings.self, from: "UK: [GBR]") }
        #expect(throws: DecodingError.self) { try YAMLDecoder().decode(RegionSettings.self, from: "UK: []") }
    }

    @Test func participationSettingsDefaultsAndValues() throws {
        let defaults = try YAMLDecoder().decode(ParticipationSettings.self, from: "{}")
        #expect(defaults == ParticipationSettings())
        #expect(defaults.members == ["Inputs/committees/iso_members.csv"])
        let custom = try YAMLDecoder().decode(ParticipationSettings.self, from: "scope: characteristic\nadoptions: adopting-committee")
        #expect(custom.scope == .characteristic && custom.adoptions == .adoptingCommittee)
        #expect(throws: DecodingError.self) { try YAMLDecoder().decode(ParticipationSettings.self, from: "scope: everything") }
        #expect(throws: DecodingError.self) { try YAMLDecoder().decode(ParticipationSettings.self, from: "scpoe: characteristic") }
    }
}
