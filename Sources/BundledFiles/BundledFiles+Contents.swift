// swift-format-ignore-file
// Written by scripts/embed-files from the files named; edit those and run it again.

extension BundledFiles {
    static let contents: [String: String] = [
        "Checklists/calendar/cn-holidays.txt": #"""
# 法定节假日与调休: 国务院办公厅历年《关于部分节假日安排的通知》
#
# year     YYYY <the notice that fixes that year>
# holiday  <name> <days off: dates or FROM..TO ranges>   (放假调休的全部日子, weekends inside the break included)
# workday  <name> <weekend days made working days>       (调休上班)
#
# A date may lie in the year before its notice (元旦 breaks start in late December).
# To add a year: copy its notice's 放假/上班 lines below, under a new `year` line, and save.
# No rebuild is needed; a year with no `year` line is refused, never guessed from weekdays.

year 2010 国务院办公厅关于2010年部分节假日安排的通知（国办发明电〔2009〕19号）
holiday 元旦 2010-01-01..2010-01-03
holiday 春节 2010-02-13..2010-02-19
workday 春节 2010-02-20 2010-02-21
holiday 清明节 2010-04-03..2010-04-05
holiday 劳动节 2010-05-01..2010-05-03
holiday 端午节 2010-06-14..2010-06-16
workday 端午节 2010-06-12 2010-06-13
holiday 中秋节 2010-09-22..2010-09-24
workday 中秋节 2010-09-19 2010-09-25
holiday 国庆节 2010-10-01..2010-10-07
workday 国庆节 2010-09-26 2010-10-09

year 2011 国务院办公厅关于2011年部分节假日安排的通知（国办发明电〔2010〕40号）
holiday 元旦 2011-01-01..2011-01-03
holiday 春节 2011-02-02..2011-02-08
workday 春节 2011-01-30 2011-02-12
holiday 清明节 2011-04-03..2011-04-05
workday 清明节 2011-04-02
holiday 劳动节 2011-04-30..2011-05-02
holiday 端午节 2011-06-04..2011-06-06
holiday 中秋节 2011-09-10..2011-09-12
holiday 国庆节 2011-10-01..2011-10-07
workday 国庆节 2011-10-08 2011-10-09

year 2012 国务院办公厅关于2012年部分节假日安排的通知（国办发明电〔2011〕39号）
holiday 元旦 2012-01-01..2012-01-03
workday 元旦 2011-12-31
holiday 春节 2012-01-22..2012-01-28
workday 春节 2012-01-21 2012-01-29
holiday 清明节 2012-04-02..2012-04-04
workday 清明节 2012-03-31 2012-04-01
holiday 劳动节 2012-04-29..2012-05-01
workday 劳动节 2012-04-28
holiday 端午节 2012-06-22..2012-06-24
holiday 中秋节、国庆节 2012-09-30..2012-10-07
workday 中秋节、国庆节 2012-09-29

year 2013 国务院办公厅关于2013年部分节假日安排的通知（国办发明电〔2012〕38号）
holiday 元旦 2013-01-01..2013-01-03
workday 元旦 2013-01-05 2013-01-06
holiday 春节 2013-02-09..2013-02-15
workday 春节 2013-02-16 2013-02-17
holiday 清明节 2013-04-04..2013-04-06
workday 清明节 2013-04-07
holiday 劳动节 2013-04-29..2013-05-01
workday 劳动节 2013-04-27 2013-04-28
holiday 端午节 2013-06-10..2013-06-12
workday 端午节 2013-06-08 2013-06-09
holiday 中秋节 2013-09-19..2013-09-21
workday 中秋节 2013-09-22
holiday 国庆节 2013-10-01..2013-10-07
workday 国庆节 2013-09-29 2013-10-12

year 2014 国务院办公厅关于2014年部分节假日安排的通知（国办发明电〔2013〕28号）
holiday 元旦 2014-01-01
holiday 春节 2014-01-31..2014-02-06
workday 春节 2014-01-26 2014-02-08
holiday 清明节 2014-04-05..2014-04-07
holiday 劳动节 2014-05-01..2014-05-03
workday 劳动节 2014-05-04
holiday 端午节 2014-05-31..2014-06-02
holiday 中秋节 2014-09-06..2014-09-08
holiday 国庆节 2014-10-01..2014-10-07
workday 国庆节 2014-09-28 2014-10-11

year 2015 国务院办公厅关于2015年部分节假日安排的通知（国办发明电〔2014〕28号）；国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知（2015年5月10日）
holiday 元旦 2015-01-01..2015-01-03
workday 元旦 2015-01-04
holiday 春节 2015-02-18..2015-02-24
workday 春节 2015-02-15 2015-02-28
holiday 清明节 2015-04-05..2015-04-06
holiday 劳动节 2015-05-01
holiday 端午节 2015-06-20 2015-06-22
holiday 抗战胜利纪念日 2015-09-03..2015-09-05
workday 抗战胜利纪念日 2015-09-06
holiday 中秋节 2015-09-27
holiday 国庆节 2015-10-01..2015-10-07
workday 国庆节 2015-10-10

year 2016 国务院办公厅关于2016年部分节假日安排的通知（国办发明电〔2015〕18号）
holiday 元旦 2016-01-01..2016-01-03
holiday 春节 2016-02-07..2016-02-13
workday 春节 2016-02-06 2016-02-14
holiday 清明节 2016-04-02..2016-04-04
holiday 劳动节 2016-04-30..2016-05-02
holiday 端午节 2016-06-09..2016-06-11
workday 端午节 2016-06-12
holiday 中秋节 2016-09-15..2016-09-17
workday 中秋节 2016-09-18
holiday 国庆节 2016-10-01..2016-10-07
workday 国庆节 2016-10-08 2016-10-09

year 2017 国务院办公厅关于2017年部分节假日安排的通知（国办发明电〔2016〕17号）
holiday 元旦 2016-12-31..2017-01-02
holiday 春节 2017-01-27..2017-02-02
workday 春节 2017-01-22 2017-02-04
holiday 清明节 2017-04-02..2017-04-04
workday 清明节 2017-04-01
holiday 劳动节 2017-04-29..2017-05-01
holiday 端午节 2017-05-28..2017-05-30
workday 端午节 2017-05-27
holiday 国庆节、中秋节 2017-10-01..2017-10-08
workday 国庆节、中秋节 2017-09-30

year 2018 国务院办公厅关于2018年部分节假日安排的通知（国办发明电〔2017〕12号）
holiday 元旦 2017-12-30..2018-01-01
holiday 春节 2018-02-15..2018-02-21
workday 春节 2018-02-11 2018-02-24
holiday 清明节 2018-04-05..2018-04-07
workday 清明节 2018-04-08
holiday 劳动节 2018-04-29..2018-05-01
workday 劳动节 2018-04-28
holiday 端午节 2018-06-16..2018-06-18
holiday 中秋节 2018-09-22..2018-09-24
holiday 国庆节 2018-10-01..2018-10-07
workday 国庆节 2018-09-29 2018-09-30

year 2019 国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号）；国务院办公厅关于调整2019年劳动节假期安排的通知（2019年3月22日）
holiday 元旦 2018-12-30..2019-01-01
workday 元旦 2018-12-29
holiday 春节 2019-02-04..2019-02-10
workday 春节 2019-02-02 2019-02-03
holiday 清明节 2019-04-05..2019-04-07
holiday 劳动节 2019-05-01..2019-05-04
workday 劳动节 2019-04-28 2019-05-05
holiday 端午节 2019-06-07..2019-06-09
holiday 中秋节 2019-09-13..2019-09-15
holiday 国庆节 2019-10-01..2019-10-07
workday 国庆节 2019-09-29 2019-10-12

year 2020 国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号）；国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）
holiday 元旦 2020-01-01
holiday 春节 2020-01-24..2020-02-02
workday 春节 2020-01-19
holiday 清明节 2020-04-04..2020-04-06
holiday 劳动节 2020-05-01..2020-05-05
workday 劳动节 2020-04-26 2020-05-09
holiday 端午节 2020-06-25..2020-06-27
workday 端午节 2020-06-28
holiday 国庆节、中秋节 2020-10-01..2020-10-08
workday 国庆节、中秋节 2020-09-27 2020-10-10

year 2021 国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号）
holiday 元旦 2021-01-01..2021-01-03
holiday 春节 2021-02-11..2021-02-17
workday 春节 2021-02-07 2021-02-20
holiday 清明节 2021-04-03..2021-04-05
holiday 劳动节 2021-05-01..2021-05-05
workday 劳动节 2021-04-25 2021-05-08
holiday 端午节 2021-06-12..2021-06-14
holiday 中秋节 2021-09-19..2021-09-21
workday 中秋节 2021-09-18
holiday 国庆节 2021-10-01..2021-10-07
workday 国庆节 2021-09-26 2021-10-09

year 2022 国务院办公厅关于2022年部分节假日安排的通知（国办发明电〔2021〕11号）
holiday 元旦 2022-01-01..2022-01-03
holiday 春节 2022-01-31..2022-02-06
workday 春节 2022-01-29 2022-01-30
holiday 清明节 2022-04-03..2022-04-05
workday 清明节 2022-04-02
holiday 劳动节 2022-04-30..2022-05-04
workday 劳动节 2022-04-24 2022-05-07
holiday 端午节 2022-06-03..2022-06-05
holiday 中秋节 2022-09-10..2022-09-12
holiday 国庆节 2022-10-01..2022-10-07
workday 国庆节 2022-10-08 2022-10-09

year 2023 国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）
holiday 元旦 2022-12-31..2023-01-02
holiday 春节 2023-01-21..2023-01-27
workday 春节 2023-01-28 2023-01-29
holiday 清明节 2023-04-05
holiday 劳动节 2023-04-29..2023-05-03
workday 劳动节 2023-04-23 2023-05-06
holiday 端午节 2023-06-22..2023-06-24
workday 端午节 2023-06-25
holiday 中秋节、国庆节 2023-09-29..2023-10-06
workday 中秋节、国庆节 2023-10-07 2023-10-08

year 2024 国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）
holiday 元旦 2023-12-30..2024-01-01
holiday 春节 2024-02-10..2024-02-17
workday 春节 2024-02-04 2024-02-18
holiday 清明节 2024-04-04..2024-04-06
workday 清明节 2024-04-07
holiday 劳动节 2024-05-01..2024-05-05
workday 劳动节 2024-04-28 2024-05-11
holiday 端午节 2024-06-08..2024-06-10
holiday 中秋节 2024-09-15..2024-09-17
workday 中秋节 2024-09-14
holiday 国庆节 2024-10-01..2024-10-07
workday 国庆节 2024-09-29 2024-10-12

year 2025 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）
holiday 元旦 2025-01-01
holiday 春节 2025-01-28..2025-02-04
workday 春节 2025-01-26 2025-02-08
holiday 清明节 2025-04-04..2025-04-06
holiday 劳动节 2025-05-01..2025-05-05
workday 劳动节 2025-04-27
holiday 端午节 2025-05-31..2025-06-02
holiday 国庆节、中秋节 2025-10-01..2025-10-08
workday 国庆节、中秋节 2025-09-28 2025-10-11

year 2026 国务院办公厅关于2026年部分节假日安排的通知（2025年11月发布）
holiday 元旦 2026-01-01..2026-01-03
workday 元旦 2026-01-04
holiday 春节 2026-02-15..2026-02-23
workday 春节 2026-02-14 2026-02-28
holiday 清明节 2026-04-04..2026-04-06
holiday 劳动节 2026-05-01..2026-05-05
workday 劳动节 2026-05-09
holiday 端午节 2026-06-19..2026-06-21
holiday 中秋节 2026-09-25..2026-09-27
holiday 国庆节 2026-10-01..2026-10-07
workday 国庆节 2026-09-20 2026-10-10

"""#,
        "Checklists/checklist.xsd": #"""
<?xml version="1.0" encoding="UTF-8"?>
<!-- Zhifa 案卷评查标准 (checklist) v1. A checklist may extend another and override what it names. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns="urn:zhifa:checklist:1" xmlns:k="urn:zhifa:checklist:1" targetNamespace="urn:zhifa:checklist:1"
           elementFormDefault="qualified">
  <xs:simpleType name="Text">
    <xs:restriction base="xs:string"><xs:minLength value="1"/><xs:pattern value=".*\S.*"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Points">
    <xs:restriction base="xs:decimal"><xs:minInclusive value="0"/><xs:fractionDigits value="2"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="RuleId">
    <xs:restriction base="xs:token"><xs:pattern value="[A-Z]+(-[A-Z0-9]+)+"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Severity">
    <xs:restriction base="xs:token">
      <xs:enumeration value="critical"/><xs:enumeration value="major"/>
      <xs:enumeration value="minor"/><xs:enumeration value="advice"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:element name="checklist">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="basis" type="xs:string" minOccurs="0"/>
        <xs:element name="categories" minOccurs="0">
          <xs:complexType><xs:sequence>
            <xs:element name="category" maxOccurs="unbounded">
              <xs:complexType>
                <xs:attribute name="name" type="Text" use="required"/>
                <xs:attribute name="points" type="Points" use="required"/>
              </xs:complexType>
            </xs:element>
          </xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="parameters" minOccurs="0">
          <xs:complexType><xs:sequence>
            <xs:element name="parameter" maxOccurs="unbounded">
              <xs:complexType>
                <xs:attribute name="name" type="xs:token" use="required"/>
                <xs:attribute name="value" type="Text" use="required"/>
                <xs:attribute name="basis" type="xs:string"/>
              </xs:complexType>
            </xs:element>
          </xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="rules" minOccurs="0">
          <xs:complexType><xs:sequence>
            <xs:element name="rule" maxOccurs="unbounded">
              <xs:complexType>
                <xs:attribute name="id" type="RuleId" use="required"/>
                <xs:attribute name="category" type="Text"/>
                <xs:attribute name="deduction" type="Points"/>
                <xs:attribute name="per-occurrence" type="Points"/>
                <xs:attribute name="cap" type="Points"/>
                <xs:attribute name="severity" type="Severity"/>
                <xs:attribute name="veto" type="xs:boolean"/>
                <xs:attribute name="enabled" type="xs:boolean"/>
                <xs:attribute name="note" type="xs:string"/>
              </xs:complexType>
            </xs:element>
          </xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="manual" minOccurs="0">
          <xs:complexType><xs:sequence>
            <xs:element name="item" maxOccurs="unbounded">
              <xs:complexType>
                <xs:simpleContent>
                  <xs:extension base="Text">
                    <xs:attribute name="id" type="xs:token" use="required"/>
                    <xs:attribute name="category" type="Text" use="required"/>
                    <xs:attribute name="points" type="Points" use="required"/>
                    <!-- Rules whose findings propose this item's score, which the reviewer confirms or changes. -->
                    <xs:attribute name="proposed-by">
                      <xs:simpleType><xs:list itemType="RuleId"/></xs:simpleType>
                    </xs:attribute>
                  </xs:extension>
                </xs:simpleContent>
              </xs:complexType>
            </xs:element>
          </xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="grades" minOccurs="0">
          <xs:complexType><xs:sequence>
            <xs:element name="grade" maxOccurs="unbounded">
              <xs:complexType>
                <xs:attribute name="name" type="Text" use="required"/>
                <xs:attribute name="min" type="Points" use="required"/>
              </xs:complexType>
            </xs:element>
          </xs:sequence></xs:complexType>
        </xs:element>
        <xs:element name="appraisal" minOccurs="0">
          <xs:complexType><xs:sequence>
            <xs:element name="deduction" maxOccurs="unbounded">
              <xs:complexType>
                <xs:simpleContent>
                  <xs:extension base="Text">
                    <xs:attribute name="id" type="xs:token" use="required"/>
                    <!-- Rule failures counted, and (format 1.1) cases whose decision was corrected in
                         行政复议 or lost in 行政诉讼; a deduction names at least one of the two. -->
                    <xs:attribute name="rules">
                      <xs:simpleType><xs:list itemType="RuleId"/></xs:simpleType>
                    </xs:attribute>
                    <xs:attribute name="outcomes">
                      <xs:simpleType><xs:list><xs:simpleType><xs:restriction base="xs:token">
                        <xs:enumeration value="reconsideration-corrected"/><xs:enumeration value="litigation-lost"/>
                      </xs:restriction></xs:simpleType></xs:list></xs:simpleType>
                    </xs:attribute>
                    <xs:attribute name="each" type="Points" use="required"/>
                    <xs:attribute name="cap" type="Points"/>
                  </xs:extension>
                </xs:simpleContent>
              </xs:complexType>
            </xs:element>
          </xs:sequence></xs:complexType>
        </xs:element>
      </xs:sequence>
      <xs:attribute name="name" type="xs:token" use="required"/>
      <xs:attribute name="title" type="Text" use="required"/>
      <xs:attribute name="extends" type="xs:token"/>
    </xs:complexType>
    <xs:unique name="ruleId"><xs:selector xpath="k:rules/k:rule"/><xs:field xpath="@id"/></xs:unique>
    <xs:unique name="categoryName"><xs:selector xpath="k:categories/k:category"/><xs:field xpath="@name"/></xs:unique>
    <xs:unique name="parameterName"><xs:selector xpath="k:parameters/k:parameter"/><xs:field xpath="@name"/></xs:unique>
    <xs:unique name="manualId"><xs:selector xpath="k:manual/k:item"/><xs:field xpath="@id"/></xs:unique>
  </xs:element>
</xs:schema>

"""#,
        "Checklists/market-regulation.xml": #"""
<?xml version="1.0" encoding="UTF-8"?>
<!-- 市场监管部门评查标准：在通用标准之上，按《市场监督管理行政处罚信息公示规定》（国家市场监督管理总局令第45号）
     调整行政处罚信息的公示期限。其余规则、分值和参数与 national 相同。 -->
<checklist xmlns="urn:zhifa:checklist:1" name="market-regulation" title="行政执法案卷评查标准（市场监管）" extends="national">
  <basis>在通用标准基础上适用《市场监督管理行政处罚信息公示规定》（国家市场监督管理总局令第45号）。</basis>
  <parameters>
    <!-- 改动：总局令第45号规定，市场监管部门应当自作出行政处罚决定之日起二十个工作日内公示行政处罚信息，
         长于118号文的七个工作日；部门规章对本系统作了专门规定，评查时按二十个工作日计算。 -->
    <parameter name="disclosure.penalty.workdays" value="20" basis="国家市场监督管理总局令第45号：作出行政处罚决定之日起二十个工作日内公示"/>
  </parameters>
</checklist>

"""#,
        "Checklists/national.xml": #"""
<?xml version="1.0" encoding="UTF-8"?>
<!-- 默认评查标准：docs/rules.md 的全部规则与默认参数，依据国家法律、行政法规和国办发〔2018〕118号。
     评查人员可复制本文件另存为新标准，或以 extends="national" 只写需要改动的部分。 -->
<checklist xmlns="urn:zhifa:checklist:1" name="national" title="行政执法案卷评查标准（通用）">
  <basis>《中华人民共和国行政处罚法》（2021年修订）；《中华人民共和国行政许可法》；《中华人民共和国行政强制法》；《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）；《国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见》（国办发〔2022〕27号）</basis>

  <!-- 满分100分：各类别扣分以本类别分值为限。 -->
  <categories>
    <category name="执法主体" points="10"/>
    <category name="事实证据与法律适用" points="20"/>
    <category name="执法程序" points="25"/>
    <category name="三项制度" points="20"/>
    <category name="裁量" points="15"/>
    <category name="文书与归档" points="10"/>
  </categories>

  <parameters>
    <parameter name="disclosure.penalty.workdays" value="7" basis="国办发〔2018〕118号：行政许可、行政处罚决定自作出之日起7个工作日内公开"/>
    <parameter name="disclosure.license.workdays" value="7" basis="国办发〔2018〕118号"/>
    <parameter name="disclosure.other.workdays" value="20" basis="国办发〔2018〕118号：其他行政执法决定20个工作日内公开"/>
    <parameter name="disclosure.withdraw.workdays" value="3" basis="行政处罚法第四十八条第二款：决定被撤销的，应当在三日内撤回公开信息"/>
    <parameter name="major.amount.individual" value="10000" basis="较大数额罚款（默认值，以地方规定为准）"/>
    <parameter name="major.amount.organisation" value="100000" basis="较大数额罚款（默认值，以地方规定为准）"/>
    <parameter name="notice.workdays" value="5" basis="行政处罚法第六十四条：当事人要求听证的，应当在告知后五日内提出"/>
    <parameter name="hearing.notice.workdays" value="7" basis="行政处罚法第六十四条：听证的七日前通知当事人"/>
    <parameter name="delivery.workdays" value="7" basis="行政处罚法第六十一条：宣告后不能当场交付的，七日内送达"/>
    <parameter name="decision.days" value="90" basis="行政处罚法第六十条：自立案之日起九十日内作出决定"/>
    <parameter name="license.workdays" value="20" basis="行政许可法第四十二条：二十日内作出决定"/>
    <parameter name="license.extended.workdays" value="30" basis="行政许可法第四十二条：经批准可延长十日"/>
    <parameter name="seizure.days" value="30" basis="行政强制法第二十五条：查封、扣押的期限不得超过三十日"/>
    <parameter name="seizure.extended.days" value="60" basis="行政强制法第二十五条：经批准可以延长，但延长期限不得超过三十日"/>
    <parameter name="simple.fine.individual" value="200" basis="行政处罚法第五十一条"/>
    <parameter name="simple.fine.organisation" value="3000" basis="行政处罚法第五十一条"/>
    <parameter name="limitation.years" value="2" basis="行政处罚法第三十六条第一款"/>
    <parameter name="limitation.extended.years" value="5" basis="行政处罚法第三十六条第一款：涉及公民生命健康安全、金融安全且有危害后果的"/>
    <parameter name="training.hours" value="60" basis="国办发〔2023〕27号《提升行政执法质量三年行动计划（2023—2025年）》：每名行政执法人员每年接受不少于60学时的公共法律知识、业务知识和行政执法技能培训"/>
    <parameter name="certificate.warning.days" value="30" basis="执法证有效期届满前提前预警，以便及时换证（默认值）"/>
    <parameter name="publicity.penalty.months" value="12" basis="《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展和改革委员会令2023年第58号）第十一条：涉及一般失信行为的行政处罚信息最长公示期为一年（双公示“公示截止期”，严重失信可按地方规定改为36）"/>
    <parameter name="reviewer.qualification.from" value="2021-07-15" basis="行政处罚法第五十八条第二款（2021年7月15日施行）：初次从事法制审核的人员应当取得法律职业资格"/>
  </parameters>

  <rules>
    <rule id="OFFICER-CERT" category="执法主体" deduction="10" per-occurrence="5" cap="10" severity="critical" veto="true" note="无执法资格人员实施执法：一票否决"/>
    <rule id="OFFICER-COUNT" category="执法主体" deduction="5" per-occurrence="2" cap="10" severity="critical"/>
    <rule id="POWER-SCOPE" category="执法主体" deduction="10" severity="critical" veto="true" note="超越职权（权责清单之外作出决定）：一票否决"/>
    <rule id="PROCEDURE-ORDER" category="执法程序" deduction="3" per-occurrence="1" cap="5" severity="major"/>
    <rule id="PROCEDURE-DEADLINE" category="执法程序" deduction="5" severity="major"/>
    <rule id="PROCEDURE-NOTICE" category="执法程序" deduction="10" severity="critical" veto="true" note="未依法告知：行政处罚法第六十二条，处罚决定不成立"/>
    <rule id="PROCEDURE-HEARING" category="执法程序" deduction="10" severity="critical" veto="true" note="应告知听证而未告知或剥夺听证权利：一票否决"/>
    <rule id="PROCEDURE-DELIVERY" category="执法程序" deduction="3" severity="major"/>
    <rule id="PROCEDURE-COLLECTIVE" category="执法程序" deduction="5" severity="major"/>
    <rule id="PROCEDURE-SIMPLE" category="执法程序" deduction="5" severity="major"/>
    <rule id="PROCEDURE-LIMITATION" category="执法程序" deduction="20" severity="critical" veto="true" note="超过追责时效仍予处罚：一票否决"/>
    <rule id="LICENSE-DEADLINE" category="执法程序" deduction="5" severity="major"/>
    <rule id="SEIZURE-DEADLINE" category="执法程序" deduction="5" severity="major"/>
    <rule id="DISCLOSE-LATE" category="三项制度" deduction="3" severity="major"/>
    <rule id="DISCLOSE-MISSING" category="三项制度" deduction="5" severity="major"/>
    <rule id="DISCLOSE-WITHDRAW" category="三项制度" deduction="3" severity="major"/>
    <rule id="DISCLOSE-PRIVACY" category="三项制度" deduction="5" severity="major"/>
    <rule id="DISCLOSE-UNPUBLISHED" category="三项制度" deduction="5" severity="major" note="记载已公示而公示平台未见：按未公示扣分"/>
    <rule id="RECORD-AV-REQUIRED" category="三项制度" deduction="5" per-occurrence="2" cap="8" severity="major"/>
    <rule id="RECORD-AV-ADVISED" category="三项制度" deduction="1" per-occurrence="0.5" cap="2" severity="advice"/>
    <rule id="REVIEW-MISSING" category="三项制度" deduction="10" severity="critical" veto="true" note="重大执法决定未经法制审核：一票否决"/>
    <rule id="REVIEW-LATE" category="三项制度" deduction="5" severity="major"/>
    <rule id="REVIEW-REVIEWER" category="三项制度" deduction="5" per-occurrence="2" cap="5" severity="major"/>
    <rule id="DISCRETION-MISSING" category="裁量" deduction="5" severity="major"/>
    <rule id="DISCRETION-RANGE" category="裁量" deduction="5" severity="major"/>
    <rule id="DISCRETION-STATUTORY" category="裁量" deduction="15" severity="critical" veto="true" note="超出法定处罚幅度：一票否决"/>
    <rule id="DISCRETION-REASON" category="裁量" deduction="2" severity="minor"/>
    <rule id="DISCRETION-FIRST-MINOR" category="裁量" deduction="5" severity="major"/>
    <rule id="RECORD-TEXT" category="文书与归档" deduction="2" per-occurrence="1" cap="4" severity="minor"/>
    <rule id="RECORD-INTEGRITY" category="文书与归档" deduction="5" per-occurrence="2" cap="6" severity="major"/>
    <!-- 文书内容：机器读取所附决定书、告知书，不直接扣分，作为人工评查项的机器建议（proposed-by），由评查人员确认或更正。 -->
    <rule id="DOC-DECISION" category="文书与归档" deduction="0" severity="major" note="机器建议，计入人工评查项“文书是否规范”"/>
    <rule id="DOC-NOTICE" category="执法程序" deduction="0" severity="major" note="机器建议，计入人工评查项“文书是否规范”"/>
    <rule id="DOC-APPEAL" category="文书与归档" deduction="0" severity="major" note="机器建议，计入人工评查项“文书是否规范”"/>
    <rule id="DOC-AGREE" category="文书与归档" deduction="0" severity="major" note="机器建议，计入人工评查项“文书是否规范”"/>
    <rule id="DOC-BASIS" category="事实证据与法律适用" deduction="0" severity="major" note="机器建议，计入人工评查项“适用法律是否正确”"/>
  </rules>

  <!-- 程序无法判断的事项，由评查人员以 zhifa review 打分（扣分不超过分值）。 -->
  <manual>
    <item id="FACTS" category="事实证据与法律适用" points="7">事实是否清楚</item>
    <item id="EVIDENCE" category="事实证据与法律适用" points="7">证据是否确凿</item>
    <item id="LAW" category="事实证据与法律适用" points="6" proposed-by="DOC-BASIS">适用法律是否正确</item>
    <item id="DOCUMENTS" category="文书与归档" points="4" proposed-by="DOC-DECISION DOC-NOTICE DOC-APPEAL DOC-AGREE">文书是否规范</item>
  </manual>

  <grades>
    <grade name="优秀" min="90"/>
    <grade name="良好" min="80"/>
    <grade name="合格" min="60"/>
    <grade name="不合格" min="0"/>
  </grades>

  <!-- 法治政府建设考核中对执法部门的扣分（参照考核细则附件3的写法：如“未持证上岗的，一次扣1分”）。 -->
  <appraisal>
    <deduction id="uncertified" rules="OFFICER-CERT" each="1">执法人员未持证上岗</deduction>
    <deduction id="disclosure" rules="DISCLOSE-LATE DISCLOSE-MISSING DISCLOSE-WITHDRAW DISCLOSE-UNPUBLISHED" each="0.5" cap="3">未落实行政执法公示制度</deduction>
    <deduction id="recording" rules="RECORD-AV-REQUIRED" each="0.5" cap="3">未落实执法全过程记录制度</deduction>
    <deduction id="review" rules="REVIEW-MISSING REVIEW-REVIEWER" each="1" cap="3">未落实重大执法决定法制审核制度</deduction>
    <deduction id="unlawful" rules="PROCEDURE-LIMITATION PROCEDURE-NOTICE PROCEDURE-HEARING DISCRETION-STATUTORY POWER-SCOPE" each="2">行政执法行为违法</deduction>
    <deduction id="reconsideration" outcomes="reconsideration-corrected" each="2" cap="6">行政复议被撤销、变更、确认违法或责令履行</deduction>
    <deduction id="litigation" outcomes="litigation-lost" each="2" cap="6">行政诉讼败诉</deduction>
  </appraisal>
</checklist>

"""#,
        "Sources/CaseXML/Schemas/benchmarks.xsd": #"""
<?xml version="1.0" encoding="UTF-8"?>
<!-- Zhifa interchange format v1: one agency's discretion benchmarks (行政处罚裁量基准). -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns="urn:zhifa:benchmarks:1" xmlns:b="urn:zhifa:benchmarks:1" targetNamespace="urn:zhifa:benchmarks:1"
           elementFormDefault="qualified">
  <xs:simpleType name="Date">
    <xs:restriction base="xs:date"><xs:pattern value="\d{4}-\d{2}-\d{2}"/></xs:restriction>
  </xs:simpleType>
  <!-- Every text is bounded (issue 11): names, titles, ids and numbers fit in 500 characters;
       notes and reasons in 2,000; a notice's full text in 100,000. -->
  <xs:simpleType name="Text">
    <xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="500"/><xs:pattern value=".*\S.*"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="OptionalText">
    <xs:restriction base="xs:string"><xs:maxLength value="500"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Note">
    <xs:restriction base="xs:string"><xs:maxLength value="2000"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Yuan">
    <xs:restriction base="xs:string"><xs:pattern value="\d{1,12}(\.\d{1,2})?"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Multiple">
    <xs:restriction base="xs:string"><xs:pattern value="\d{1,4}(\.\d{1,4})?"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="PartyKind">
    <xs:restriction base="xs:token"><xs:enumeration value="individual"/><xs:enumeration value="organisation"/></xs:restriction>
  </xs:simpleType>

  <xs:attributeGroup name="BandBounds">
    <xs:attribute name="min" type="Yuan"/>
    <xs:attribute name="max" type="Yuan"/>
    <xs:attribute name="min-multiple" type="Multiple"/>
    <xs:attribute name="max-multiple" type="Multiple"/>
  </xs:attributeGroup>
  <xs:complexType name="Statutory"><xs:attributeGroup ref="BandBounds"/></xs:complexType>
  <xs:complexType name="Level">
    <xs:attribute name="name" type="Text" use="required"/>
    <xs:attributeGroup ref="BandBounds"/>
  </xs:complexType>
  <xs:group name="Bands">
    <xs:sequence>
      <xs:element name="statutory" type="Statutory" minOccurs="0"/>
      <xs:element name="level" type="Level" minOccurs="0" maxOccurs="20"/>
    </xs:sequence>
  </xs:group>

  <xs:element name="benchmarks">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="item" minOccurs="0" maxOccurs="unbounded">
          <xs:complexType>
            <xs:choice>
              <xs:element name="tier" maxOccurs="50">
                <xs:complexType>
                  <xs:group ref="Bands"/>
                  <xs:attribute name="base" type="xs:token"/>
                  <xs:attribute name="when-base-at-least" type="Yuan"/>
                  <xs:attribute name="when-base-below" type="Yuan"/>
                  <xs:attribute name="party" type="PartyKind"/>
                </xs:complexType>
              </xs:element>
              <xs:group ref="Bands"/>
            </xs:choice>
            <xs:attribute name="code" type="Text" use="required"/>
            <xs:attribute name="name" type="Text" use="required"/>
            <xs:attribute name="basis" type="Note"/>
            <xs:attribute name="no-penalty-if-first-minor" type="xs:boolean" default="false"/>
            <xs:attribute name="life-health-finance" type="xs:boolean" default="false"/>
          </xs:complexType>
          <xs:unique name="levelName"><xs:selector xpath="b:level"/><xs:field xpath="@name"/></xs:unique>
        </xs:element>
      </xs:sequence>
      <xs:attribute name="agency" type="Text" use="required"/>
      <xs:attribute name="title" type="OptionalText"/>
      <xs:attribute name="effective" type="Date"/>
    </xs:complexType>
    <xs:unique name="itemCode"><xs:selector xpath="b:item"/><xs:field xpath="@code"/></xs:unique>
  </xs:element>
</xs:schema>

"""#,
        "Sources/CaseXML/Schemas/case.xsd": #"""
<?xml version="1.0" encoding="UTF-8"?>
<!-- Zhifa interchange format v1: enforcement cases (案卷); <case> alone or many in <cases>. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns="urn:zhifa:case:1" xmlns:c="urn:zhifa:case:1" targetNamespace="urn:zhifa:case:1"
           elementFormDefault="qualified">
  <xs:simpleType name="Date">
    <xs:restriction base="xs:date"><xs:pattern value="\d{4}-\d{2}-\d{2}"/></xs:restriction>
  </xs:simpleType>
  <!-- Every text is bounded (issue 11): names, titles, ids and numbers fit in 500 characters;
       notes and reasons in 2,000; a notice's full text in 100,000. -->
  <xs:simpleType name="Text">
    <xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="500"/><xs:pattern value=".*\S.*"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="OptionalText">
    <xs:restriction base="xs:string"><xs:maxLength value="500"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Note">
    <xs:restriction base="xs:string"><xs:maxLength value="2000"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Narrative">
    <xs:restriction base="xs:string"><xs:maxLength value="20000"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="NoticeText">
    <xs:restriction base="xs:string"><xs:maxLength value="100000"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Yuan">
    <xs:restriction base="xs:string"><xs:pattern value="\d{1,12}(\.\d{1,2})?"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Ids">
    <xs:restriction>
      <xs:simpleType><xs:list><xs:simpleType><xs:restriction base="xs:token"><xs:maxLength value="100"/></xs:restriction></xs:simpleType></xs:list></xs:simpleType>
      <xs:minLength value="1"/><xs:maxLength value="50"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="CaseType">
    <xs:restriction base="xs:token">
      <xs:enumeration value="penalty"/><xs:enumeration value="license"/><xs:enumeration value="coercion"/>
      <xs:enumeration value="inspection"/><xs:enumeration value="levy"/><xs:enumeration value="confirmation"/>
      <xs:enumeration value="payment"/><xs:enumeration value="adjudication"/><xs:enumeration value="other"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Procedure">
    <xs:restriction base="xs:token">
      <xs:enumeration value="general"/><xs:enumeration value="simple"/><xs:enumeration value="fast"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="EventKind">
    <xs:restriction base="xs:token">
      <xs:enumeration value="discovered"/><xs:enumeration value="filed"/><xs:enumeration value="accepted"/>
      <xs:enumeration value="inspection"/><xs:enumeration value="investigation"/><xs:enumeration value="seizure"/>
      <xs:enumeration value="seizure-extended"/><xs:enumeration value="seizure-released"/>
      <xs:enumeration value="demolition"/><xs:enumeration value="notice"/><xs:enumeration value="statement"/>
      <xs:enumeration value="waiver"/><xs:enumeration value="hearing-requested"/>
      <xs:enumeration value="hearing-notice"/><xs:enumeration value="hearing"/>
      <xs:enumeration value="legal-review"/><xs:enumeration value="collective-discussion"/>
      <xs:enumeration value="extension"/><xs:enumeration value="decision"/><xs:enumeration value="delivery"/>
      <xs:enumeration value="execution"/><xs:enumeration value="closed"/><xs:enumeration value="revoked"/>
      <!-- Format 1.1: what happened after the decision in 行政复议 and 行政诉讼. -->
      <xs:enumeration value="reconsideration-applied"/><xs:enumeration value="reconsideration-decided"/>
      <xs:enumeration value="litigation-filed"/><xs:enumeration value="judgment"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="PenaltyKind">
    <xs:restriction base="xs:token">
      <xs:enumeration value="warning"/><xs:enumeration value="criticism"/><xs:enumeration value="fine"/>
      <xs:enumeration value="confiscate-income"/><xs:enumeration value="confiscate-property"/>
      <xs:enumeration value="lower-qualification"/><xs:enumeration value="suspend-license"/>
      <xs:enumeration value="revoke-license"/><xs:enumeration value="order-suspension"/>
      <xs:enumeration value="order-closure"/><xs:enumeration value="restrict-employment"/>
      <xs:enumeration value="detention"/><xs:enumeration value="other"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:complexType name="Record">
    <xs:attribute name="kind" use="required">
      <xs:simpleType><xs:restriction base="xs:token">
        <xs:enumeration value="text"/><xs:enumeration value="audio-video"/><xs:enumeration value="photo"/>
      </xs:restriction></xs:simpleType>
    </xs:attribute>
    <xs:attribute name="title" type="Text" use="required"/>
    <xs:attribute name="file" type="Text"/>
    <xs:attribute name="sha256">
      <xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="[0-9a-fA-F]{64}"/></xs:restriction></xs:simpleType>
    </xs:attribute>
    <xs:attribute name="start" type="xs:dateTime"/>
    <xs:attribute name="end" type="xs:dateTime"/>
  </xs:complexType>

  <xs:complexType name="Event">
    <xs:sequence><xs:element name="record" type="Record" minOccurs="0" maxOccurs="200"/></xs:sequence>
    <xs:attribute name="kind" type="EventKind" use="required"/>
    <xs:attribute name="date" type="Date" use="required"/>
    <xs:attribute name="officers" type="Ids"/>
    <xs:attribute name="until" type="Date"/>
    <xs:attribute name="hearing-rights" type="xs:boolean"/>
    <xs:attribute name="reviewer" type="Text"/>
    <xs:attribute name="result">
      <xs:simpleType><xs:restriction base="xs:token">
        <xs:enumeration value="approved"/><xs:enumeration value="rejected"/><xs:enumeration value="revise"/>
      </xs:restriction></xs:simpleType>
    </xs:attribute>
    <!-- Event.maxExtensionDays: no rule approves more than a year at once. -->
    <xs:attribute name="days">
      <xs:simpleType><xs:restriction base="xs:positiveInteger"><xs:maxInclusive value="365"/></xs:restriction></xs:simpleType>
    </xs:attribute>
    <xs:attribute name="number" type="Text"/>
    <xs:attribute name="method">
      <xs:simpleType><xs:restriction base="xs:token">
        <xs:enumeration value="direct"/><xs:enumeration value="mail"/><xs:enumeration value="electronic"/>
        <xs:enumeration value="left"/><xs:enumeration value="public-notice"/>
      </xs:restriction></xs:simpleType>
    </xs:attribute>
    <xs:attribute name="by">
      <xs:simpleType><xs:restriction base="xs:token">
        <xs:enumeration value="reconsideration"/><xs:enumeration value="court"/><xs:enumeration value="self"/>
      </xs:restriction></xs:simpleType>
    </xs:attribute>
    <!-- Format 1.1: a 复议 decision's or a judgment's outcome. -->
    <xs:attribute name="ruling">
      <xs:simpleType><xs:restriction base="xs:token">
        <xs:enumeration value="upheld"/><xs:enumeration value="dismissed"/><xs:enumeration value="revoked"/>
        <xs:enumeration value="changed"/><xs:enumeration value="unlawful"/><xs:enumeration value="void"/>
        <xs:enumeration value="ordered"/>
      </xs:restriction></xs:simpleType>
    </xs:attribute>
  </xs:complexType>

  <xs:complexType name="Case">
    <xs:sequence>
      <xs:element name="party">
        <xs:complexType>
          <xs:attribute name="kind" use="required">
            <xs:simpleType><xs:restriction base="xs:token">
              <xs:enumeration value="individual"/><xs:enumeration value="organisation"/>
            </xs:restriction></xs:simpleType>
          </xs:attribute>
          <xs:attribute name="name" type="Text" use="required"/>
          <xs:attribute name="credit-code" type="OptionalText"/>
          <xs:attribute name="id-number" type="OptionalText"/>
          <xs:attribute name="first-offence" type="xs:boolean" default="false"/>
          <xs:attribute name="corrected" type="xs:boolean" default="false"/>
          <xs:attribute name="harm" type="xs:boolean" default="false"/>
        </xs:complexType>
      </xs:element>
      <xs:element name="matter" minOccurs="0">
        <xs:complexType>
          <xs:simpleContent>
            <xs:extension base="Narrative">
              <xs:attribute name="item" type="Text"/>
              <xs:attribute name="violation-date" type="Date"/>
            </xs:extension>
          </xs:simpleContent>
        </xs:complexType>
      </xs:element>
      <xs:element name="events" minOccurs="0">
        <xs:complexType>
          <xs:sequence><xs:element name="event" type="Event" minOccurs="0" maxOccurs="1000"/></xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="outcome" minOccurs="0">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="penalty" minOccurs="0" maxOccurs="20">
              <xs:complexType>
                <xs:attribute name="kind" type="PenaltyKind" use="required"/>
                <xs:attribute name="amount" type="Yuan"/>
              </xs:complexType>
            </xs:element>
            <xs:element name="base" minOccurs="0" maxOccurs="20">
              <xs:complexType>
                <xs:attribute name="name" type="Text" use="required"/>
                <xs:attribute name="amount" type="Yuan" use="required"/>
              </xs:complexType>
            </xs:element>
            <xs:element name="discretion" minOccurs="0">
              <xs:complexType>
                <xs:attribute name="level" type="Text" use="required"/>
                <xs:attribute name="reason" type="Note"/>
              </xs:complexType>
            </xs:element>
            <xs:element name="grant" minOccurs="0">
              <xs:complexType>
                <xs:attribute name="result" use="required">
                  <xs:simpleType><xs:restriction base="xs:token">
                    <xs:enumeration value="granted"/><xs:enumeration value="denied"/>
                  </xs:restriction></xs:simpleType>
                </xs:attribute>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
        <xs:unique name="baseName"><xs:selector xpath="c:base"/><xs:field xpath="@name"/></xs:unique>
      </xs:element>
      <xs:element name="disclosure" minOccurs="0">
        <xs:complexType>
          <xs:sequence><xs:element name="text" type="NoticeText" minOccurs="0"/></xs:sequence>
          <xs:attribute name="date" type="Date"/>
          <xs:attribute name="platform" type="OptionalText"/>
          <xs:attribute name="url" type="Note"/>
          <xs:attribute name="withdrawn" type="Date"/>
          <xs:attribute name="exempt" type="Note"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
    <xs:attribute name="id" type="Text" use="required"/>
    <xs:attribute name="agency" type="Text" use="required"/>
    <xs:attribute name="type" type="CaseType" use="required"/>
    <xs:attribute name="procedure" type="Procedure" default="general"/>
    <xs:attribute name="major" type="xs:boolean" default="false"/>
    <!-- Format 1.1: the 事项编码 of the agency's 权责清单 the case exercises. -->
    <xs:attribute name="power" type="Text"/>
  </xs:complexType>

  <xs:element name="case" type="Case"/>
  <xs:element name="cases">
    <xs:complexType>
      <xs:sequence><xs:element name="case" type="Case" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    </xs:complexType>
    <xs:unique name="caseId"><xs:selector xpath="c:case"/><xs:field xpath="@id"/></xs:unique>
  </xs:element>
</xs:schema>

"""#,
        "Sources/CaseXML/Schemas/registry.xsd": #"""
<?xml version="1.0" encoding="UTF-8"?>
<!-- Zhifa interchange format v1: registry of agencies, officers, certificates and reviewers. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns="urn:zhifa:registry:1" xmlns:r="urn:zhifa:registry:1" targetNamespace="urn:zhifa:registry:1"
           elementFormDefault="qualified">
  <xs:simpleType name="Date">
    <xs:restriction base="xs:date"><xs:pattern value="\d{4}-\d{2}-\d{2}"/></xs:restriction>
  </xs:simpleType>
  <!-- Every text is bounded (issue 11): names, titles, ids and numbers fit in 500 characters;
       notes and reasons in 2,000; a notice's full text in 100,000. -->
  <xs:simpleType name="Text">
    <xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="500"/><xs:pattern value=".*\S.*"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="OptionalText">
    <xs:restriction base="xs:string"><xs:maxLength value="500"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Note">
    <xs:restriction base="xs:string"><xs:maxLength value="2000"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Role">
    <xs:restriction base="xs:token">
      <xs:enumeration value="officer"/><xs:enumeration value="auxiliary"/><xs:enumeration value="reviewer"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Roles">
    <xs:restriction><xs:simpleType><xs:list itemType="Role"/></xs:simpleType><xs:minLength value="1"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="CertificateStatus">
    <xs:restriction base="xs:token">
      <xs:enumeration value="valid"/><xs:enumeration value="suspended"/><xs:enumeration value="revoked"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:element name="registry">
    <xs:complexType>
      <xs:choice minOccurs="0" maxOccurs="unbounded">
        <xs:element name="agency">
          <xs:complexType>
            <!-- Format 1.1: the agency's 权责清单, one matter each. -->
            <xs:sequence>
              <xs:element name="power" minOccurs="0" maxOccurs="20000">
                <xs:complexType>
                  <xs:attribute name="code" type="Text" use="required"/>
                  <xs:attribute name="name" type="Text" use="required"/>
                  <xs:attribute name="category" use="required">
                    <xs:simpleType><xs:restriction base="xs:token">
                      <xs:enumeration value="penalty"/><xs:enumeration value="license"/><xs:enumeration value="coercion"/>
                      <xs:enumeration value="inspection"/><xs:enumeration value="other"/>
                    </xs:restriction></xs:simpleType>
                  </xs:attribute>
                  <xs:attribute name="basis" type="OptionalText"/>
                  <xs:attribute name="from" type="Date"/>
                  <xs:attribute name="to" type="Date"/>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="code" type="Text" use="required"/>
            <xs:attribute name="name" type="Text" use="required"/>
            <xs:attribute name="region" type="OptionalText"/>
            <xs:attribute name="field" type="OptionalText"/>
            <!-- Format 1.1: 统一社会信用代码, for the 双公示 template. -->
            <xs:attribute name="credit-code" type="OptionalText"/>
          </xs:complexType>
        </xs:element>
        <xs:element name="officer">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="certificate" minOccurs="0" maxOccurs="50">
                <xs:complexType>
                  <xs:attribute name="number" type="Text" use="required"/>
                  <xs:attribute name="field" type="OptionalText"/>
                  <xs:attribute name="issued" type="Date" use="required"/>
                  <xs:attribute name="expires" type="Date" use="required"/>
                  <xs:attribute name="status" type="CertificateStatus" use="required"/>
                  <xs:attribute name="since" type="Date"/>
                </xs:complexType>
              </xs:element>
              <xs:element name="training" minOccurs="0" maxOccurs="100">
                <xs:complexType>
                  <xs:attribute name="year" use="required">
                    <xs:simpleType><xs:restriction base="xs:gYear"><xs:pattern value="\d{4}"/></xs:restriction></xs:simpleType>
                  </xs:attribute>
                  <xs:attribute name="hours" use="required">
                    <xs:simpleType><xs:restriction base="xs:decimal"><xs:minInclusive value="0"/><xs:maxInclusive value="8784"/><xs:fractionDigits value="2"/></xs:restriction></xs:simpleType>
                  </xs:attribute>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="id" type="Text" use="required"/>
            <xs:attribute name="name" type="Text" use="required"/>
            <xs:attribute name="agency" type="Text" use="required"/>
            <xs:attribute name="role" type="Roles" use="required"/>
            <xs:attribute name="legal-qualification" type="OptionalText"/>
            <xs:attribute name="reviewer-since" type="Date"/>
          </xs:complexType>
        </xs:element>
      </xs:choice>
    </xs:complexType>
    <xs:unique name="agencyCode"><xs:selector xpath="r:agency"/><xs:field xpath="@code"/></xs:unique>
    <xs:unique name="officerId"><xs:selector xpath="r:officer"/><xs:field xpath="@id"/></xs:unique>
  </xs:element>
</xs:schema>

"""#,
        "Sources/WebService/Static/zhifa.css": #"""
/* One sheet, no web fonts: the system's CJK fonts render the pages. */
:root { --ink: #1d2733; --line: #d4dbe3; --muted: #5d6b7a; --accent: #a4262c; --ok: #2e6b3a; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
header.top { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.5rem; background: #fff; border-bottom: 3px solid var(--accent); }
header.top .brand { font-weight: 700; color: var(--accent); text-decoration: none; font-size: 1.1rem; }
header.top nav { display: flex; gap: 1rem; flex: 1; }
header.top nav a { color: var(--ink); text-decoration: none; }
header.top .who { display: flex; gap: .6rem; align-items: center; color: var(--muted); }
main { max-width: 1100px; margin: 1.5rem auto; padding: 0 1.5rem; }
footer { text-align: center; color: var(--muted); font-size: .8rem; padding: 2rem; }
h1 small { font-size: .9rem; color: var(--muted); font-weight: normal; margin-left: .5rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1rem; }
section.two { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
table.list { width: 100%; border-collapse: collapse; background: #fff; }
table.list th, table.list td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
table.list th { background: #eef1f5; font-weight: 600; }
tr.bad td { color: var(--accent); }
.bad { color: var(--accent); }
form.filters { display: flex; gap: .5rem; flex-wrap: wrap; margin: 1rem 0; }
form label { display: block; margin: .4rem 0; }
form.wide, .forms form { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: .3rem 1rem; align-items: end; }
fieldset { grid-column: 1 / -1; border: 1px solid var(--line); border-radius: 4px; display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: .3rem 1rem; }
input, select, textarea { font: inherit; padding: .3rem .4rem; border: 1px solid #aab4bf; border-radius: 3px; width: 100%; }
input[type=checkbox] { width: auto; }
button { font: inherit; padding: .35rem 1rem; background: var(--accent); color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
.who button { background: transparent; color: var(--muted); border: 1px solid var(--line); }
.login { max-width: 380px; margin: 3rem auto; }
.alert { background: #fde8e8; border-left: 4px solid var(--accent); padding: .5rem .8rem; }
.notice { background: #e7f4ea; border-left: 4px solid var(--ok); padding: .5rem .8rem; }
.score { font-size: 1.1rem; margin-top: .5rem; }
.score strong { font-size: 1.8rem; }
.score.ok strong { color: var(--ok); }
.score.bad strong { color: var(--accent); }
.score span { display: block; color: var(--muted); font-size: .85rem; }
dl { display: grid; grid-template-columns: 7rem 1fr; margin: 0; }
dt { color: var(--muted); }
ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 2px solid var(--line); }
ol.timeline > li { display: grid; grid-template-columns: 7rem 1fr; padding: .5rem 0 .5rem 1rem; }
ol.timeline .when { color: var(--muted); }
ul.records { margin: .2rem 0; padding-left: 1.2rem; font-size: .9rem; }
.details { color: var(--muted); font-size: .9rem; }
.finding { border-left: 3px solid var(--accent); background: #fff6f6; padding: .4rem .7rem; margin: .4rem 0; font-size: .92rem; }
.finding.manual { border-color: #c78a00; background: #fffaf0; }
.finding.brief { border-color: var(--line); background: #fafbfc; }
.finding .rule { font-family: monospace; color: var(--muted); }
.finding .veto, .finding .deduct { color: var(--accent); font-weight: 600; }
.finding .pending { color: #c78a00; }
.finding .corrected { color: #2f6f4f; font-weight: 600; }
.finding .correction { color: #2f6f4f; }
.finding .basis, .finding .deadline { color: var(--muted); font-size: .85rem; }
.empty { color: var(--muted); }
details { margin: .6rem 0; }
summary { cursor: pointer; font-weight: 600; }
code { font-size: .85rem; word-break: break-all; }
form.filters { align-items: center; }
form.filters input, form.filters select { width: auto; }
form.filters input[name=q] { min-width: 22rem; }
form.filters label { display: inline-flex; gap: .4rem; align-items: center; margin: 0; }
td.nowrap, th.nowrap { white-space: nowrap; }
/* Chinese breaks after any character: without a floor, a table wider than the page squeezes its
   text columns to one character a line. A header's empty block of 4em is such a floor (a cell's
   own min-width is not honoured by table layout), and a column still grows past it. */
table.list th::after { content: ""; display: block; width: 4em; height: 0; }
td.basis { color: var(--muted); font-size: .85rem; }
td.number, th.number { text-align: right; white-space: nowrap; }
th a.sort { color: inherit; text-decoration: none; }
th a.sort.active::after { content: " ▾"; }
.status-open { color: #c78a00; }
.print-only { display: none; }

/* Paper: A4, no navigation, sign-out, filters or entry forms; tables keep their header on each page. */
@page { size: A4; margin: 15mm 12mm 16mm;
        @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; color: #555; } }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  header.top, footer, nav, form, button, .forms, .pager, details, .no-print, p.notice { display: none !important; }
  main { max-width: none; margin: 0; padding: 0; }
  section { border: 0; padding: 0; margin-bottom: .8rem; break-inside: avoid-page; }
  table.list { font-size: 9.5pt; }
  table.list thead { display: table-header-group; }
  table.list tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .print-only { display: block; }
}
p.sorts a { margin-right: .6rem; }
p.sorts a.active { font-weight: 700; color: var(--accent); }
pre.document-text { white-space: pre-wrap; max-height: 24rem; overflow: auto; background: #f7f7f5; padding: .6rem; font-size: .85rem; }

"""#,
        "Sources/WebService/Templates/admin.mustache": #"""
{{<layout}}
{{$body}}
<h1>系统管理</h1>
{{#saved}}<p class="notice" role="status">已保存：{{.}}</p>{{/saved}}
<h2>账号</h2>
<table class="list" id="users">
<thead><tr><th>用户名</th><th>角色</th><th>所属机关</th><th>创建时间</th><th>创建人</th><th></th></tr></thead>
<tbody>{{#users}}<tr><td>{{name}}</td><td>{{role}}</td><td>{{agency}}</td><td>{{createdAt}}</td><td>{{createdBy}}</td>
<td>{{^isSelf}}<form method="post" action="/admin/users/remove"><input type="hidden" name="csrf" value="{{chrome.csrf}}"><input type="hidden" name="name" value="{{name}}"><button type="submit">删除账号</button></form>{{/isSelf}}</td></tr>{{/users}}</tbody>
</table>
<form method="post" action="/admin/users" class="wide">
  <input type="hidden" name="csrf" value="{{chrome.csrf}}">
  <label>用户名 <input name="name" required></label>
  <label>角色 <select name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select></label>
  <label>所属机关（办案人员必填） <select name="agency"><option value=""></option>{{#agencies}}<option value="{{value}}">{{label}}</option>{{/agencies}}</select></label>
  <label>初始密码（至少 10 个字符） <input name="password" type="password" minlength="10" required autocomplete="new-password"></label>
  <button type="submit">添加账号</button>
</form>
<h2>导入执法主体名录或裁量基准</h2>
<form method="post" action="/admin/import" enctype="multipart/form-data" class="wide">
  <input type="hidden" name="csrf" value="{{chrome.csrf}}">
  <label>XML 文件（不超过 {{maxUpload}}） <input name="file" type="file" accept=".xml,application/xml" required></label>
  <button type="submit">导入</button>
</form>
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/audit.mustache": #"""
{{<layout}}
{{$body}}
<h1>案卷评查</h1>
<form class="filters" method="get" action="/audit">
  <label>评查基准日 <input name="asOf" type="date" value="{{asOf}}"></label>
  <select name="agency"><option value="">全部机关</option>{{#agencies}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/agencies}}</select>
  <button type="submit">运行评查</button>
</form>
<p id="run">{{#reused}}输入未变，沿用已存结果 · {{/reused}}{{checklist}} · 截至 {{asOf}} · 共 {{cases}} 件 · 已决定案件平均 {{average}} 分（其中初评 {{provisional}} 件：人工评查项评完并签署评查结论的为终评）</p>
<table class="list grades"><thead><tr>{{#grades}}<th>{{name}}</th>{{/grades}}</tr></thead><tbody><tr>{{#grades}}<td>{{count}}</td>{{/grades}}</tr></tbody></table>
<h2>存在问题的案件</h2>
<table class="list" id="audit-results">
<thead><tr><th>案件编号</th><th>执法主体</th><th>得分</th><th>等次</th><th>不符合项</th></tr></thead>
<tbody>{{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{agency}}</td><td>{{score}}</td><td>{{grade}}{{#veto}} · 否决{{/veto}}</td><td>{{failures}}</td></tr>{{/rows}}</tbody>
</table>
{{#truncated}}<p class="empty">仅列出前 500 件，完整清单请导出。</p>{{/truncated}}
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/campaign.mustache": #"""
{{<layout}}
{{$body}}
<h1>{{name}} <small>评查结果</small></h1>
<p class="meta">评查表：{{checklist}}　评查基准日：{{asOf}}　抽样种子：{{seed}}　抽取人：{{createdBy}}　{{#publishedAt}}已于 {{.}} 公布{{/publishedAt}}{{^publishedAt}}尚未公布（执法主体看不到）{{/publishedAt}}</p>
{{#mayPublish}}<form method="post" action="{{publishHref}}" id="publish-form"><input type="hidden" name="csrf" value="{{chrome.csrf}}"><button type="submit">公布评查结果（各执法主体可查看本机关结果）</button></form>{{/mayPublish}}
<table class="list" id="agencies">
<thead><tr><th>执法主体</th><th>候选</th><th>抽取</th><th>已评分</th><th>已签署</th><th>平均得分</th>{{#grades}}<th>{{.}}</th>{{/grades}}</tr></thead>
<tbody>{{#agencies}}<tr><td>{{name}}</td><td>{{candidates}}</td><td>{{drawn}}</td><td>{{scored}}</td><td>{{signed}}</td><td>{{average}}</td>{{#grades}}<td>{{.}}</td>{{/grades}}</tr>{{/agencies}}</tbody>
</table>
<h2>常见问题与不合格案卷</h2>
<table class="list" id="problems">
<thead><tr><th>执法主体</th><th>常见问题</th><th>不合格案卷及原因</th></tr></thead>
<tbody>{{#agencies}}<tr><td>{{name}}</td><td>{{#problems}}<div>{{.}}</div>{{/problems}}</td><td>{{#failing}}<div>{{.}}</div>{{/failing}}</td></tr>{{/agencies}}</tbody>
</table>
{{#hasReviewers}}
<h2>评查人员</h2>
<table class="list" id="reviewers">
<thead><tr><th>评查人员</th><th>评查</th><th>其中已评分</th><th>其中已签署</th><th>复核</th></tr></thead>
<tbody>{{#reviewers}}<tr><td>{{name}}</td><td>{{reviewing}}</td><td>{{scored}}</td><td>{{signed}}</td><td>{{checking}}</td></tr>{{/reviewers}}</tbody>
</table>
{{/hasReviewers}}
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/campaigns.mustache": #"""
{{<layout}}
{{$body}}
<h1>评查活动</h1>
<p class="meta">每个执法主体按数量或比例随机抽取已作出决定的案件，每件指定回避后的评查人和复核人；抽样种子存档，可以同样的种子重新抽取核对（亦可用 <code>zhifa campaign create</code>）。</p>
<table class="list" id="campaigns">
<thead><tr><th>名称</th><th>评查基准日</th><th>抽取案件</th><th>抽样种子</th><th>抽取人</th><th>抽取时间</th><th>公布</th></tr></thead>
<tbody>{{#campaigns}}<tr><td><a href="{{href}}">{{name}}</a></td><td class="nowrap">{{asOf}}</td><td>{{cases}}</td><td>{{seed}}</td><td>{{createdBy}}</td><td class="nowrap">{{createdAt}}</td><td class="nowrap">{{published}}</td></tr>{{/campaigns}}</tbody>
</table>
{{^campaigns}}<p class="empty">尚无评查活动。</p>{{/campaigns}}
{{#manages}}
<h2>抽取新的评查活动</h2>
<form class="case-form" method="post" action="/campaigns" id="campaign-form">
  <input type="hidden" name="csrf" value="{{chrome.csrf}}">
  <label>名称 <input name="name" required maxlength="200"></label>
  <label>评查基准日 <input name="asOf" type="date" value="{{today}}"></label>
  <label>每个机关抽取件数 <input name="sample" inputmode="numeric" size="5"></label>
  <label>或抽取比例（%） <input name="percent" inputmode="decimal" size="5"></label>
  <label><input type="checkbox" name="withVetoed" value="1"> 另抽取全部有否决项的案件</label>
  <label>执法主体 <select name="agency"><option value="">全部</option>{{#agencies}}<option value="{{value}}">{{label}}</option>{{/agencies}}</select></label>
  <label>决定日期起 <input name="decidedFrom" type="date"></label>
  <label>决定日期止 <input name="decidedTo" type="date"></label>
  <label>案件类型 <select name="type"><option value="">全部</option>{{#types}}<option value="{{value}}">{{label}}</option>{{/types}}</select></label>
  <label>评查人员（逗号分隔，空为全部） <input name="reviewers"></label>
  <label>抽样种子（空为随机） <input name="seed" inputmode="numeric"></label>
  <button type="submit">抽取</button>
</form>
{{/manages}}
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/case-new.mustache": #"""
{{<layout}}
{{$body}}
<h1>登记案件</h1>
<form method="post" action="/cases/new" class="wide" id="new-case-form">
  <input type="hidden" name="csrf" value="{{chrome.csrf}}">
  <label>案件编号 <input name="id" id="case-id" value="{{idPrefix}}" required></label>
  <label>执法类别 <select name="type" id="case-type">{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/types}}</select></label>
  <label>程序 <select name="procedure">{{#procedures}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/procedures}}</select></label>
  <label><input type="checkbox" name="major"> 重大执法决定</label>
  <label>权责事项 <select name="power" id="case-power"><option value="">（未载明）</option>{{#powers}}<option value="{{value}}">{{label}}</option>{{/powers}}</select></label>
  <fieldset><legend>当事人</legend>
    <label>类型 <select name="partyKind">{{#partyKinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/partyKinds}}</select></label>
    <label>名称或姓名 <input name="partyName" id="party-name" required></label>
    <label>统一社会信用代码 <input name="creditCode"></label>
    <label>身份证件号码 <input name="idNumber"></label>
    <label><input type="checkbox" name="firstOffence"> 初次违法</label>
    <label><input type="checkbox" name="corrected"> 已改正</label>
    <label><input type="checkbox" name="harm"> 造成危害后果</label>
  </fieldset>
  <fieldset><legend>违法事实</legend>
    <label>裁量基准事项 <select name="item" id="matter-item"><option value="">（未列入本机关裁量基准）</option>{{#items}}<option value="{{value}}">{{label}}</option>{{/items}}</select></label>
    <label>违法行为发生日期 <input name="violationDate" id="violation-date" type="date"></label>
    <label>违法事实 <textarea name="matter" id="matter-text" rows="3"></textarea></label>
  </fieldset>
  <button type="submit" id="create-case">登记</button>
</form>
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/case.mustache": #"""
{{<layout}}
{{$body}}
<h1 id="case-title">案件 {{id}}</h1>
{{#saved}}<p class="notice" role="status" id="saved">{{.}}</p>{{/saved}}
<section class="facts">
  <dl>
    <dt>执法主体</dt><dd>{{agency}}</dd>
    <dt>类别</dt><dd>{{type}} · {{procedure}}{{#major}} · 重大执法决定{{/major}}</dd>
    <dt>当事人</dt><dd>{{party}}（{{partyKind}}）</dd>
    {{#matter}}<dt>违法事实</dt><dd>{{.}}{{#violationDate}}（{{.}}）{{/violationDate}}{{#item}} · 裁量事项 {{.}}{{/item}}</dd>{{/matter}}
  </dl>
  {{#audit}}
  <div class="score {{#passed}}ok{{/passed}}{{^passed}}bad{{/passed}}" id="audit-summary">
    <strong>{{result}}</strong>
    <span>{{checklist}}，截至 {{asOf}}；{{failures}} 项不符合{{#inProgress}}；尚未作出决定，不评分定级{{/inProgress}}{{#storedRun}}<span id="stored-run">；沿用第 {{.}} 号评查记录的结果（案件此后未改动）</span>{{/storedRun}}</span>
  </div>
  <p class="no-print"><a href="{{href}}/form" id="form-link" target="_blank">打印案卷评查表</a></p>
  {{/audit}}
</section>

<section>
  <h2>执法过程</h2>
  <ol class="timeline" id="timeline">
  {{#events}}
    <li id="event-{{position}}">
      <div class="when">{{date}}</div>
      <div class="what"><strong>{{kind}}</strong>{{#officers}} · {{.}}{{/officers}}{{#details}}<div class="details">{{.}}</div>{{/details}}
        
        <ul class="records">{{#records}}<li>{{kind}}：{{title}}{{#download}} · <a href="{{.}}">下载</a>{{/download}}{{^download}}{{#file}} · <code>{{.}}</code>{{/file}}{{/download}}{{#sha256}} · SHA-256 {{.}}{{/sha256}}{{#evidence}} · <span class="{{#evidenceProblem}}bad{{/evidenceProblem}}">{{.}}</span>{{/evidence}}{{#document}}<details class="document"><summary class="{{#problem}}bad{{/problem}}">文书内容 · {{summary}}</summary>{{#text}}<pre class="document-text">{{.}}</pre>{{/text}}</details>{{/document}}</li>{{/records}}</ul>
        {{#findings}}<div class="finding">{{>finding}}</div>{{/findings}}
      </div>
    </li>
  {{/events}}
  </ol>
  {{^events}}<p class="empty">尚未记录执法环节。</p>{{/events}}
</section>


<section>
  <h2>案卷评查意见</h2>
  <div id="findings">
  {{#otherFindings}}<div class="finding">{{>finding}}</div>{{/otherFindings}}
  {{#events}}{{#findings}}<div class="finding brief">第{{position}}个环节：{{title}}</div>{{/findings}}{{/events}}
  </div>
  {{#manualFindings}}<div class="finding manual">{{>finding}}</div>{{/manualFindings}}
</section>

<section>
  <h2>期限</h2>
  <table class="list" id="deadlines">
  <thead><tr><th>事项</th><th>期限</th><th>状态</th><th>计算依据</th></tr></thead>
  <tbody>{{#deadlines}}<tr class="{{#overdue}}bad{{/overdue}}"><td>{{title}}</td><td>{{deadline}}</td><td>{{left}}</td><td>{{rule}}</td></tr>{{/deadlines}}</tbody>
  </table>
  {{^deadlines}}<p class="empty">没有未到期的法定期限。</p>{{/deadlines}}
</section>

<section class="two">
  <div>
    <h2>处理结果</h2>
    {{#outcome}}
    <ul>{{#penalties}}<li>{{.}}</li>{{/penalties}}{{#bases}}<li>基数：{{.}}</li>{{/bases}}{{#discretion}}<li>裁量阶次：{{.}}</li>{{/discretion}}{{#grant}}<li>{{.}}</li>{{/grant}}</ul>
    {{/outcome}}
    {{^outcome}}<p class="empty">尚未记录。</p>{{/outcome}}
  </div>
  <div>
    <h2>公示</h2>
    {{#disclosure}}
    <ul id="disclosure">{{#date}}<li>公示日期（案卷记载） {{.}}</li>{{/date}}{{#platform}}<li>{{.}}</li>{{/platform}}{{#url}}<li><code>{{.}}</code></li>{{/url}}{{#exempt}}<li>依法不予公示：{{.}}</li>{{/exempt}}{{#withdrawn}}<li>{{.}} 撤下</li>{{/withdrawn}}</ul>
    {{/disclosure}}
    {{^disclosure}}<p class="empty">尚未公示。</p>{{/disclosure}}
    <ul id="publications">{{#publications}}<li>{{.}}</li>{{/publications}}</ul>
  </div>
</section>

{{#forms}}
<section class="forms">
  <h2>补充案卷</h2>
  <details open>
    <summary>添加执法环节</summary>
    <form method="post" action="{{href}}/events" id="event-form">
      <input type="hidden" name="csrf" value="{{chrome.csrf}}">
      <label>环节 <select name="kind" id="event-kind">{{#eventKinds}}<option value="{{value}}">{{label}}</option>{{/eventKinds}}</select></label>
      <label>日期 <input name="date" id="event-date" type="date" value="{{today}}" required></label>
      <label>执法人员（证件编号，空格分隔） <input name="officers" id="event-officers"></label>
      <label>文书名称 <input name="recordTitle" id="event-record" placeholder="如：现场检查笔录"></label>
      <fieldset><legend>按环节填写</legend>
        <label>决定文号 <input name="number" id="event-number"></label>
        <label>送达方式 <select name="method"><option value=""></option><option value="direct">直接送达</option><option value="mail">邮寄送达</option><option value="electronic">电子送达</option><option value="left">留置送达</option><option value="public-notice">公告送达</option></select></label>
        <label>法制审核人 <input name="reviewer" id="event-reviewer"></label>
        <label>审核结论 <select name="result"><option value=""></option><option value="approved">通过</option><option value="revise">退回修改</option><option value="rejected">不通过</option></select></label>
        <label>查封扣押期限 <input name="until" type="date"></label>
        <label>延长天数 <input name="days" inputmode="numeric"></label>
        <label>告知听证权利 <select name="hearingRights"><option value=""></option><option value="true">是</option><option value="false">否</option></select></label>
        <label>撤销机关 <select name="by"><option value=""></option><option value="reconsideration">行政复议</option><option value="court">法院</option><option value="self">自行纠正</option></select></label>
        <label>复议或判决结果 <select name="ruling"><option value=""></option>{{#rulings}}<option value="{{value}}">{{label}}</option>{{/rulings}}</select></label>
      </fieldset>
      <button type="submit" id="add-event">添加环节</button>
    </form>
  </details>
  
  <details>
    <summary>添加全过程记录（文书、音像、照片）</summary>
    <form method="post" action="{{href}}/records" enctype="multipart/form-data" id="record-form">
      <input type="hidden" name="csrf" value="{{chrome.csrf}}">
      <label>所属环节 <select name="event">{{#events}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/events}}</select></label>
      <label>类型 <select name="kind"><option value="text">文书</option><option value="audio-video">音像记录</option><option value="photo">照片</option></select></label>
      <label>名称 <input name="title" required></label>
      <label>开始时间 <input name="start" placeholder="2024-02-27T09:12:00+08:00"></label>
      <label>结束时间 <input name="end"></label>
      <label>文件（不超过 {{maxUpload}}，服务器计算 SHA-256） <input name="file" type="file"></label>
      <button type="submit">上传记录</button>
    </form>
  </details>
  <details>
    <summary>处理结果</summary>
    <form method="post" action="{{href}}/outcome" id="outcome-form">
      <input type="hidden" name="csrf" value="{{chrome.csrf}}">
      {{^isLicense}}
      <label><input type="checkbox" name="warning"{{#warning}} checked{{/warning}}> 警告</label>
      <label>罚款（元） <input name="fine" id="outcome-fine" value="{{fine}}" inputmode="decimal"></label>
      <label>没收违法所得（元） <input name="confiscateIncome" inputmode="decimal"></label>
      <label>没收非法财物价值（元） <input name="confiscateProperty" inputmode="decimal"></label>
      <label>其他处罚 <select name="other"><option value=""></option>{{#penaltyKinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/penaltyKinds}}</select></label>
      <label>裁量基数名称 <input name="baseName" placeholder="goods-value"></label>
      <label>基数金额（元） <input name="baseAmount" inputmode="decimal"></label>
      <label>裁量阶次 <input name="level" id="outcome-level" placeholder="从轻 / 一般 / 从重 / 减轻 / 不予处罚"></label>
      <label>理由 <input name="reason"></label>
      {{/isLicense}}
      {{#isLicense}}
      <label>许可结论 <select name="grant"><option value="granted">准予许可</option><option value="denied">不予许可</option></select></label>
      {{/isLicense}}
      <button type="submit" id="save-outcome">保存处理结果</button>
    </form>
  </details>
  <details>
    <summary>公示</summary>
    <form method="post" action="{{href}}/disclosure" id="disclosure-form">
      <input type="hidden" name="csrf" value="{{chrome.csrf}}">
      <label>公示日期 <input name="date" id="disclosure-date" type="date"></label>
      <label>公示平台 <input name="platform" id="disclosure-platform"></label>
      <label>网址 <input name="url" id="disclosure-url"></label>
      <label>依法不予公示的理由 <input name="exempt"></label>
      <label>撤下日期 <input name="withdrawn" type="date"></label>
      <label>公示正文 <textarea name="text" rows="3"></textarea></label>
      <button type="submit" id="save-disclosure">保存公示信息</button>
    </form>
  </details>
</section>
{{/forms}}


{{#hasReview}}
<section class="forms">
  <h2>人工评查</h2>
  <form method="post" action="{{href}}/review" id="review-form">
    <input type="hidden" name="csrf" value="{{chrome.csrf}}">
    <label>评查项 <select name="item">{{#review}}<option value="{{id}}">{{title}}（{{points}} 分）{{#scored}} · 已评：{{.}}{{/scored}}</option>{{/review}}</select></label>
    <label>扣分 <input name="deduct" value="0" inputmode="decimal"></label>
    <label>意见 <input name="note"></label>
    <button type="submit">保存评查意见</button>
  </form>
  {{#review}}{{#proposal}}
  <form method="post" action="{{href}}/review" class="proposal" id="proposal-{{id}}">
    <input type="hidden" name="csrf" value="{{chrome.csrf}}">
    <input type="hidden" name="item" value="{{id}}"><input type="hidden" name="deduct" value="{{deduct}}"><input type="hidden" name="note" value="{{note}}">
    <p>{{title}} · 机器建议扣 {{deduct}} 分：{{note}} <button type="submit">确认机器建议</button>（如不同意，在上方评查项中另行打分即为更正）</p>
  </form>
  {{/proposal}}{{/review}}
  {{#hasVerdicts}}
  <form method="post" action="{{href}}/findings" id="verdict-form">
    <input type="hidden" name="csrf" value="{{chrome.csrf}}">
    <label>机器评查结果 <select name="rule">{{#verdicts}}<option value="{{value}}">{{label}}</option>{{/verdicts}}</select></label>
    <label><input type="radio" name="verdict" value="确认" checked> 确认</label>
    <label><input type="radio" name="verdict" value="更正"> 更正（不再扣分）</label>
    <label>理由 <input name="reason" maxlength="500"></label>
    <button type="submit">保存确认或更正</button>
  </form>
  {{/hasVerdicts}}
  <form method="post" action="{{href}}/review/sign" id="sign-form">
    <input type="hidden" name="csrf" value="{{chrome.csrf}}">
    <p>{{#audit.pending}}本案得分为初评：{{audit.pending}}。{{/audit.pending}}{{#audit.signed}}评查结论已签署：{{audit.signed}}。{{/audit.signed}}{{#audit.checked}}已复核通过：{{audit.checked}}。{{/audit.checked}}</p>
    <label>评查结论 <input name="note"></label>
    <button type="submit">签署评查结论</button>
  </form>
  {{#audit.signed}}
  <form method="post" action="{{href}}/review/check" id="check-form">
    <input type="hidden" name="csrf" value="{{chrome.csrf}}">
    <label><input type="radio" name="decision" value="pass" checked> 复核通过</label>
    <label><input type="radio" name="decision" value="return"> 退回</label>
    <label>退回理由 <input name="reason" maxlength="500"></label>
    <button type="submit">保存复核意见</button>
  </form>
  {{/audit.signed}}
</section>
{{/hasReview}}
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/cases.mustache": #"""
{{<layout}}
{{$body}}
<h1>案件 <small>{{#range}}{{.}}，{{/range}}{{#totalIsAtLeast}}超过{{/totalIsAtLeast}}{{^totalIsAtLeast}}共{{/totalIsAtLeast}} {{total}} 件</small></h1>
<form class="filters" method="get" action="/cases">
  <input name="q" value="{{query}}" placeholder="案件编号、决定文号或当事人">
  <select name="type"><option value="">全部类别</option>{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/types}}</select>
  {{#showAgencyFilter}}<select name="agency"><option value="">全部机关</option>{{#agencyFilter}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/agencyFilter}}</select>{{/showAgencyFilter}}
  <button type="submit">查询</button>
</form>
{{#saved}}<p class="notice" role="status" id="saved">{{.}}</p>{{/saved}}
{{#mayUploadLedger}}<form class="filters no-print" method="post" action="/cases/ledger" enctype="multipart/form-data" id="ledger-form">
  <input type="hidden" name="csrf" value="{{chrome.csrf}}">
  <label>导入台账（.xlsx 或 .csv，本机关案件）<input type="file" name="file" accept=".xlsx,.csv" required></label>
  <button type="submit" id="upload-ledger">导入</button>
</form>
<form class="filters no-print" method="get" action="/export/publicity" id="publicity-form">
  <label>下载本机关双公示数据 <select name="kind"><option value="penalty">行政处罚</option><option value="license">行政许可</option></select></label>
  <label>决定日期起 <input name="from" type="date"></label>
  <label>止 <input name="to" type="date"></label>
  <select name="format"><option value="xlsx">Excel（XLSX）</option><option value="csv">CSV（UTF-8）</option></select>
  <button type="submit" id="download-publicity">下载</button>
</form>{{/mayUploadLedger}}
<p class="sorts no-print" id="sorts">排序：{{#sorts}}<a class="sort{{#active}} active{{/active}}" href="{{href}}">{{label}}</a> {{/sorts}}</p>
{{#notice}}<p class="notice" role="status">{{.}}</p>{{/notice}}
<table class="list" id="cases">
<thead><tr><th>案件编号</th><th>执法主体</th><th>类别</th><th>当事人</th><th class="nowrap">决定日期</th><th>决定文号</th><th>评查结果</th><th>状态</th><th class="nowrap">逾期</th></tr></thead>
<tbody>
{{#rows}}<tr><td class="nowrap"><a href="{{href}}">{{id}}</a></td><td>{{agency}}</td><td>{{type}}</td><td>{{party}}</td><td class="nowrap">{{decisionDate}}</td><td>{{decisionNumber}}</td><td class="result">{{result}}</td><td class="nowrap{{#open}} status-open{{/open}}">{{stage}}</td><td class="nowrap bad">{{overdue}}</td></tr>
{{/rows}}
</tbody>
</table>
{{^rows}}<p class="empty">没有符合条件的案件。</p>{{/rows}}
<p class="pager">第 {{page}} / {{pages}} 页 {{#previous}}<a href="{{.}}">上一页</a>{{/previous}} {{#next}}<a href="{{.}}">下一页</a>{{/next}}</p>
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/due.mustache": #"""
{{<layout}}
{{$body}}
<h1>到期预警 <small>截至 {{asOf}}，{{within}} 个工作日内到期或已逾期：{{count}} 项</small></h1>
<form class="filters" method="get" action="/due">
  <label>提前 <input name="within" value="{{within}}" inputmode="numeric" size="3"> 个工作日</label>
  <select name="state">{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select>
  <select name="kind"><option value="">全部事项</option>{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select>
  {{#showAgencyFilter}}<select name="agency"><option value="">全部机关</option>{{#agencyFilter}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/agencyFilter}}</select>{{/showAgencyFilter}}
  <button type="submit">刷新</button>
</form>
<table class="list" id="due">
<thead><tr><th>案件编号</th><th>执法主体</th><th>事项</th><th>期限</th><th>状态</th><th>计算依据</th></tr></thead>
<tbody>{{#items}}<tr class="{{#overdue}}bad{{/overdue}}"><td class="nowrap"><a href="{{href}}">{{id}}</a></td><td>{{agency}}</td><td>{{title}}</td><td class="nowrap">{{deadline}}</td><td class="nowrap">{{left}}</td><td class="basis">{{rule}}</td></tr>{{/items}}</tbody>
</table>
{{^items}}<p class="empty">没有需要预警的事项。</p>{{/items}}
{{#certificates}}
<h2>执法证即将到期</h2>
<table class="list" id="certificates">
<thead><tr><th>执法主体</th><th>执法人员</th><th>证号</th><th>有效至</th><th>状态</th></tr></thead>
<tbody>{{#items}}<tr><td>{{agency}}</td><td>{{person}}</td><td>{{number}}</td><td class="nowrap">{{through}}</td><td class="nowrap">{{left}}</td></tr>{{/items}}</tbody>
</table>
{{/certificates}}
<form class="filters no-print" method="post" action="/jobs">
  <input type="hidden" name="kind" value="due"><input type="hidden" name="csrf" value="{{chrome.csrf}}">
  {{#download}}<input type="hidden" name="within" value="{{within}}"><input type="hidden" name="state" value="{{state}}"><input type="hidden" name="obligation" value="{{obligation}}"><input type="hidden" name="agency" value="{{agency}}">{{/download}}
  <select name="format"><option value="xlsx">Excel（XLSX）</option><option value="csv">CSV（UTF-8）</option></select>
  <button type="submit">下载全部 {{count}} 项</button>
</form>
<p class="pager">第 {{page}} / {{pages}} 页 {{#previous}}<a href="{{.}}">上一页</a>{{/previous}} {{#next}}<a href="{{.}}">下一页</a>{{/next}}</p>
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/error.mustache": #"""
{{<layout}}
{{$body}}
<section class="error">
  <h1>{{status}}</h1>
  <p class="alert" role="alert" id="error-message">{{message}}</p>
  {{#hasProblems}}<ul class="problems" id="problems">{{#problems}}<li>{{.}}</li>{{/problems}}</ul>{{/hasProblems}}
  <p><a href="javascript:history.back()">返回上一页</a> · <a href="/cases">案件列表</a></p>
</section>
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/export.mustache": #"""
{{<layout}}
{{$body}}
<h1>导出违法问题清单</h1>
<p>导出在后台进行：提交后转到任务页，可看到进度，完成后从任务页下载。</p>
<form method="post" action="/jobs" class="wide">
  <input type="hidden" name="kind" value="violations">
  <input type="hidden" name="csrf" value="{{chrome.csrf}}">
  <label>评查基准日 <input name="asOf" type="date" value="{{today}}"></label>
  <label>执法主体 <select name="agency"><option value="">全部机关</option>{{#agencies}}<option value="{{value}}">{{label}}</option>{{/agencies}}</select></label>
  <label>格式 <select name="format"><option value="xlsx">Excel（XLSX）</option><option value="csv">CSV（UTF-8）</option></select></label>
  <button type="submit">开始导出</button>
</form>
{{#saved}}<p class="notice" role="status" id="saved">{{.}}</p>{{/saved}}
<h2>双公示数据（信用中国模板）</h2>
<p>按国家双公示模板的列及顺序，表头在第一行，可直接上传信用平台；金额以万元计，不写身份证件号码。</p>
<form method="get" action="/export/publicity" class="wide" id="publicity-form">
  <label>类别 <select name="kind"><option value="penalty">行政处罚</option><option value="license">行政许可</option></select></label>
  <label>决定日期起 <input name="from" type="date"></label>
  <label>决定日期止 <input name="to" type="date"></label>
  <label>执法主体 <select name="agency"><option value="">全部机关</option>{{#agencies}}<option value="{{value}}">{{label}}</option>{{/agencies}}</select></label>
  <label>格式 <select name="format"><option value="xlsx">Excel（XLSX）</option><option value="csv">CSV（UTF-8）</option></select></label>
  <button type="submit">下载</button>
</form>
<h3>导入已公示的清单</h3>
<p>从信用平台下载或本机关留存的公示清单（同一模板的列，可附“发布日期”“网址”列）：按机关和决定文号对应库中案件，评查以公示平台发布日期判断公示是否及时，并核对案卷记载已公示而清单未见的决定。</p>
<form method="post" action="/export/publicity/published" enctype="multipart/form-data" class="wide" id="published-form">
  <input type="hidden" name="csrf" value="{{chrome.csrf}}">
  <label>公示清单（.xlsx 或 .csv）<input type="file" name="file" accept=".xlsx,.csv" required></label>
  <button type="submit" id="upload-published">导入</button>
</form>
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/finding.mustache": #"""
<strong class="finding-title" data-rule="{{rule}}">{{title}}</strong>{{#veto}} <span class="veto">否决项</span>{{/veto}}{{#deduction}} <span class="deduct">−{{.}}</span>{{/deduction}}{{#manual}} <span class="pending">待人工评查</span>{{/manual}}{{#correction}} <span class="corrected">已更正</span>{{/correction}}
<div class="message">{{message}}</div>
{{#correction}}<div class="correction">评查人员更正：{{.}}</div>{{/correction}}
{{#deadline}}<div class="deadline">期限 {{.}}{{#calendarRule}}（{{.}}）{{/calendarRule}}</div>{{/deadline}}
{{#basis}}<div class="basis">依据：{{.}}</div>{{/basis}}

"""#,
        "Sources/WebService/Templates/job.mustache": #"""
{{<layout}}
{{$body}}
<h1>{{job.title}} · 任务 {{job.id}}</h1>
<p id="job-state" class="notice" role="status">{{job.stateText}}{{#job.message}}：{{.}}{{/job.message}}</p>
{{^job.finished}}
<p><progress id="job-progress" max="{{job.total}}" value="{{job.done}}"></progress>
{{#job.total}} 已完成 {{job.done}} / {{job.total}} 件{{#job.percent}}（{{.}}%）{{/job.percent}}{{/job.total}}{{^job.total}} 已处理 {{job.done}}{{/job.total}}
{{#elapsed}} · 已用 {{.}}{{/elapsed}}{{#estimate}} · 约剩 {{.}}{{/estimate}}</p>
<p class="empty">本页每 2 秒自动刷新；关闭本页不影响任务运行。</p>
{{/job.finished}}
{{#job.finished}}{{#elapsed}}<p>用时 {{.}}</p>{{/elapsed}}{{/job.finished}}
{{#job.resultPath}}<p><a id="job-result" href="{{.}}">查看结果</a></p>{{/job.resultPath}}
{{#mayCancel}}
<form method="post" action="/jobs/{{job.id}}/cancel"><input type="hidden" name="csrf" value="{{chrome.csrf}}"><button type="submit">取消任务</button></form>
{{/mayCancel}}
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/layout.mustache": #"""
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{#chrome.refresh}}<meta http-equiv="refresh" content="{{.}}">{{/chrome.refresh}}
<title>{{chrome.title}} · 执法案卷系统</title>
<link rel="stylesheet" href="/static/zhifa.css">
</head>
<body>
<header class="top">
  <a class="brand" href="/cases">执法案卷系统</a>
  {{#chrome.user}}
  <nav>
    <a href="/cases">案件</a>
    {{#may.createCases}}<a href="/cases/new" id="nav-new-case">登记案件</a>{{/may.createCases}}
    {{#may.runAudits}}<a href="/audit">评查</a>{{/may.runAudits}}
    {{#may.scoreManualItems}}<a href="/review">我的评查</a>{{/may.scoreManualItems}}
    {{#may.readCampaignResults}}<a href="/campaigns">评查活动</a>{{/may.readCampaignResults}}
    {{#may.readDueList}}<a href="/due">到期预警</a>{{/may.readDueList}}
    {{#may.readDashboard}}<a href="/dashboard">看板</a>{{/may.readDashboard}}
    {{#may.readOfficers}}<a href="/officers">执法人员</a>{{/may.readOfficers}}
    {{#may.export}}<a href="/export">导出</a>{{/may.export}}
    {{#may.administer}}<a href="/admin">系统管理</a>{{/may.administer}}
  </nav>
  <form class="who" method="post" action="/logout">
    <span>{{name}} · {{role}}{{#chrome.user.agency}} · {{.}}{{/chrome.user.agency}}</span>
    <input type="hidden" name="csrf" value="{{chrome.csrf}}">
    <button type="submit">退出</button>
  </form>
  {{/chrome.user}}
</header>
<main>
{{$body}}{{/body}}
</main>
<footer>依据《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）</footer>
</body>
</html>

"""#,
        "Sources/WebService/Templates/login.mustache": #"""
{{<layout}}
{{$body}}
<section class="login">
  <h1>登录</h1>
  {{#error}}<p class="alert" role="alert">{{.}}</p>{{/error}}
  <form method="post" action="/login">
    <input type="hidden" name="token" value="{{token}}">
    <input type="hidden" name="next" value="{{next}}">
    <label>用户名 <input name="user" id="user" value="{{user}}" autocomplete="username" required autofocus></label>
    <label>密码 <input name="password" id="password" type="password" autocomplete="current-password" required></label>
    <button type="submit" id="login">登录</button>
  </form>
</section>
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/officers.mustache": #"""
{{<layout}}
{{$body}}
<h1>执法人员 <small>截至 {{asOf}}；{{year}} 年培训不少于 {{requiredHours}} 学时；执法证 {{warningDays}} 天内到期预警</small></h1>
<form class="filters" method="get" action="/officers">
  <label>培训年度 <input name="year" value="{{year}}" inputmode="numeric" size="5"></label>
  <select name="agency"><option value="">全部机关</option>{{#agencyFilter}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/agencyFilter}}</select>
  <button type="submit">刷新</button>
</form>
<table class="list" id="officers">
<thead><tr><th>执法主体</th><th>执法人员</th><th>持证</th><th>持证率</th><th>辅助人员</th><th>培训不足</th><th>执法证将到期</th><th>无证执法</th><th>辅助人员单独执法</th></tr></thead>
<tbody>{{#agencies}}<tr><td>{{name}}</td><td>{{officers}}</td><td>{{certified}}</td><td>{{share}}</td><td>{{auxiliaries}}</td>{{#counts}}<td>{{.}}</td>{{/counts}}</tr>{{/agencies}}</tbody>
</table>
{{#agencies}}{{^clean}}
<h2>{{name}}</h2>
<ul class="findings">
{{#actingUncertified}}<li class="bad">无证执法：{{person}}，{{detail}}{{#href}}（如 <a href="{{.}}">{{example}}</a>）{{/href}}</li>{{/actingUncertified}}
{{#auxiliariesAlone}}<li class="bad">辅助人员单独执法：{{person}}，{{detail}}{{#href}}（如 <a href="{{.}}">{{example}}</a>）{{/href}}</li>{{/auxiliariesAlone}}
{{#expiring}}<li>执法证将到期：{{person}}，{{detail}}</li>{{/expiring}}
{{#shortOfTraining}}<li>培训不足：{{person}}，{{detail}}</li>{{/shortOfTraining}}
</ul>
{{/clean}}{{/agencies}}
{{/body}}
{{/layout}}

"""#,
        "Sources/WebService/Templates/queue.mustache": #"""
{{<layout}}
{{$body}}
<h1>我的评查</h1>
<table class="list" id="queue">
<thead><tr><th>评查活动</th><th>案件编号</th><th>执法主体</th><th>我的角色</th><th>另一名评查人员</th><th>进度</th></tr></thead>
<tbody>{{#rows}}<tr class="{{#done}}done{{/done}}"><td>{{campaign}}</td><td class="nowrap"><a href="{{href}}">{{caseId}}</a></td><td>{{agency}}</td><td>{{role}}</td><td>{{other}}</td><td>{{state}}</td></tr>{{/rows}}</tbody>
</table>
{{^rows}}<p class="empty">没有分配给您的案件。</p>{{/rows}}
{{/body}}
{{/layout}}

"""#,
        "docs/api/openapi.json": ##"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Zhifa 执法案卷 API",
    "version": "1",
    "description": "行政执法案卷的登记、评查与监督接口。与网页共用会话、角色和库：先以 POST /api/v1/login 登录，此后每个请求带上返回的会话 Cookie（zhifa_session）。有请求体的请求只接受 application/json 或 application/xml。错误一律以 JSON 答复：{\"error\": 中文说明, \"errors\": [{\"line\", \"message\"}]}。"
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "security": [
    {
      "session": []
    }
  ],
  "paths": {
    "/api/v1/openapi.json": {
      "get": {
        "operationId": "contract",
        "summary": "本文档",
        "security": [],
        "responses": {
          "200": {
            "description": "OpenAPI 3.1 文档",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        }
      }
    },
    "/api/v1/login": {
      "post": {
        "operationId": "signIn",
        "summary": "登录",
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Credentials"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "已登录；会话 Cookie 在 Set-Cookie 中",
            "headers": {
              "Set-Cookie": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SignedIn"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/Throttled"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/cases": {
      "get": {
        "operationId": "listCases",
        "summary": "案件列表（按决定日期从新到旧）",
        "parameters": [
          {
            "name": "agency",
            "in": "query",
            "required": false,
            "description": "执法主体编码；办案人员只能看到本机关，此参数对其无效。",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "type",
            "in": "query",
            "schema": {
              "$ref": "#/components/schemas/CaseType"
            }
          },
          {
            "name": "q",
            "in": "query",
            "description": "在案件编号、当事人、决定文号、违法事实中查找的文字",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 1000,
              "default": 100
            }
          },
          {
            "name": "offset",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "default": 0
            }
          },
          {
            "name": "after",
            "in": "query",
            "description": "上一页答复中的 next：其后的一页",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "一页案件",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CaseList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      },
      "post": {
        "operationId": "storeCases",
        "summary": "提交案件 XML（<case> 或 <cases>），全部保存或全部不保存；只能是本机关的案件。较大的文档作为任务保存，立即答复 202",
        "requestBody": {
          "required": true,
          "content": {
            "application/xml": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "已保存",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Imported"
                }
              }
            }
          },
          "202": {
            "description": "文档较大，已作为任务排队；任务状态说明保存了什么，或为何未保存",
            "headers": {
              "Location": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JobStatus"
                }
              }
            }
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/TooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Invalid"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          },
          "507": {
            "$ref": "#/components/responses/StorageFull"
          }
        }
      }
    },
    "/api/v1/cases/{id}": {
      "get": {
        "operationId": "getCase",
        "summary": "一个案件（Accept: application/xml 时为交换格式 XML）",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "案件",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EnforcementCase"
                }
              },
              "application/xml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/audit": {
      "get": {
        "operationId": "audit",
        "summary": "评查（增量）：截至某日的全部案件或一个机关的案件；有问题的案件逐件列出",
        "parameters": [
          {
            "name": "asOf",
            "in": "query",
            "required": false,
            "description": "评查基准日（YYYY-MM-DD），缺省为今天。",
            "schema": {
              "type": "string",
              "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
            }
          },
          {
            "name": "agency",
            "in": "query",
            "required": false,
            "description": "执法主体编码；办案人员只能看到本机关，此参数对其无效。",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "评查结果",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AuditReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/due": {
      "get": {
        "operationId": "dueList",
        "summary": "到期预警：已逾期与若干工作日内到期的事项",
        "parameters": [
          {
            "name": "within",
            "in": "query",
            "description": "向后看的工作日数",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "maximum": 366,
              "default": 5
            }
          }
        ],
        "responses": {
          "200": {
            "description": "到期事项，按期限先后",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/DueObligation"
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/export/violations": {
      "get": {
        "operationId": "exportViolations",
        "summary": "违法问题清单（CSV 或 XLSX）；整库较大时请改用任务（POST /api/v1/jobs）",
        "parameters": [
          {
            "name": "asOf",
            "in": "query",
            "required": false,
            "description": "评查基准日（YYYY-MM-DD），缺省为今天。",
            "schema": {
              "type": "string",
              "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
            }
          },
          {
            "name": "agency",
            "in": "query",
            "required": false,
            "description": "执法主体编码；办案人员只能看到本机关，此参数对其无效。",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "format",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "csv",
                "xlsx"
              ],
              "default": "csv"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "清单文件",
            "content": {
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {
                  "type": "string",
                  "contentEncoding": "binary"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/jobs": {
      "post": {
        "operationId": "startJob",
        "summary": "开始一项长时工作（评查、导出违法问题清单、导出到期预警），立即答复",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/JobRequest"
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "已排队",
            "headers": {
              "Location": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JobStatus"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/jobs/{job}": {
      "get": {
        "operationId": "jobStatus",
        "summary": "任务进度",
        "parameters": [
          {
            "$ref": "#/components/parameters/job"
          }
        ],
        "responses": {
          "200": {
            "description": "任务",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JobStatus"
                }
              }
            }
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      },
      "delete": {
        "operationId": "cancelJob",
        "summary": "取消自己的任务",
        "parameters": [
          {
            "$ref": "#/components/parameters/job"
          }
        ],
        "responses": {
          "200": {
            "description": "任务",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JobStatus"
                }
              }
            }
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/jobs/{job}/result": {
      "get": {
        "operationId": "jobResult",
        "summary": "已完成任务的结果：导出的文件，或评查的 runId",
        "parameters": [
          {
            "$ref": "#/components/parameters/job"
          }
        ],
        "responses": {
          "200": {
            "description": "结果",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "runId": {
                      "type": "integer"
                    }
                  }
                }
              },
              "text/csv": {
                "schema": {
                  "type": "string"
                }
              },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                "schema": {
                  "type": "string",
                  "contentEncoding": "binary"
                }
              }
            }
          },
          "303": {
            "description": "台账导入任务：转到案件列表"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/campaigns/{name}/results": {
      "get": {
        "operationId": "campaignResults",
        "summary": "评查活动的结果：各执法主体的抽取、签署、平均得分、等级、常见问题和不合格案卷，以及各评查人员的进度（监督人员；办案人员在公布后只见本机关）",
        "parameters": [
          {
            "name": "name",
            "in": "path",
            "required": true,
            "description": "评查活动名称（zhifa campaign create 时所起）。",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "评查活动结果，依库中案件和评分即时计算",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CampaignResults"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/api/v1/review-queue": {
      "get": {
        "operationId": "reviewQueue",
        "summary": "分配给当前评查人员的案件（作为评查人或复核人）及其进度（评查人员）",
        "responses": {
          "200": {
            "description": "案件，最新的评查活动在前",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/QueueRow"
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/SignInRequired"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "zhifa_session",
        "description": "POST /api/v1/login 返回的会话"
      }
    },
    "parameters": {
      "job": {
        "name": "job",
        "in": "path",
        "required": true,
        "schema": {
          "type": "integer",
          "minimum": 1
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "请求有误",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "SignInRequired": {
        "description": "未登录或会话已过期（登录时：用户名或密码不对）",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Forbidden": {
        "description": "角色不允许",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NotFound": {
        "description": "没有，或无权知道",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "TooLarge": {
        "description": "请求体超过上限",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "请求体须为 application/json 或 application/xml",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Invalid": {
        "description": "未通过校验，未保存任何内容",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Throttled": {
        "description": "登录失败次数过多，稍后再试",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unavailable": {
        "description": "库忙或无法访问，稍后再试（Retry-After）",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "StorageFull": {
        "description": "磁盘或库已满，未保存",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "string"
          },
          "errors": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "message"
              ],
              "properties": {
                "line": {
                  "type": "integer"
                },
                "message": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "Credentials": {
        "type": "object",
        "required": [
          "user",
          "password"
        ],
        "properties": {
          "user": {
            "type": "string"
          },
          "password": {
            "type": "string"
          }
        }
      },
      "SignedIn": {
        "type": "object",
        "required": [
          "user",
          "role"
        ],
        "properties": {
          "user": {
            "type": "string"
          },
          "role": {
            "$ref": "#/components/schemas/Role"
          },
          "agency": {
            "type": "string"
          }
        }
      },
      "Role": {
        "type": "string",
        "enum": [
          "clerk",
          "reviewer",
          "supervisor",
          "admin"
        ]
      },
      "CaseType": {
        "type": "string",
        "enum": [
          "penalty",
          "license",
          "coercion",
          "inspection",
          "levy",
          "confirmation",
          "payment",
          "adjudication",
          "other"
        ]
      },
      "Procedure": {
        "type": "string",
        "enum": [
          "general",
          "simple",
          "fast"
        ]
      },
      "EventKind": {
        "type": "string",
        "enum": [
          "discovered",
          "filed",
          "accepted",
          "inspection",
          "investigation",
          "seizure",
          "seizure-extended",
          "seizure-released",
          "demolition",
          "notice",
          "statement",
          "waiver",
          "hearing-requested",
          "hearing-notice",
          "hearing",
          "legal-review",
          "collective-discussion",
          "extension",
          "decision",
          "delivery",
          "execution",
          "closed",
          "revoked",
          "reconsideration-applied",
          "reconsideration-decided",
          "litigation-filed",
          "judgment"
        ]
      },
      "PenaltyKind": {
        "type": "string",
        "enum": [
          "warning",
          "criticism",
          "fine",
          "confiscate-income",
          "confiscate-property",
          "lower-qualification",
          "suspend-license",
          "revoke-license",
          "order-suspension",
          "order-closure",
          "restrict-employment",
          "detention",
          "other"
        ]
      },
      "ObligationKind": {
        "type": "string",
        "enum": [
          "disclosure",
          "delivery",
          "decision",
          "license-decision",
          "seizure",
          "withdrawal"
        ]
      },
      "CaseSummary": {
        "type": "object",
        "required": [
          "id",
          "agency",
          "type",
          "procedure",
          "party",
          "version"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "agency": {
            "type": "string"
          },
          "type": {
            "$ref": "#/components/schemas/CaseType"
          },
          "procedure": {
            "$ref": "#/components/schemas/Procedure"
          },
          "decisionDate": {
            "type": "string",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
          },
          "decisionNumber": {
            "type": "string"
          },
          "party": {
            "type": "string"
          },
          "version": {
            "type": "integer",
            "minimum": 1
          }
        }
      },
      "CaseList": {
        "type": "object",
        "required": [
          "total",
          "totalIsAtLeast",
          "limit",
          "offset",
          "cases"
        ],
        "properties": {
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "totalIsAtLeast": {
            "type": "boolean",
            "description": "文字查找只数到 10000 件：total 是下限"
          },
          "limit": {
            "type": "integer"
          },
          "offset": {
            "type": "integer"
          },
          "next": {
            "type": "string",
            "description": "下一页的 after；最后一页没有"
          },
          "cases": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CaseSummary"
            }
          }
        }
      },
      "EnforcementCase": {
        "type": "object",
        "description": "交换格式（docs/format.md）中的一个案件",
        "required": [
          "id",
          "agency",
          "type",
          "procedure",
          "party",
          "events"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "agency": {
            "type": "string"
          },
          "type": {
            "$ref": "#/components/schemas/CaseType"
          },
          "procedure": {
            "$ref": "#/components/schemas/Procedure"
          },
          "declaredMajor": {
            "type": "boolean"
          },
          "party": {
            "type": "object",
            "required": [
              "name",
              "kind"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "kind": {
                "type": "string"
              }
            }
          },
          "matter": {
            "type": "object"
          },
          "events": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "kind"
              ],
              "properties": {
                "kind": {
                  "$ref": "#/components/schemas/EventKind"
                },
                "date": {
                  "type": "string",
                  "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
                },
                "officers": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "records": {
                  "type": "array",
                  "items": {
                    "type": "object"
                  }
                },
                "ruling": {
                  "type": "string",
                  "enum": [
                    "upheld",
                    "dismissed",
                    "revoked",
                    "changed",
                    "unlawful",
                    "void",
                    "ordered"
                  ],
                  "description": "行政复议决定或行政诉讼判决的结果（格式 1.1）"
                }
              }
            }
          },
          "outcome": {
            "type": "object",
            "properties": {
              "penalties": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "kind"
                  ],
                  "properties": {
                    "kind": {
                      "$ref": "#/components/schemas/PenaltyKind"
                    },
                    "amount": {
                      "type": "integer",
                      "description": "分"
                    }
                  }
                }
              }
            }
          },
          "disclosure": {
            "type": "object"
          },
          "power": {
            "type": "string",
            "description": "所行使的权责清单事项编码（格式 1.1）"
          }
        }
      },
      "Imported": {
        "type": "object",
        "required": [
          "new",
          "replaced",
          "unchanged"
        ],
        "properties": {
          "new": {
            "type": "integer"
          },
          "replaced": {
            "type": "integer"
          },
          "unchanged": {
            "type": "integer"
          },
          "warnings": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "line",
                "message"
              ],
              "properties": {
                "line": {
                  "type": "integer"
                },
                "message": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "AuditReport": {
        "type": "object",
        "required": [
          "asOf",
          "checklist",
          "cases"
        ],
        "properties": {
          "asOf": {
            "type": "string",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
          },
          "checklist": {
            "type": "string"
          },
          "checklistHash": {
            "type": "string"
          },
          "run": {
            "type": "integer"
          },
          "cases": {
            "type": "array",
            "description": "有问题的案件",
            "items": {
              "$ref": "#/components/schemas/CaseAudit"
            }
          }
        }
      },
      "CaseAudit": {
        "type": "object",
        "required": [
          "id",
          "agency",
          "score",
          "grade",
          "veto",
          "findings"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "agency": {
            "type": "string"
          },
          "type": {
            "type": "string"
          },
          "score": {
            "type": "number"
          },
          "grade": {
            "type": "string"
          },
          "veto": {
            "type": "boolean"
          },
          "inProgress": {
            "type": "boolean"
          },
          "review": {
            "type": "object",
            "description": "How far reviewers have gone: the score is 初评 (provisional) until openItems is 0 and signedBy is set.",
            "required": [
              "openItems",
              "openPoints"
            ],
            "properties": {
              "openItems": {
                "type": "integer"
              },
              "openPoints": {
                "type": "number"
              },
              "signedBy": {
                "type": "string"
              },
              "signedAt": {
                "type": "string"
              },
              "checkedBy": {
                "type": "string",
                "description": "复核通过的复核人"
              },
              "checkedAt": {
                "type": "string"
              },
              "returned": {
                "type": "string",
                "description": "复核退回的理由、复核人和时间；其后须重新签署评查结论"
              }
            }
          },
          "categories": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "name": {
                  "type": "string"
                },
                "points": {
                  "type": "number"
                },
                "deducted": {
                  "type": "number"
                }
              }
            }
          },
          "findings": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "rule",
                "status",
                "title"
              ],
              "properties": {
                "rule": {
                  "type": "string"
                },
                "status": {
                  "type": "string",
                  "enum": [
                    "pass",
                    "fail",
                    "manual",
                    "not-applicable",
                    "corrected"
                  ]
                },
                "title": {
                  "type": "string"
                },
                "message": {
                  "type": "string"
                },
                "deduction": {
                  "type": "number"
                },
                "severity": {
                  "type": "string"
                },
                "category": {
                  "type": "string"
                },
                "veto": {
                  "type": "boolean"
                },
                "correction": {
                  "type": "string",
                  "description": "A finding a reviewer corrected (更正): their reason, who and when. It does not count against the score."
                },
                "proposal": {
                  "type": "object",
                  "description": "An open manual item the document rules inform (proposed-by): the machine's proposed deduction and why, for the reviewer to confirm or change (docs/documents.md).",
                  "required": [
                    "item",
                    "deduction",
                    "note"
                  ],
                  "properties": {
                    "item": {
                      "type": "string"
                    },
                    "deduction": {
                      "type": "number"
                    },
                    "note": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          },
          "indicators": {
            "type": "object"
          }
        }
      },
      "DueObligation": {
        "type": "object",
        "required": [
          "case",
          "agency",
          "obligation",
          "title",
          "deadline",
          "overdue",
          "workdaysLeft",
          "rule"
        ],
        "properties": {
          "case": {
            "type": "string"
          },
          "agency": {
            "type": "string"
          },
          "obligation": {
            "$ref": "#/components/schemas/ObligationKind"
          },
          "title": {
            "type": "string"
          },
          "deadline": {
            "type": "string",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
          },
          "overdue": {
            "type": "boolean"
          },
          "workdaysLeft": {
            "type": "integer",
            "description": "到期限的工作日数，逾期为负"
          },
          "rule": {
            "type": "string"
          }
        }
      },
      "JobRequest": {
        "type": "object",
        "required": [
          "kind"
        ],
        "properties": {
          "kind": {
            "type": "string",
            "enum": [
              "audit",
              "violations",
              "due"
            ]
          },
          "asOf": {
            "type": "string",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
          },
          "agency": {
            "type": "string"
          },
          "format": {
            "type": "string",
            "enum": [
              "csv",
              "xlsx"
            ]
          },
          "within": {
            "type": "integer",
            "minimum": 0,
            "maximum": 366
          },
          "obligation": {
            "$ref": "#/components/schemas/ObligationKind"
          },
          "state": {
            "type": "string",
            "enum": [
              "overdue",
              "upcoming"
            ]
          }
        }
      },
      "JobStatus": {
        "type": "object",
        "required": [
          "id",
          "kind",
          "title",
          "state",
          "stateText",
          "finished",
          "done"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "kind": {
            "type": "string",
            "enum": [
              "audit",
              "violations",
              "due",
              "ledger",
              "cases",
              "campaign"
            ]
          },
          "title": {
            "type": "string"
          },
          "state": {
            "type": "string",
            "enum": [
              "queued",
              "running",
              "done",
              "failed",
              "cancelled"
            ]
          },
          "stateText": {
            "type": "string"
          },
          "finished": {
            "type": "boolean"
          },
          "done": {
            "type": "integer"
          },
          "total": {
            "type": "integer"
          },
          "percent": {
            "type": "integer"
          },
          "elapsedSeconds": {
            "type": "integer"
          },
          "estimateSeconds": {
            "type": "integer"
          },
          "message": {
            "type": "string"
          },
          "resultPath": {
            "type": "string"
          }
        }
      },
      "QueueRow": {
        "type": "object",
        "required": [
          "campaign",
          "caseId",
          "href",
          "agency",
          "role",
          "other",
          "state",
          "done"
        ],
        "properties": {
          "campaign": {
            "type": "string"
          },
          "caseId": {
            "type": "string"
          },
          "href": {
            "type": "string",
            "description": "案件页面的地址"
          },
          "agency": {
            "type": "string",
            "description": "执法主体名称"
          },
          "role": {
            "type": "string",
            "enum": [
              "评查人",
              "复核人"
            ]
          },
          "other": {
            "type": "string",
            "description": "该案的另一名评查人员"
          },
          "state": {
            "type": "string",
            "description": "尚待完成的事项，或签署人"
          },
          "done": {
            "type": "boolean"
          }
        }
      },
      "CampaignResults": {
        "type": "object",
        "required": [
          "name",
          "checklist",
          "asOf",
          "seed",
          "createdBy",
          "createdAt",
          "agencies",
          "reviewers",
          "grades"
        ],
        "properties": {
          "name": {
            "type": "string"
          },
          "checklist": {
            "type": "string"
          },
          "asOf": {
            "type": "string"
          },
          "seed": {
            "type": "string",
            "description": "抽样种子（64 位整数的十进制）"
          },
          "createdBy": {
            "type": "string"
          },
          "createdAt": {
            "type": "string"
          },
          "grades": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "agencies": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "agency",
                "name",
                "candidates",
                "drawn",
                "scored",
                "signed",
                "provisional",
                "gradeCounts",
                "problems",
                "failing"
              ],
              "properties": {
                "agency": {
                  "type": "string"
                },
                "name": {
                  "type": "string"
                },
                "candidates": {
                  "type": "integer"
                },
                "drawn": {
                  "type": "integer"
                },
                "signed": {
                  "type": "integer"
                },
                "average": {
                  "type": "number"
                },
                "provisional": {
                  "type": "integer",
                  "description": "平均得分中初评的案件数"
                },
                "gradeCounts": {
                  "type": "object",
                  "additionalProperties": {
                    "type": "integer"
                  }
                },
                "problems": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "rule",
                      "title",
                      "cases"
                    ],
                    "properties": {
                      "rule": {
                        "type": "string"
                      },
                      "title": {
                        "type": "string"
                      },
                      "cases": {
                        "type": "integer"
                      }
                    }
                  }
                },
                "failing": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "caseId",
                      "score",
                      "grade",
                      "provisional",
                      "reasons"
                    ],
                    "properties": {
                      "caseId": {
                        "type": "string"
                      },
                      "score": {
                        "type": "number"
                      },
                      "grade": {
                        "type": "string"
                      },
                      "provisional": {
                        "type": "boolean"
                      },
                      "reasons": {
                        "type": "array",
                        "items": {
                          "type": "string"
                        }
                      }
                    }
                  }
                },
                "scored": {
                  "type": "integer",
                  "description": "人工评查项已全部评分的案件数"
                }
              }
            }
          },
          "reviewers": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "name",
                "reviewing",
                "checking",
                "scored",
                "signed"
              ],
              "properties": {
                "name": {
                  "type": "string"
                },
                "reviewing": {
                  "type": "integer"
                },
                "checking": {
                  "type": "integer"
                },
                "signed": {
                  "type": "integer"
                },
                "scored": {
                  "type": "integer"
                }
              }
            }
          },
          "publishedAt": {
            "type": "string",
            "description": "公布给各执法主体的时间；未公布时只有监督人员可见"
          }
        }
      }
    }
  }
}

"""##
    ]
}
