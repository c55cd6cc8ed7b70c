import CaseModel
import Foundation

/// Turns libxml2's parser and schema messages into sentences a clerk can act on:
/// `事件“立案”的日期“2024-10-32”不是有效日期（应写作 YYYY-MM-DD）` instead of
/// `Element '{urn:zhifa:case:1}event', attribute 'date': '2024-10-32' is not a valid value…`.
///
/// libxml2's messages have a small number of fixed shapes; each shape is matched here and its
/// quoted parts (element, attribute, value, expected set) are named in Chinese from the format's
/// vocabulary. A message of a shape not listed keeps its original text behind a Chinese lead, so
/// nothing is lost; the original of every message is kept for experts (`--verbose`).
enum SchemaMessages {
    /// The element a message is about, as libxml2's node pointer lets the reader see it.
    struct Subject: Sendable {
        /// The element's local name (`event`).
        var element: String
        /// Its `kind` attribute, when it has one (`filed`): an event is named by what it records.
        var kind: String?
    }

    static func chinese(_ message: String, subject: Subject?) -> String {
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        for shape in shapes {
            guard let groups = match(shape.pattern, text) else { continue }
            return shape.sentence(groups, subject)
        }
        return "XML 格式或结构错误：\(text)"
    }

    /// The local name of the element a schema message begins with (`event`), if it does.
    static func elementName(in message: String) -> String? {
        match(#"^Element '(?:\{[^}]*\})?([^']+)'"#, message)?.first
    }

    private struct Shape: Sendable {
        var pattern: String
        var sentence: @Sendable ([String], Subject?) -> String
    }

    /// The shapes, most specific first. Group 1 of the schema shapes is always the element.
    private static let shapes: [Shape] = [
        Shape(pattern: #"^Element '([^']+)', attribute '([^']+)': \[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.?$"#) {
            g, s in
            "\(owner(g[0], s))的\(attribute(g[1], of: g[0]))“\(g[2])”不是可用的取值；可选：\(choices(g[3], attribute: g[1], of: g[0]))"
        },
        Shape(pattern: #"^Element '([^']+)', attribute '([^']+)': \[facet '(\w+)'\] (.*)$"#) { g, s in
            "\(owner(g[0], s))的\(attribute(g[1], of: g[0]))\(facet(g[2], g[3], attribute: g[1]))"
        },
        Shape(pattern: #"^Element '([^']+)', attribute '([^']+)': '(.*)' is not a valid value of the (?:local )?(?:atomic|list|union) type '([^']*)'\.?$"#) {
            g, s in
            "\(owner(g[0], s))的\(attribute(g[1], of: g[0]))“\(g[2])”不是\(expected(type: g[3], attribute: g[1]))"
        },
        Shape(pattern: #"^Element '([^']+)', attribute '([^']+)': The attribute '[^']+' is not allowed\.?$"#) { g, s in
            "\(owner(g[0], s))不能有属性 \(local(g[1]))（交换格式中没有这个属性，请检查拼写）"
        },
        Shape(pattern: #"^Element '([^']+)': The attribute '([^']+)' is required but missing\.?$"#) { g, s in
            "\(owner(g[0], s))缺少必填的\(attribute(g[1], of: g[0]))（属性 \(g[1])）"
        },
        Shape(pattern: #"^Element '([^']+)': This element is not expected\. Expected is (?:one of )?\( (.*) \)\.?$"#) { g, _ in
            "此处不应出现\(element(g[0]))；此处应为：\(elementList(g[1]))"
        },
        Shape(pattern: #"^Element '([^']+)': This element is not expected\.?$"#) { g, _ in
            "此处不应出现\(element(g[0]))"
        },
        Shape(pattern: #"^Element '([^']+)': Missing child element\(s\)\. Expected is (?:one of )?\( (.*) \)\.?$"#) { g, s in
            "\(owner(g[0], s))缺少下级元素：\(elementList(g[1]))"
        },
        Shape(pattern: #"^Element '([^']+)': \[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.?$"#) { g, s in
            "\(owner(g[0], s))的内容“\(g[1])”不是可用的取值；可选：\(choices(g[2], attribute: nil, of: g[0]))"
        },
        Shape(pattern: #"^Element '([^']+)': \[facet '(\w+)'\] (.*)$"#) { g, s in
            "\(owner(g[0], s))的内容\(facet(g[1], g[2], attribute: nil))"
        },
        Shape(pattern: #"^Element '([^']+)': '(.*)' is not a valid value of the (?:local )?(?:atomic|list|union) type '([^']*)'\.?$"#) { g, s in
            "\(owner(g[0], s))的内容“\(g[1])”不是\(expected(type: g[2], attribute: nil))"
        },
        Shape(pattern: #"^Element '([^']+)': Duplicate key-sequence \['(.*)'\] in (?:unique|key) identity-constraint '([^']+)'\.?$"#) { g, s in
            "\(owner(g[0], s))的编号“\(g[1])”在本文件中重复出现"
        },
        Shape(pattern: #"^Element '([^']+)': No match found for key-sequence \['(.*)'\] of keyref '([^']+)'\.?$"#) { g, s in
            "\(owner(g[0], s))引用的“\(g[1])”在本文件中找不到"
        },
        Shape(pattern: #"^Element '([^']+)': No matching global declaration available for the validation root\.?$"#) { g, _ in
            "根元素\(element(g[0]))不是 Zhifa 交换格式的文档（命名空间或元素名不对）"
        },
        Shape(pattern: #"^Element '([^']+)': Character content other than whitespace is not allowed because the content type is 'element-only'\.?$"#) { g, s in
            "\(owner(g[0], s))中只能有下级元素，不能直接写文字"
        },
        Shape(pattern: #"^Element '([^']+)': (.*)$"#) { g, s in
            "\(owner(g[0], s))不符合交换格式：\(g[1])"
        },
        Shape(pattern: #"^Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)$"#) { g, _ in
            "结束标签 </\(g[2])> 与第\(g[1])行的开始标签 <\(g[0])> 不配对"
        },
        Shape(pattern: #"^Premature end of data in tag (\S+) line (\d+)$"#) { g, _ in
            "文件在第\(g[1])行开始的 <\(g[0])> 结束之前就结束了（文件不完整或缺少结束标签）"
        },
        Shape(pattern: #"^Extra content at the end of the document$"#) { _, _ in "根元素结束后还有多余内容" },
        Shape(pattern: #"^Start tag expected, '<' not found$"#) { _, _ in "文件不是 XML：开头找不到 <" },
        Shape(pattern: #"^Document is empty$"#) { _, _ in "文件是空的" },
        Shape(pattern: #"^Couldn't find end of Start Tag (\S+).*$"#) { g, _ in "开始标签 <\(g[0])> 没有写完（缺少 > 或引号不配对）" },
        Shape(pattern: #"^AttValue: \" or ' expected$"#) { _, _ in "属性值须写在引号中" },
        Shape(pattern: #"^attributes construct error$"#) { _, _ in "属性写法有误（缺少引号或等号）" },
        Shape(pattern: #"^Attribute (\S+) redefined$"#) { g, _ in "属性 \(g[0]) 重复出现" },
        Shape(pattern: #"^EntityRef: expecting ';'$"#) { _, _ in "& 须写作 &amp;（实体引用缺少分号）" },
        Shape(pattern: #"^Entity '([^']+)' not defined$"#) { g, _ in "未定义的实体 &\(g[0]);" },
        Shape(pattern: #"^Input is not proper UTF-8.*$"#) { _, _ in "文件不是 UTF-8 编码（请另存为 UTF-8）" },
        Shape(pattern: #"^Char 0x[0-9A-Fa-f]+ out of allowed range$"#) { _, _ in "文件中有 XML 不允许的控制字符" }
    ]

    // MARK: Names

    /// Chinese names of the format's elements.
    static let elements: [String: String] = [
        "case": "案件", "cases": "案件集", "party": "当事人", "matter": "违法事实", "events": "办案过程",
        "event": "事件", "record": "记录", "outcome": "处理结果", "penalty": "处罚", "base": "计算基数",
        "discretion": "裁量", "grant": "许可结果", "disclosure": "公示", "text": "文字内容",
        "registry": "名录", "agency": "执法主体", "officer": "人员", "certificate": "执法证件",
        "training": "培训", "benchmarks": "裁量基准", "item": "裁量事项", "statutory": "法定幅度",
        "level": "裁量阶次", "tier": "档次", "power": "权责事项",
        // Checklists (Checklists/checklist.xsd), which auditors edit.
        "checklist": "评查表", "rule": "规则", "rules": "规则设置", "categories": "类别设置", "category": "类别",
        "grades": "等级设置", "grade": "等级", "manual": "人工评查项设置", "parameters": "参数设置",
        "parameter": "参数", "appraisal": "考核扣分设置", "deduction": "扣分项"
    ]

    /// Chinese names of attributes; `element.attribute` entries say what an attribute means on one element.
    static let attributes: [String: String] = [
        "date": "日期", "kind": "类型", "officers": "执法人员", "reviewer": "审核人员", "number": "文号",
        "until": "期限", "method": "送达方式", "result": "审核结果", "days": "延长天数", "amount": "金额",
        "level": "裁量阶次", "hearing-rights": "听证权利告知", "by": "撤销机关", "id": "编号", "type": "执法类别",
        "procedure": "程序", "agency": "执法主体", "major": "重大执法决定", "name": "名称", "code": "代码",
        "file": "文件", "sha256": "SHA-256 哈希", "title": "标题", "platform": "公示平台", "url": "网址",
        "withdrawn": "撤下日期", "exempt": "免予公示理由", "effective": "生效日期", "item": "裁量基准事项",
        "violation-date": "违法行为发生日期", "credit-code": "统一社会信用代码", "id-number": "身份证件号码",
        "first-offence": "初次违法", "corrected": "已改正", "harm": "危害后果", "reason": "理由",
        "status": "状态", "issued": "发证日期", "expires": "有效期至", "role": "身份", "region": "地区",
        "since": "起始日期", "start": "开始日期", "end": "结束日期", "hours": "学时", "year": "年度",
        "ruling": "复议或判决结果", "power": "权责事项编码", "power.category": "事项类别", "from": "起始日期", "to": "终止日期",
        "field": "执法领域", "basis": "依据", "min": "下限", "max": "上限", "min-multiple": "最低倍数",
        "max-multiple": "最高倍数", "party": "当事人类型", "when-base-at-least": "基数下限",
        "when-base-below": "基数上限", "legal-qualification": "法律职业资格", "reviewer-since": "法制审核资格取得日期",
        "life-health-finance": "涉及生命健康或金融安全", "no-penalty-if-first-minor": "首违轻微不罚",
        "party.kind": "当事人类型", "party.name": "名称或姓名", "event.kind": "事件类型", "record.kind": "记录类型",
        "penalty.kind": "处罚种类", "base.name": "基数名称", "case.id": "案件编号", "officer.id": "人员编号",
        "agency.name": "机关名称", "officer.name": "姓名", "certificate.number": "证号", "event.number": "文号",
        "base.amount": "基数数额", "penalty.amount": "金额",
        "cap": "扣分上限", "deduction": "扣分", "per-occurrence": "每次扣分", "veto": "一票否决", "points": "分值",
        "severity": "严重程度", "enabled": "启用", "extends": "继承的评查表", "each": "每次扣分", "value": "取值",
        "rules": "规则", "note": "说明", "rule.id": "规则编号", "category.name": "类别名称", "grade.min": "最低分"
    ]

    static func local(_ qualified: String) -> String {
        qualified.split(separator: "}").last.map(String.init) ?? qualified
    }

    static func element(_ qualified: String) -> String {
        let name = local(qualified)
        return elements[name].map { "\($0)（<\(name)>）" } ?? "<\(name)>"
    }

    /// `事件“立案”` for an event, else the element's Chinese name.
    static func owner(_ qualified: String, _ subject: Subject?) -> String {
        let name = local(qualified)
        let label = elements[name] ?? "<\(name)>"
        if name == "event", subject?.element == "event", let kind = subject?.kind.flatMap(EventKind.init(rawValue:)) {
            return "事件“\(kind.chineseName)”"
        }
        if name == "record", let kind = subject?.kind, let recordKind = Record.Kind(rawValue: kind) {
            return "\(recordKind.chineseName)"
        }
        return label
    }

    static func attribute(_ name: String, of qualified: String) -> String {
        attributes["\(local(qualified)).\(name)"] ?? attributes[name] ?? "属性 \(name)"
    }

    static func elementList(_ list: String) -> String {
        list.components(separatedBy: ", ").map { element($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: "、")
    }

    /// `'direct', 'mail'` → `direct（直接送达）、mail（邮寄送达）` where the code has a label.
    static func choices(_ set: String, attribute: String?, of qualified: String) -> String {
        let codes = set.components(separatedBy: ", ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "' ")) }
        let labels = attribute.flatMap { labeller(element: local(qualified), attribute: $0) }
        return codes.map { code in labels?(code).map { "\(code)（\($0)）" } ?? code }.joined(separator: "、")
    }

    /// The shared label table of the code an attribute holds: the same code can mean different
    /// things (`inspection` is 行政检查 as a case type, 现场检查 as an event).
    private static func labeller(element: String, attribute: String) -> ((String) -> String?)? {
        switch (element, attribute) {
        case ("event", "kind"): { EventKind(rawValue: $0)?.chineseName }
        case ("case", "type"), (_, "type"): { CaseType(rawValue: $0)?.chineseName }
        case (_, "procedure"): { Procedure(rawValue: $0)?.chineseName }
        case ("party", "kind"), (_, "party"): { PartyKind(rawValue: $0)?.chineseName }
        case ("penalty", "kind"): { PenaltyKind(rawValue: $0)?.chineseName }
        case ("record", "kind"): { Record.Kind(rawValue: $0)?.chineseName }
        case (_, "method"): { DeliveryMethod(rawValue: $0)?.chineseName }
        case (_, "result"): { ReviewResult(rawValue: $0)?.chineseName }
        case (_, "by"): { RevokedBy(rawValue: $0)?.chineseName }
        case (_, "ruling"): { Ruling(rawValue: $0)?.chineseName }
        case ("power", "category"): { PowerCategory(rawValue: $0)?.chineseName }
        case (_, "role"): { PersonRole(rawValue: $0)?.chineseName }
        case ("certificate", "status"): { Certificate.Status(rawValue: $0)?.chineseName }
        default: nil
        }
    }

    /// What a value of the schema type should have been.
    static func expected(type: String, attribute: String?) -> String {
        switch local(type) {
        case "Date", "xs:date": "有效日期（应写作 YYYY-MM-DD，如 2024-10-08）"
        case "xs:boolean": " true 或 false"
        case "Yuan": "以元为单位、至多两位小数的金额"
        case "Multiple": "倍数（至多四位小数）"
        case "xs:integer", "xs:int", "xs:positiveInteger", "xs:nonNegativeInteger", "xs:unsignedInt": "整数（或超出了允许的范围）"
        case "Ids": "以空格分隔的人员编号"
        case "xs:decimal": "数字"
        default: "允许的取值（类型 \(local(type))）"
        }
    }

    /// A facet violation (`[facet 'pattern'] The value '-5' is not accepted…`) as a sentence.
    static func facet(_ facet: String, _ detail: String, attribute: String?) -> String {
        let value = match(#"The value '(.*?)'"#, detail)?.first
        let quoted = value.map { "“\($0)”" } ?? ""
        switch facet {
        case "pattern":
            if attribute == "amount" || detail.contains(#"\d{1,12}"#) { return "\(quoted)不是以元为单位、至多两位小数的金额" }
            if detail.contains(#"\d{4}-\d{2}-\d{2}"#) { return "\(quoted)不是有效日期（应写作 YYYY-MM-DD，如 2024-10-08）" }
            if detail.contains(#"\d{1,4}"#) { return "\(quoted)不是倍数（至多四位小数）" }
            if detail.contains(#".*\S.*"#) { return "不能为空" }
            return "\(quoted)格式不对"
        case "maxLength":
            let limit = match(#"maximum length of '(\d+)'"#, detail)?.first ?? "?"
            return "太长：最多 \(limit) 个字符（或项）"
        case "minLength":
            let limit = match(#"minimum length of '(\d+)'"#, detail)?.first ?? "1"
            return limit == "1" ? "不能为空" : "太短：至少 \(limit) 个字符（或项）"
        case "maxInclusive", "maxExclusive":
            let limit = match(#"\('([^']+)'\)"#, detail)?.first ?? "?"
            return "\(quoted)超过上限 \(limit)"
        case "minInclusive", "minExclusive":
            let limit = match(#"\('([^']+)'\)"#, detail)?.first ?? "?"
            return "\(quoted)低于下限 \(limit)"
        default:
            return "\(quoted)不符合格式要求（\(facet)）"
        }
    }

    private static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        guard let found = regex.firstMatch(in: text, range: range) else { return nil }
        return (1..<found.numberOfRanges).map { index in
            Range(found.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }
}
