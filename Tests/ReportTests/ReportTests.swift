import Testing
@testable import Report

@Test func moduleLoads() { #expect(Bool(true)) }
