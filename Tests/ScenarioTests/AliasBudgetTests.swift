import Scenario
import Testing

/// Aliases are expanded under `YAMLNode.nodeBudget`, so that a small document cannot expand
/// into a huge one ("billion laughs").
@Suite struct AliasBudgetTests {
    /// Nine levels, each a list of nine aliases of the previous: 9^9 (387 million) leaves
    /// from a document of under a kilobyte.
    static let laughs: String = {
        var text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...8 {
            let aliases = Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(aliases)]\n"
        }
        return text
    }()

    static let budgetMessage = "the document expands to more than \(YAMLNode.nodeBudget) nodes (through aliases?)"

    @Test func theBudgetIsTwoHundredThousandNodes() {
        #expect(YAMLNode.nodeBudget == 200_000)
        #expect(Self.budgetMessage == "the document expands to more than 200000 nodes (through aliases?)")
    }

    @Test func billionLaughsFailsInsteadOfExpanding() {
        #expect(Self.laughs.utf8.count < 1_000)
        var thrown: Diagnostic?
        do { _ = try YAMLNode.parse(Self.laughs, file: "laughs.yaml") } catch { thrown = error }
        let error = thrown
        #expect(error?.severity == .error)
        #expect(error?.location.file == "laughs.yaml")
        #expect(error?.message == Self.budgetMessage)
    }

    @Test func billionLaughsInAScenarioFailsTheSameWay() {
        let text = "name: laughs\n" + Self.laughs
        let error = loadError(text, file: "laughs.yaml")
        #expect(error?.message == Self.budgetMessage)
    }

    @Test func billionLaughsInAnOverrideFails() {
        // The same anchors and aliases as one flow mapping on the command line.
        let override = "description={ " + Self.laughs.split(separator: "\n").joined(separator: ", ") + " }"
        let error = loadError(baseScenario, overrides: [override])
        #expect(error?.message == Self.budgetMessage)
        #expect(error?.location.file == "--set")
        #expect(error?.location.line == 1)
    }

    /// An alias used as a mapping key. The YAML library hashes every key of a mapping to find
    /// duplicates, and hashing walks the key's whole expansion (9^9 leaves here), so such keys
    /// are refused before the library sees them. A bounded reader needs milliseconds.
    @Test(.timeLimit(.minutes(1)))
    func aliasAsAMappingKeyIsBoundedToo() {
        let text = Self.laughs + "? *l8\n: x\n"
        var thrown: Diagnostic?
        do { _ = try YAMLNode.parse(text, file: "laughs.yaml") } catch { thrown = error }
        #expect(thrown?.description == "laughs.yaml:10:3: error: an alias cannot be a mapping key")
    }

    /// 2 + (k + 1)(m + 1) nodes: the root mapping, the list `a` of m scalars, and the list
    /// `b` of k aliases of `a`; with m = 737 and k = 270 that is exactly 200 000.
    private static func exactBudget(extra: String) -> String {
        let a = Array(repeating: "0", count: 737).joined(separator: ",")
        let b = Array(repeating: "*a", count: 270).joined(separator: ",")
        return "a: &a [\(a)]\nb: [\(b)]\n" + extra
    }

    @Test func aDocumentOfExactlyTheBudgetIsRead() throws {
        let node = try YAMLNode.parse(Self.exactBudget(extra: ""), file: "big.yaml")
        guard case .mapping(let entries) = node.content, entries.count == 2,
              case .sequence(let a) = entries[0].value.content, case .sequence(let b) = entries[1].value.content
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(a.count == 737)
        #expect(b.count == 270)
        guard case .sequence(let expanded) = b[269].content else {
            Issue.record("the last alias was not expanded to a list")
            return
        }
        #expect(expanded.count == 737)
    }

    @Test func oneNodeMoreThanTheBudgetFailsAtThatNode() {
        var thrown: Diagnostic?
        do { _ = try YAMLNode.parse(Self.exactBudget(extra: "c: 0\n"), file: "big.yaml") } catch { thrown = error }
        #expect(thrown?.description == "big.yaml:3:4: error: \(Self.budgetMessage)")
    }
}

/// The scan that refuses aliases as keys must not refuse aliases as values, nor look inside
/// quotes and comments.
@Suite struct AliasKeyScanTests {
    @Test(arguments: [
        ("a: &x 1\nb: *x\n", true),
        ("a: &x 1\nb: [*x, *x]\n", true),
        ("a: &x 1\nb: \"*x: y\"\n", true),
        ("a: &x 1\nb: 2 # *x: y\n", true),
        ("a: &x 1\n*x : y\n", false),
        ("a: &x 1\nb: { *x : y }\n", false),
        ("a: &x 1\n? *x\n: y\n", false),
    ])
    func aliasesAsValuesOnly(text: String, accepted: Bool) {
        var thrown: Diagnostic?
        do { _ = try YAMLNode.parse(text, file: "k.yaml") } catch { thrown = error }
        if accepted {
            #expect(thrown == nil)
        } else {
            #expect(thrown?.message == "an alias cannot be a mapping key")
        }
    }
}
