import Testing
@testable import Participation

@Test func moduleLoads() { #expect(Bool(true)) }
