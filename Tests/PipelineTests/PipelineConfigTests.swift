import Testing
@testable import Pipeline

@Suite("Pipeline.yaml")
struct PipelineConfigTests {
    let minimal = """
    sources:
      - name: iso
        format: niso-sts
        paths: ["Inputs/iso/**/*.xml"]
    committees:
      - format: iso-open-data
        paths: ["Inputs/committees/iso_technical_committees.jsonl"]
    output:
      directory: Outputs
    """

    @Test func resolvesPathsAgainstTheConfigFolder() throws {
        let config = try PipelineConfig.parse(minimal, file: "/srv/landscape/Pipeline.yaml")
        #expect(config.sources.map(\.name) == ["iso"])
        #expect(config.sources[0].format == .nisoSts)
        #expect(config.sources[0].paths == ["/srv/landscape/Inputs/iso/**/*.xml"])
        #expect(config.committees[0].paths == ["/srv/landscape/Inputs/committees/iso_technical_committees.jsonl"])
        #expect(config.outputDirectory == "/srv/landscape/Outputs")
        #expect(config.errorBudget == 0.05)
    }

    @Test func unknownFormatNamesTheLine() throws {
        let text = minimal.replacingOccurrences(of: "niso-sts", with: "niso")
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(text, file: "/x/Pipeline.yaml") }
        #expect(error.status == .config)
        #expect(error.line == 3)
        #expect(error.description.contains("/x/Pipeline.yaml:3: sources[0].format: unknown format `niso`"))
    }

    @Test func unknownTopLevelKeyIsRejected() throws {
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(minimal + "\nsourcse: []\n", file: "/x/P.yaml") }
        #expect(error.status == .config)
        #expect(error.description.contains("unknown key `sourcse`"))
    }

    @Test func missingOutputIsAConfigError() throws {
        let text = minimal.components(separatedBy: "output:")[0]
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(text, file: "/x/P.yaml") }
        #expect(error.description.contains("missing key `output`"))
    }

    @Test func invalidYAMLReportsItsLine() throws {
        let error = try #require(throws: PipelineError.self) {
            try PipelineConfig.parse("sources:\n  - name: [unclosed\n", file: "/x/P.yaml")
        }
        #expect(error.status == .config)
        #expect(error.line != nil)
        #expect(error.description.contains("invalid YAML"))
    }

    @Test func duplicateSourceNames() throws {
        let text = minimal.replacingOccurrences(of: "committees:", with: """
          - name: iso
            format: ieee-idams
            paths: ["a.xml"]
        committees:
        """)
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(text, file: "/x/P.yaml") }
        #expect(error.description.contains("duplicate source name `iso`"))
    }

    @Test func errorBudgetMustBeAShare() throws {
        let error = try #require(throws: PipelineError.self) { try PipelineConfig.parse(minimal + "\nerror_budget: 5\n", file: "/x/P.yaml") }
        #expect(error.description.contains("error_budget"))
        let config = try PipelineConfig.parse(minimal + "\nerror_budget: 0.2\n", file: "/x/P.yaml")
        #expect(config.errorBudget == 0.2)
    }

    @Test func stageSectionsDecodeWithTheirLine() throws {
        struct Limits: Decodable, Equatable { var max_depth: Int }
        let config = try PipelineConfig.parse(minimal + "\nlimits:\n  max_depth: 12\n", file: "/x/P.yaml")
        #expect(try config.settings("limits", as: Limits.self, default: Limits(max_depth: 1)) == Limits(max_depth: 12))
        let bad = try PipelineConfig.parse(minimal + "\nlimits:\n  max_depth: deep\n", file: "/x/P.yaml")
        let error = try #require(throws: PipelineError.self) { try bad.settings("limits", as: Limits.self, default: Limits(max_depth: 1)) }
        #expect(error.status == .config)
        #expect(error.line == 11)
    }
}
