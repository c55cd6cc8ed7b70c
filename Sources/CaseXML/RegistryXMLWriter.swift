import CaseModel

/// Writes registries and benchmarks back to the interchange format, canonically.
public enum RegistryXMLWriter {
    public static func document(_ registry: Registry) -> String {
        let out = XMLOutput()
        out.startDocument()
        out.start("registry", namespace: Namespace.registry)
        for agency in registry.agencies {
            out.start("agency")
            out.attribute("code", agency.code)
            out.attribute("name", agency.name)
            out.attribute("region", agency.region)
            out.attribute("field", agency.field)
            out.attribute("credit-code", agency.creditCode)
            for power in agency.powers {
                out.start("power")
                out.attribute("code", power.code)
                out.attribute("name", power.name)
                out.attribute("category", power.category.rawValue)
                out.attribute("basis", power.basis)
                out.attribute("from", power.from)
                out.attribute("to", power.to)
                out.end()
            }
            out.end()
        }
        for officer in registry.officers {
            out.start("officer")
            out.attribute("id", officer.id)
            out.attribute("name", officer.name)
            out.attribute("agency", officer.agency)
            out.attribute("role", officer.roles.map(\.rawValue).joined(separator: " "))
            out.attribute("legal-qualification", officer.legalQualification)
            out.attribute("reviewer-since", officer.reviewerSince)
            for certificate in officer.certificates {
                out.start("certificate")
                out.attribute("number", certificate.number)
                out.attribute("field", certificate.field)
                out.attribute("issued", certificate.issued)
                out.attribute("expires", certificate.expires)
                out.attribute("status", certificate.status.rawValue)
                out.attribute("since", certificate.since)
                out.end()
            }
            for training in officer.trainings {
                out.start("training")
                out.attribute("year", training.year)
                out.attribute("hours", training.hours.machineText)
                out.end()
            }
            out.end()
        }
        out.end()
        return out.finish()
    }

    public static func document(_ set: BenchmarkSet) -> String {
        let out = XMLOutput()
        out.startDocument()
        out.start("benchmarks", namespace: Namespace.benchmarks)
        out.attribute("agency", set.agency)
        out.attribute("title", set.title)
        out.attribute("effective", set.effective)
        for item in set.items {
            out.start("item")
            out.attribute("code", item.code)
            out.attribute("name", item.name)
            out.attribute("basis", item.basis)
            out.attribute("no-penalty-if-first-minor", item.noPenaltyIfFirstMinor ? "true" : nil)
            out.attribute("life-health-finance", item.lifeHealthFinance ? "true" : nil)
            if item.implicitTier, let tier = item.tiers.first {
                writeBands(tier, to: out)
            } else {
                for tier in item.tiers {
                    out.start("tier")
                    out.attribute("base", tier.base)
                    out.attribute("when-base-at-least", tier.atLeast?.yuanText)
                    out.attribute("when-base-below", tier.below?.yuanText)
                    out.attribute("party", tier.party?.rawValue)
                    writeBands(tier, to: out)
                    out.end()
                }
            }
            out.end()
        }
        out.end()
        return out.finish()
    }

    private static func writeBands(_ tier: Tier, to out: XMLOutput) {
        if let statutory = tier.statutory {
            out.start("statutory")
            writeBounds(statutory, to: out)
            out.end()
        }
        for level in tier.levels {
            out.start("level")
            out.attribute("name", level.name)
            writeBounds(level.band, to: out)
            out.end()
        }
    }

    private static func writeBounds(_ band: Band, to out: XMLOutput) {
        for (bound, amountName, multipleName) in [(band.min, "min", "min-multiple"), (band.max, "max", "max-multiple")] {
            switch bound {
            case .amount(let money)?: out.attribute(amountName, money.yuanText)
            case .multiple(let multiple)?: out.attribute(multipleName, multiple.description)
            case nil: break
            }
        }
    }
}
