import CaseModel

/// The agencies, people and benchmarks of a synthetic province-like data set.
public struct SyntheticAgencies: Sendable {
    public struct Staff: Sendable {
        public var agency: Agency
        /// Officers whose certificates cover every generated date.
        public var officers: [String]
        public var reviewers: [String]
        /// Defect material: an expired certificate, a suspended one, an auxiliary.
        public var expired: String
        public var suspended: String
        public var auxiliary: String
    }

    public var staff: [Staff]
    public var registry: Registry
    public var benchmarks: [BenchmarkSet]

    static let fields: [(code: String, name: String, field: String)] = [
        ("SJJ", "市场监督管理局", "市场监管"), ("CGJ", "城市管理局", "城市管理"), ("HBJ", "生态环境局", "生态环境"),
        ("JTJ", "交通运输局", "交通运输"), ("YJJ", "应急管理局", "应急管理"), ("WJW", "卫生健康委员会", "卫生健康"),
        ("ZRJ", "自然资源和规划局", "自然资源"), ("WLJ", "文化和旅游局", "文化旅游")
    ]
    static let cities: [(code: String, name: String, region: String)] = [
        ("HF", "合肥市", "340100"), ("WH", "芜湖市", "340200"), ("BB", "蚌埠市", "340300"), ("AQ", "安庆市", "340800")
    ]

    public init(agencyCount: Int) {
        var staff: [Staff] = []
        var officers: [Officer] = []
        var agencies: [Agency] = []
        var benchmarks: [BenchmarkSet] = []
        let always = Certificate(number: "", issued: CalendarDate(year: 2009, month: 1, day: 1)!, expires: CalendarDate(year: 2030, month: 12, day: 31)!)
        for index in 0..<agencyCount {
            let field = Self.fields[index % Self.fields.count]
            let city = Self.cities[(index / Self.fields.count) % Self.cities.count]
            let code = "\(city.code)-\(field.code)\(index >= Self.fields.count * Self.cities.count ? String(index) : "")"
            // Format 1.1: a credit code and a 权责清单, one matter per kind of case the generator
            // makes, and one penalty matter that ended long before any generated date.
            let since = CalendarDate(year: 2009, month: 1, day: 1)!
            let powers = [
                Power(code: "\(code)-P", name: field.field + "领域行政处罚", category: .penalty, basis: "相关法律", from: since),
                Power(code: "\(code)-L", name: field.field + "领域行政许可", category: .license, basis: "相关法律", from: since),
                Power(code: "\(code)-Q", name: field.field + "领域行政强制", category: .coercion, basis: "相关法律", from: since),
                Power(code: "\(code)-J", name: field.field + "领域行政检查", category: .inspection, basis: "相关法律", from: since),
                Power(
                    code: "\(code)-E", name: field.field + "领域已划出的行政处罚", category: .penalty, basis: "相关法律", from: since,
                    to: CalendarDate(year: 2009, month: 12, day: 31)!)
            ]
            let agency = Agency(
                code: code, name: city.name + field.name, region: city.region, field: field.field,
                creditCode: "11\(city.region)MB\(String(format: "%06d", index))X", powers: powers)
            agencies.append(agency)
            var ids: [String] = []
            for n in 1...12 {
                let id = "\(code)-O\(n)"
                var certificate = always
                certificate.number = "\(city.region)\(index)\(n)"
                officers.append(
                    Officer(
                        id: id, name: "执法员\(n)", agency: code, roles: [.officer], certificates: [certificate],
                        trainings: [Training(year: 2024, hours: 60)]))
                ids.append(id)
            }
            let reviewers = (1...2).map { "\(code)-R\($0)" }
            for (n, id) in reviewers.enumerated() {
                officers.append(
                    Officer(
                        id: id, name: "审核员\(n + 1)", agency: code, roles: [.reviewer],
                        legalQualification: "A2019\(index)\(n)", reviewerSince: CalendarDate(year: 2019, month: 1, day: 1)!))
            }
            officers.append(
                Officer(
                    id: "\(code)-X1", name: "证件过期人员", agency: code, roles: [.officer],
                    certificates: [
                        Certificate(
                            number: "X\(index)1", issued: CalendarDate(year: 2005, month: 1, day: 1)!,
                            expires: CalendarDate(year: 2009, month: 12, day: 31)!)
                    ]))
            officers.append(
                Officer(
                    id: "\(code)-X2", name: "证件暂扣人员", agency: code, roles: [.officer],
                    certificates: [
                        Certificate(
                            number: "X\(index)2", issued: CalendarDate(year: 2009, month: 1, day: 1)!,
                            expires: CalendarDate(year: 2030, month: 12, day: 31)!, status: .suspended,
                            since: CalendarDate(year: 2010, month: 1, day: 1)!)
                    ]))
            officers.append(Officer(id: "\(code)-A1", name: "辅助人员", agency: code, roles: [.auxiliary]))
            staff.append(Staff(agency: agency, officers: ids, reviewers: reviewers, expired: "\(code)-X1", suspended: "\(code)-X2", auxiliary: "\(code)-A1"))
            benchmarks.append(Self.benchmark(for: code, name: agency.name))
        }
        self.staff = staff
        self.registry = Registry(agencies: agencies, officers: officers)
        self.benchmarks = benchmarks
    }

    /// Three items per agency: fixed amounts on the 首违不罚 list, multiples by goods value, quantity by party kind.
    static func benchmark(for code: String, name: String) -> BenchmarkSet {
        func amount(_ yuan: Int64) -> Bound { .amount(Money(yuan: yuan)) }
        func times(_ value: String) -> Bound { .multiple(Multiple(text: value)!) }
        func band(_ low: Bound, _ high: Bound) -> Band { Band(min: low, max: high) }
        return BenchmarkSet(
            agency: code, title: "\(name)行政处罚裁量基准", effective: CalendarDate(year: 2010, month: 1, day: 1)!,
            items: [
                BenchmarkItem(
                    code: "\(code)-A", name: "未按规定公示证照信息", basis: "相关法规第四十八条", noPenaltyIfFirstMinor: true,
                    tiers: [
                        Tier(
                            statutory: band(amount(0), amount(10_000)),
                            levels: [
                                Level(name: "从轻", band: band(amount(0), amount(3_000))), Level(name: "一般", band: band(amount(3_000), amount(7_000))),
                                Level(name: "从重", band: band(amount(7_000), amount(10_000)))
                            ])
                    ], implicitTier: true),
                BenchmarkItem(
                    code: "\(code)-B", name: "经营不符合标准的产品", basis: "相关法律第一百二十四条", lifeHealthFinance: true,
                    tiers: [
                        Tier(
                            base: "goods-value", below: Money(yuan: 10_000), statutory: band(amount(50_000), amount(100_000)),
                            levels: [
                                Level(name: "从轻", band: band(amount(50_000), amount(65_000))), Level(name: "一般", band: band(amount(65_000), amount(85_000))),
                                Level(name: "从重", band: band(amount(85_000), amount(100_000)))
                            ]),
                        Tier(
                            base: "goods-value", atLeast: Money(yuan: 10_000), statutory: band(times("10"), times("20")),
                            levels: [
                                Level(name: "从轻", band: band(times("10"), times("13"))), Level(name: "一般", band: band(times("13"), times("17"))),
                                Level(name: "从重", band: band(times("17"), times("20")))
                            ])
                    ]),
                BenchmarkItem(
                    code: "\(code)-C", name: "违规倾倒废弃物", basis: "相关规章第二十六条",
                    tiers: [
                        Tier(
                            base: "volume-m3", below: Money(yuan: 10), party: .organisation, statutory: band(amount(5_000), amount(50_000)),
                            levels: [
                                Level(name: "一般", band: band(amount(10_000), amount(20_000)))
                            ]),
                        Tier(
                            base: "volume-m3", atLeast: Money(yuan: 10), party: .organisation, statutory: band(amount(5_000), amount(50_000)),
                            levels: [
                                Level(name: "一般", band: band(amount(30_000), amount(40_000)))
                            ]),
                        Tier(
                            party: .individual, statutory: band(amount(0), amount(200)),
                            levels: [
                                Level(name: "一般", band: band(amount(50), amount(150)))
                            ])
                    ])
            ])
    }
}
