#!/usr/bin/env python3
"""Writes the intake corpus (statements.en.md, statements.zh.md) from templates and value lists.

Each statement of a form description is one example in the NLU pack format: the heading names its
kinds, and its spans are marked [text](slot). Run from this folder: python3 generate.py
The hand-written statements live in handwritten.en.md and handwritten.zh.md and are not generated.
"""
import random

SEED = 19
EN_COUNT = 3000
ZH_COUNT = 2400

EN_FIELDS = ["name", "phone", "date", "time", "remarks", "title", "delivery address", "home address", "delivery note", "order date", "billing address",
             "amount", "reason", "attachment", "start date", "end date", "days", "destination",
             "traveller name", "departure date", "return date", "total", "supplier", "quantity",
             "unit price", "project code", "cost center", "purpose", "notes", "comment",
             "phone number", "email", "employee ID", "department", "budget", "invoice", "receipt",
             "contract number", "counterparty", "vendor name", "delivery date", "item description",
             "hotel", "flight number", "meeting room", "attendees", "event date", "course name",
             "training fee", "laptop model", "serial number", "justification", "customer name",
             "expected revenue", "payment terms", "bank account", "location", "start time",
             "overtime hours", "visitor name", "visit date", "company", "license plate",
             "asset tag", "leave type", "priority", "category", "currency", "full name",
             "contract value", "estimated cost", "return time", "address", "signature",
             "nights", "budget code", "invoice number", "headcount", "job title", "salary",
             "shipping address", "pickup date", "mileage", "description"]
EN_NUMERIC = ["trip length", "order total", "claim amount", "loan amount", "purchase amount",
              "number of days", "total cost", "requested amount", "amount", "total", "days", "quantity", "budget", "unit price", "overtime hours",
              "contract value", "estimated cost", "training fee", "mileage", "nights", "salary",
              "headcount", "price", "cost", "sum"]
EN_CHOICES = [
    ("type", ["travel", "meals", "equipment", "training"]),
    ("leave type", ["annual", "sick", "unpaid", "parental", "other"]),
    ("priority", ["low", "medium", "high", "urgent"]),
    ("class", ["economy", "premium economy", "business", "first"]),
    ("payment method", ["cash", "card", "bank transfer", "cheque"]),
    ("department", ["sales", "marketing", "engineering", "finance", "support"]),
    ("transport", ["train", "plane", "car", "bus"]),
    ("room size", ["small", "medium", "large"]),
    ("currency", ["USD", "EUR", "CNY", "JPY", "GBP"]),
    ("category", ["hardware", "software", "services", "office supplies"]),
    ("urgency", ["normal", "urgent", "critical"]),
    ("contract type", ["sales", "purchase", "NDA", "lease"]),
    ("seat", ["window", "aisle", "any"]),
    ("shift", ["morning", "afternoon", "night"]),
    ("meal", ["vegetarian", "vegan", "halal", "standard"]),
    ("region", ["north", "south", "east", "west"]),
    ("expense kind", ["taxi", "hotel", "flight", "per diem"]),
    ("delivery", ["standard", "express", "pickup"]),
    ("access level", ["Read", "Write", "Admin"]),
    ("system", ["CRM", "ERP", "Payroll", "Email"]),
    ("diet", ["veg", "vegan", "none", "gluten-free"]),
    ("work location", ["Home", "Office", "Co-working space", "Abroad"]),
    ("shipping method", ["courier", "post", "freight"]),
    ("reason", ["damaged", "late", "wrong item", "other"]),
    ("size", ["S", "M", "L", "XL"]),
    ("yes or no", ["yes", "no"]),
    ("status", ["new", "in progress", "done"]),
    ("country", ["China", "Vietnam", "Germany", "USA"]),
]
EN_ROLES = ["finance", "HR", "legal", "the CFO", "the CEO", "the director", "the team lead",
            "the department head", "the travel desk", "procurement", "IT", "the general manager",
            "the project manager", "admin", "facilities", "security", "compliance",
            "the finance manager", "audit", "the VP of sales", "the office manager", "payroll",
            "treasury", "the board", "the head of department", "the COO", "the CTO",
            "the sales director", "the purchasing team", "the HR manager", "the legal team",
            "the finance team", "the controller", "the regional manager", "the branch manager",
            "the team leader", "accounting", "the operations manager", "the IT manager",
            "the program director", "the site manager", "the budget owner", "reception"]
EN_MANAGERS = ["the applicant's manager", "the manager of the applicant", "their manager",
               "the requester's manager", "the line manager", "the direct manager",
               "the employee's supervisor", "my manager", "the direct supervisor",
               "the reporting manager", "the submitter's manager", "his or her manager",
               "the employee's manager", "the immediate supervisor", "the boss", "my boss", "boss",
               "their boss", "the line manager of the requester"]
EN_PEOPLE = ["Alice Chen", "Bob Smith", "Maria Garcia", "John Lee", "Wang Fang", "Priya Patel",
             "David Kim", "Sarah Johnson", "Tom Nguyen", "Emma Wilson", "Carlos Diaz",
             "Yuki Tanaka", "Olivia Brown", "Ahmed Khan", "Lena Müller", "Peter"]
EN_TYPES = [("a number", "number"), ("numeric", "numeric"), ("an integer", "integer"),
            ("a money amount", "money amount"), ("money", "money"), ("an amount in USD", "amount in USD"),
            ("a date", "date"), ("a date range", "date range"), ("a period", "period"),
            ("a file", "file"), ("an attachment", "attachment"), ("an upload", "upload"),
            ("a person", "person"), ("an employee", "employee"), ("free text", "free text"),
            ("text", "text"), ("a currency amount", "currency amount"), ("a whole number", "whole number"),
            ("a number in USD", "number in USD"), ("a calendar date", "calendar date"),
            ("a document", "document"), ("a short text", "short text")]
EN_OPS = [">", ">=", "<", "over", "above", "more than", "greater than", "exceeds", "at least", "less than",
          "under", "below", "is over", "is above", "is more than", "goes over", "is greater than",
          "is at least", "is less than", "is under", "is below"]
EN_VALUES = ["500", "1000", "5,000", "5000", "10000", "10,000", "$2,000", "$5000", "3", "5", "10",
             "20000", "50,000", "100", "2000", "7", "1 million", "20k", "€3,000", "8"]
ORD_EN = ["First", "first", "Then", "then", "After that", "after that", "Next", "next",
          "Finally", "finally", "Second", "Third", "Afterwards", "And then", "Lastly", "After approval",
          "Once approved", "At the end"]

# Compound nouns widen the vocabulary: a modifier and a head ("budget owner", "出差地点").
EN_MODIFIERS = ["budget", "cost", "delivery", "project", "customer", "vendor", "employee", "travel",
                "contract", "invoice", "office", "payment", "purchase", "item", "asset", "event",
                "course", "vehicle", "meeting", "claim", "order", "account", "supplier", "guest"]
EN_HEADS = ["owner", "code", "date", "name", "number", "address", "type", "reason", "description",
            "ID", "location", "contact", "details", "status", "reference", "purpose", "category"]
EN_ROLE_MODIFIERS = ["plant", "quality", "regional", "sales", "site", "project", "finance", "IT",
                     "marketing", "logistics", "country", "area", "warehouse", "product", "risk"]
EN_ROLE_HEADS = ["manager", "director", "lead", "team", "head", "officer", "controller", "committee"]
_r = random.Random(SEED + 7)
EN_FIELDS += sorted({"%s %s" % (_r.choice(EN_MODIFIERS), _r.choice(EN_HEADS)) for _ in range(120)})
EN_ROLES += sorted({"the %s %s" % (_r.choice(EN_ROLE_MODIFIERS), _r.choice(EN_ROLE_HEADS)) for _ in range(50)})

ZH_FIELDS = ["培训名称", "借款金额", "物品名称", "加班日期", "请假天数", "报销事由", "会议主题", "金额", "事由", "附件", "开始日期", "结束日期", "天数", "目的地", "出差人", "出发日期",
             "返回日期", "供应商", "数量", "单价", "项目编号", "成本中心", "用途", "备注", "联系电话",
             "部门", "预算", "发票", "合同编号", "对方单位", "交付日期", "物品名称", "酒店", "航班号",
             "会议室", "参会人数", "培训名称", "培训费用", "加班时长", "访客姓名", "来访日期", "车牌号",
             "资产编号", "申请理由", "姓名", "工号", "职位", "入职日期", "离职原因", "收款账户",
             "合同金额", "采购原因", "报销金额", "出差事由", "请假原因", "申请人", "用车时间",
             "邮箱", "地址", "总价", "规格型号", "预计费用", "签字", "说明"]
ZH_MODIFIERS = ["报销", "出差", "采购", "合同", "项目", "客户", "供应商", "员工", "会议", "培训",
                "借款", "付款", "车辆", "资产", "活动", "访客", "订单", "发票"]
ZH_HEADS = ["人", "金额", "日期", "名称", "编号", "原因", "地点", "人数", "类型", "说明", "负责人", "电话",
            "事由", "时间", "地址", "内容"]
ZH_ROLE_MODIFIERS = ["部门", "项目", "区域", "财务", "人事", "技术", "质量部", "销售", "采购", "行政", "运营"]
ZH_ROLE_HEADS = ["经理", "总监", "负责人", "主管", "专员"]
ZH_FIELDS += sorted({_r.choice(ZH_MODIFIERS) + _r.choice(ZH_HEADS) for _ in range(100)})

ZH_NUMERIC = ["出差天数", "报销金额", "采购总额", "借款金额", "请假天数", "采购金额", "合同总额",
              "申请金额", "费用总额", "出差费用", "金额", "天数", "数量", "预算", "单价", "合同金额", "报销金额", "总价", "预计费用",
              "费用", "加班时长", "参会人数", "培训费用"]
ZH_CHOICES = [
    ("类型", ["差旅", "餐费", "设备", "培训"]),
    ("请假类型", ["年假", "病假", "事假", "婚假", "产假"]),
    ("紧急程度", ["低", "中", "高", "紧急"]),
    ("舱位", ["经济舱", "商务舱", "头等舱"]),
    ("付款方式", ["现金", "银行转账", "支票", "信用卡"]),
    ("交通工具", ["火车", "飞机", "汽车", "轮船"]),
    ("采购类别", ["办公用品", "电子设备", "软件", "服务"]),
    ("城市", ["北京", "上海", "广州", "深圳"]),
    ("报销类别", ["交通费", "住宿费", "餐饮费", "其他"]),
    ("合同类型", ["销售合同", "采购合同", "保密协议"]),
    ("用车类型", ["轿车", "商务车", "货车"]),
    ("币种", ["人民币", "美元", "欧元"]),
    ("班次", ["早班", "中班", "晚班"]),
    ("用印类型", ["公章", "合同章", "财务章", "法人章"]),
    ("活动类型", ["户外", "聚餐", "旅游", "培训"]),
    ("会议室类型", ["小会议室", "中会议室", "大会议室"]),
    ("寄送方式", ["快递", "自取", "同城配送"]),
    ("学历", ["本科", "硕士", "博士", "其他"]),
    ("性别", ["男", "女"]),
    ("是否住宿", ["是", "否"]),
    ("车型", ["轿车", "SUV", "面包车"]),
    ("支付渠道", ["微信", "支付宝", "对公转账"]),
    ("级别", ["一级", "二级", "三级"]),
]
ZH_ROLES = ["副总", "销售经理", "销售总监", "行政部", "财务", "人事", "法务", "总监", "组长", "部门经理", "部门负责人", "总经理", "行政",
            "采购部", "财务总监", "副总裁", "董事长", "项目经理", "审计", "出纳", "人力资源部",
            "分管领导", "总裁", "财务部", "行政部", "技术总监", "销售总监", "法务部", "IT部",
            "部门主管", "区域经理", "财务经理", "人事经理", "CFO", "HR"]
ZH_ROLES += sorted({_r.choice(ZH_ROLE_MODIFIERS) + _r.choice(ZH_ROLE_HEADS) for _ in range(40)})
ZH_MANAGERS = ["直属上级", "直属领导", "申请人的上级", "申请人的直属上级", "上级领导", "直接上级",
               "申请人上级", "直属主管", "申请人的直属领导"]
ZH_PEOPLE = ["王芳", "李强", "张伟", "刘洋", "陈静", "赵磊", "孙丽", "周杰"]
ZH_TYPES = ["数字", "金额", "日期", "日期范围", "附件", "文本", "人员", "整数", "文件", "时间段"]
ZH_OPS = ["超过", "大于", "高于", "多于", "不少于", "低于", "少于", "小于", "达到"]
ZH_VALUES = ["5000", "1000", "一万", "3", "5", "10000", "两万", "2000", "500", "3万", "7", "十",
             "五千", "20000", "100"]
ORD_ZH = ["先", "首先", "然后", "再", "接着", "之后", "最后", "第一步", "第二步", "第三步", "随后",
          "其次", "第一步：", "第二步：", "最终", ""]

TITLES_EN = ["travel booking", "expense claim", "leave request", "purchase order", "contract review",
             "overtime request", "equipment request", "training application", "visitor registration",
             "business trip", "reimbursement", "meeting room booking", "vehicle request",
             "budget approval", "new hire", "IT access request", "petty cash", "sample request",
             "customer refund", "price exception"]
TITLES_ZH = ["报销单", "请假单", "出差申请", "采购申请单", "合同审批", "加班申请", "用车申请",
             "物品领用单", "培训申请", "访客登记", "付款申请", "借款单", "用印申请", "会议室预订",
             "离职申请", "入职申请", "费用报销", "差旅报销单"]


def en_list(rng, items, slot, joiner=None):
    the = slot == "field" and rng.random() < 0.25  # "the amount, the reason and the date"
    q = '"' if slot == "option" and rng.random() < 0.1 else ""  # "Economy", "Business"
    marked = [("the " if the else "") + q + "[%s](%s)" % (x, slot) + q for x in items]
    if len(marked) == 1:
        return marked[0]
    joiner = joiner or rng.choice([" and ", ", and ", " & ", " and "])
    if rng.random() < 0.25:
        return ", ".join(marked)
    return ", ".join(marked[:-1]) + joiner + marked[-1]


def zh_list(rng, items, slot, joiner=None):
    marked = ["[%s](%s)" % (x, slot) for x in items]
    if len(marked) == 1:
        return marked[0]
    j = joiner or rng.choice(["、", "和", "，", "及", "与"])
    if j in ("和", "及", "与", "或", "或者"):
        return "、".join(marked[:-1]) + j + marked[-1]
    return j.join(marked)


def cap(s):
    """Capitalizes the first letter, also when it opens a marked span ("[amount](field) ...")."""
    if s.startswith("[") and len(s) > 1:
        return "[" + s[1].upper() + s[2:]
    return s[0].upper() + s[1:] if s and s[0].isalpha() else s


class En:
    def __init__(self, rng):
        self.r = rng

    def fields(self, k=None):
        k = k or self.r.choice([1, 1, 2, 2, 3, 3, 4])
        return self.r.sample(EN_FIELDS, k)

    def who(self, with_person=True):
        x = self.r.random()
        if x < 0.2:
            return "[%s](manager)" % self.r.choice(EN_MANAGERS)
        if with_person and x < 0.3:
            return "[%s](person)" % self.r.choice(EN_PEOPLE)
        return self.role()

    def role(self):
        r = self.r.choice(EN_ROLES)
        if r.startswith("the ") and self.r.random() < 0.7:
            return "the [%s](role)" % r[4:]
        return "[%s](role)" % r

    def cond(self):
        f = self.r.choice(EN_NUMERIC)
        op = self.r.choice(EN_OPS)
        v = self.r.choice(EN_VALUES)
        the = self.r.choice(["the ", "", ""])
        if op.startswith("is ") or op.startswith("goes "):
            verb, word = op.split(" ", 1)
            return "%s[%s](cond_field) %s [%s](op) [%s](value)" % (the, f, verb, word, v)
        return "%s[%s](cond_field) is [%s](op) [%s](value)" % (the, f, op, v) if self.r.random() < 0.5 \
            else "%s[%s](cond_field) [%s](op) [%s](value)" % (the, f, op, v)

    def choice_cond(self):
        f, opts = self.r.choice(EN_CHOICES)
        return "the [%s](cond_field) is [%s](value)" % (f, self.r.choice(opts)) if self.r.random() < 0.5 \
            else "[%s](cond_field) [is](op) [%s](value)" % (f, self.r.choice(opts))

    def statement(self):
        r = self.r
        kind = r.choices(
            ["req", "opt", "plain", "type", "choice", "step", "cond_step", "cond", "all", "any",
             "reject", "reject_half", "timeout", "copy", "title", "other", "fragment", "multi"],
            [14, 9, 4, 8, 10, 16, 8, 3, 5, 4, 4, 2, 3, 3, 4, 2, 5, 2])[0]
        intents, text = getattr(self, "k_" + kind)()
        if self.r.random() < 0.15:  # chat style: no capital letter
            i = 1 if text.startswith("[") else 0
            text = text[:i] + text[i:i + 1].lower() + text[i + 1:]
        return intents, text

    def k_req(self):
        f = en_list(self.r, self.fields(), "field")
        t = self.r.choice([
            "{f} are required", "{f} are mandatory", "{f} must be filled in", "{f} is required",
            "Required: {f}", "Mandatory fields: {f}", "we must have {f}",
            "the applicant must provide {f}", "{f} cannot be empty", "please make {f} required",
            "{f} are compulsory", "{f} have to be filled", "{f} must not be left blank",
            "Required fields are {f}", "{f} is mandatory", "the user has to enter {f}",
            "{f} are must-haves", "{f} (required)", "always ask for {f}", "{f} must be given",
            "{f} required", "{f} - required", "{f}: required", "{f} mandatory", "{f}: mandatory"])
        return ["fields_required"], cap(t.format(f=f))

    def k_opt(self):
        f = en_list(self.r, self.fields(), "field", self.r.choice([" and ", " or ", ", and "]))
        t = self.r.choice([
            "{f} are optional", "{f} can be left blank", "Optional: {f}", "{f} is not required",
            "{f} may be empty", "the applicant can add {f} if they want", "{f} is optional",
            "{f} can be left empty", "{f} are not mandatory", "{f} if available",
            "Optional fields: {f}", "{f} (optional)", "{f} are nice to have", "{f} can be skipped",
            "no need to fill {f}", "{f} does not have to be filled in", "{f} optional",
            "{f} - optional", "{f}: optional", "{f} not required", "{f} (can be blank)"])
        return ["fields_optional"], cap(t.format(f=f))

    def k_plain(self):
        f = en_list(self.r, self.fields(self.r.choice([2, 3, 4])), "field")
        t = self.r.choice([
            "The form has {f}", "Fields: {f}", "It should collect {f}", "include {f}",
            "ask for {f}", "It has fields for {f}", "we need {f}", "we'll need {f}",
            "please include: {f}", "they fill in {f}", "the form collects {f}", "it collects {f}", "The form asks for {f}",
            "there are fields {f}", "Capture {f}", "the form needs {f}", "it needs a field for {f}",
            "so the form needs {f}", "ok so we need {f}"])
        return ["fields_plain"], cap(t.format(f=f))

    def k_type(self):
        f = self.r.choice(EN_FIELDS)
        a, bare = self.r.choice(EN_TYPES)
        art = a[: len(a) - len(bare)]
        x = self.r.random()
        if x < 0.25:
            req = self.r.choice(["required", "mandatory", "optional"])
            intents = ["field_type", "fields_optional" if req == "optional" else "fields_required"]
            art2 = "an " if req == "optional" else "a "
            return intents, cap("[%s](field) is %s%s [%s](type)" % (f, art2, req, bare))
        if self.r.random() < 0.15:
            req = self.r.choice(["and it's mandatory", "and is required", "and must be filled in",
                                 "and it's optional", "and can be left blank"])
            intents = ["field_type", "fields_optional" if ("optional" in req or "blank" in req) else "fields_required"]
            return intents, cap("[%s](field) is %s[%s](type) %s" % (f, art, bare, req))
        t = self.r.choice(["{f} is {art}{t}", "{f} should be {art}{t}", "{f}: {t}", "{f} ({t})",
                           "{f} is entered as {art}{t}", "make {f} {art}{t}",
                           "the {f} field is {art}{t}", "{f} will be {art}{t}"])
        return ["field_type"], cap(t.format(f="[%s](field)" % f, art=art, t="[%s](type)" % bare))

    def opts(self, opts, k=None):
        k = k or min(len(opts), self.r.choice([2, 3, 4, 5]))
        chosen = opts[:k] if self.r.random() < 0.5 else self.r.sample(opts, k)
        return en_list(self.r, chosen, "option", self.r.choice([" or ", " and ", ", or ", ", "]))

    def k_choice(self):
        f, opts = self.r.choice(EN_CHOICES)
        if self.r.random() < 0.3:
            f = self.r.choice(EN_FIELDS)
        o = self.opts(opts)
        F = "[%s](field)" % f
        if self.r.random() < 0.15:
            req = self.r.choice(["required", "mandatory", "optional"])
            return (["choice", "fields_optional" if req == "optional" else "fields_required"],
                    cap("%s is a%s %s drop-down of %s" % (F, "n" if req == "optional" else "", req, o)))
        t = self.r.choice([
            "{f} is a drop-down of {o}", "{f} is one of {o}", "{f}: pick one of {o}",
            "{f} can be {o}", "for {f}, choose from {o}", "{f} options: {o}",
            "let the user select {f} from {o}", "{f} is a choice of {o}", "{f} is a dropdown with {o}",
            "{f} is a select with options {o}", "{f} is a list: {o}", "{f} - pick one: {o}",
            "choose a {f}: {o}", "{f} (one of {o})", "{f} is selected from {o}",
            "{f} is a dropdown: {o}", "{f} should offer {o}", "{f} should be a dropdown: {o}",
            "{f} (one of: {o})", "{f} - one of: {o}", "{f} is chosen from {o}", "{f}: {o}",
            "options for {f} are {o}", "{f}, which is either {o}", "{f} can be {o}"])
        if self.r.random() < 0.15:
            a, b = self.r.sample(opts, 2)
            return ["choice"], cap("%s is either [%s](option) or [%s](option)" % (F, a, b))
        if self.r.random() < 0.12:  # the first piece of a list that goes on after a comma
            o = "[%s](option)" % opts[0]
        return ["choice"], cap(t.format(f=F, o=o))

    def k_multi(self):
        f, opts = self.r.choice(EN_CHOICES)
        o = self.opts(opts)
        t = self.r.choice(["{f} can be several of {o}", "{f}: tick any of {o}",
                           "{f} is a multi-select of {o}", "{f} allows multiple choices: {o}",
                           "pick any number of {f} from {o}"])
        return ["multi_choice"], cap(t.format(f="[%s](field)" % f, o=o))

    def verb(self):
        return self.r.choice([
            "approves", "signs off", "reviews it", "must approve", "has to sign off",
            "needs to approve", "gives approval", "approves it", "signs", "checks and approves",
            "should approve", "will approve", "reviews and approves", "has to approve"])

    def step_text(self, who):
        o = self.r.choice(ORD_EN)
        t = self.r.choice([
            "{o} {w} {v}", "{o} {w} {v}", "{o}, {w} {v}", "{o} it needs approval from {w}",
            "{o} it must be signed off by {w}", "{o} it goes to {w}", "{o} to {w}", "{o} {w}",
            "{o} {w} {v}", "{o} approval by {w}", "{o} it is routed to {w}",
            "{o} {w} has the final say", "{o} send it to {w} for approval",
            "{o} {w} approves next", "{o} it needs {w}'s sign-off",
            "{o} it has to be approved by {w}", "{w} {v} first", "{w} {v} second",
            "the request is reviewed by {w}", "it must be approved by {w}", "{w} passes it on",
            "and subsequently by {w}", "who passes it to {w}", "{w} signs first",
            "{w} approves it and that's it", "{w} okays it", "{w} gives the OK",
            "{w} {v} last", "{w} {v} after that", "{w} {v} at the end"])
        txt = t.format(o=o, w=who, v=self.verb()).strip()
        if self.r.random() < 0.15:
            n = self.r.choice(["first", "second", "third", "fourth", "final", "last"])
            txt = self.r.choice([
                "the %s approver is %s" % (n, who), "%s approval: %s" % (cap(n), who),
                "%s step: %s" % (cap(n), who), "%s approves %s" % (who, n),
                "%s, %s %s" % (cap(n) + "ly" if n in ("first", "second", "third") else cap(n), who, self.verb())])
        return cap(txt)

    def k_step(self):
        return ["approval_step"], self.step_text(self.who())

    def k_cond_step(self):
        who = self.who(False)
        c = self.cond() if self.r.random() < 0.8 else self.choice_cond()
        v = self.r.choice(EN_VALUES)
        op = self.r.choice(["over", "above", "more than", "beyond"])
        t = self.r.choice([
            "if {c}, {w} {v}", "{w} {v} if {c}", "when {c}, {w} also {v}", "{w} {v} when {c}",
            "if {c} then {w} {v}", "[{op}](op) [{val}](value) {w} must also approve",
            "requests [{op}](op) [{val}](value) also go to {w}",
            "for amounts [{op}](op) [{val}](value), {w} signs off",
            "{w} approves anything [{op}](op) [{val}](value)",
            "if {c}, it also needs {w}", "{w} only approves if {c}",
            "{w} must also sign when {c}", "only if {c} does {w} approve",
            "[{op}](op) [{val}](value): also {w}", "{w} (only when {c})", "{w}, only when {c}",
            "orders [{op}](op) [{val}](value) dollars also go to {w}",
            "anything [{op}](op) [{val}](value) goes to {w} as well"])
        return ["approval_step"], cap(t.format(c=c, w=who, v=self.verb(), op=op, val=v))

    def k_cond(self):
        c = self.cond() if self.r.random() < 0.8 else self.choice_cond()
        t = self.r.choice(["if {c}", "when {c}", "in case {c}", "if {c} then", "where {c}", "only if {c}"])
        return ["condition"], cap(t.format(c=c))

    def two_three(self):
        k = self.r.choice([2, 2, 3])
        out = []
        while len(out) < k:
            w = self.who(True)
            if w not in out:
                out.append(w)
        return out

    def k_all(self):
        ws = self.two_three()
        lst = ", ".join(ws[:-1]) + " and " + ws[-1]
        t = self.r.choice(["{l} both have to sign", "both {l} must approve",
                           "{l} all sign off together", "countersigned by {l}",
                           "{l} sign jointly", "{l} must all approve", "{l} all need to approve",
                           "{o} {l} both approve", "it needs sign-off from both {l}",
                           "{l} countersign", "{l} approve together"])
        return ["countersign"], cap(t.format(l=lst, o=self.r.choice(ORD_EN)).strip())

    def k_any(self):
        ws = self.two_three()
        lst = ", ".join(ws[:-1]) + " or " + ws[-1]
        t = self.r.choice(["either {l} approves", "{l} can approve", "one of {l} signs off",
                           "any one of {l} may approve", "{l} approves", "either {l} signs",
                           "{o} either {l} approves", "approval by {l} is enough",
                           "{l}, whoever is available, approves"])
        return ["or_sign"], cap(t.format(l=lst, o=self.r.choice(ORD_EN)).strip())

    def party(self, slot):
        r = self.r.choice(EN_ROLES + EN_MANAGERS[:4])
        if r.startswith("the ") and self.r.random() < 0.7:
            return "the [%s](%s)" % (r[4:], slot)
        return "[%s](%s)" % (r, slot)

    def k_reject(self):
        a, b = self.party("from_step"), self.party("to_step")
        t = self.r.choice([
            "if {a} rejects, it goes back to {b}", "a rejection by {a} sends it back to {b}",
            "when {a} declines, return it to {b}", "{a} can send it back to {b}",
            "if {a} says no, it returns to {b}", "rejected by {a} means back to {b}",
            "if {a} rejects it, {b} has to look at it again", "{a} rejecting sends it to {b} again",
            "if {a} rejects, the request returns to {b} for revision",
            "on rejection by {a}, return to {b}", "a no from {a} sends it back to {b}",
            "if {a} turns it down, it goes back to {b}", "rejected at {a}? back to {b}"])
        return ["rejection"], cap(t.format(a=a, b=b))

    def k_reject_half(self):
        if self.r.random() < 0.5:
            return ["rejection"], cap(self.r.choice(["if {a} rejects", "when {a} declines",
                                                      "if {a} says no", "if {a} turns it down"]).format(a=self.party("from_step")))
        return ["rejection"], self.r.choice(["it goes back to {b}", "send it back to {b}",
                                             "it returns to {b}", "back to {b}"]).format(b=self.party("to_step"))

    def k_timeout(self):
        a, b = self.party("from_step"), self.party("to_step")
        d = self.r.choice(["48 hours", "2 days", "24 hours", "3 days", "72h", "one week", "5 working days", "12 hours"])
        t = self.r.choice([
            "if {a} does not decide within [{d}](duration), escalate to {b}",
            "{a} has [{d}](duration) to decide, otherwise it goes to {b}",
            "after [{d}](duration) without an answer from {a}, {b} decides",
            "escalate to {b} if {a} takes longer than [{d}](duration)"])
        return ["timeout"], cap(t.format(a=a, b=b, d=d))

    def k_copy(self):
        ws = [self.who(True) for _ in range(self.r.choice([1, 1, 2]))]
        lst = " and ".join(ws)
        t = self.r.choice(["copy {l}", "cc {l}", "{l} gets a copy", "keep {l} informed",
                           "notify {l} when it is done", "send a copy to {l}", "{l} should be copied",
                           "inform {l} afterwards", "{l} is notified at the end",
                           "keep {l} in the loop", "{l} should be kept informed", "FYI to {l}",
                           "{l} receives a notification", "let {l} know", "notify {l} once approved",
                           "CC: {l}", "also cc {l}", "{l} should be cc'd", "{l} gets notified",
                           "send the result to {l}", "{l} is copied on the outcome"])
        return ["copy_to"], cap(t.format(l=lst))

    def k_title(self):
        t = self.r.choice(TITLES_EN)
        tpl = self.r.choice(["make a [{t}](title) form", "Make an [{t}](title) form", "create a [{t}](title) form",
                             "I need a [{t}](title) form", "we need a new [{t}](title) form",
                             "The form is called [{T}](title)", "Form: [{T}](title)", "[{T}](title) form",
                             "build a form for [{t}](title)", "set up a [{t}](title) form",
                             "this is the [{t}](title) form", "Title: [{T}](title)",
                             "a form for [{t}](title) requests", "please create a [{t}](title) form",
                             "the form is named [{T}](title)", "New form: [{T}](title)",
                             "could you set up a form for [{t}](title)", "can you make a [{t}](title) form",
                             "we want a form for [{t}](title)", "need a quick form for [{t}](title)",
                             "for the new [{t}](title) form, please include this",
                             "the [{T}](title) form collects this"])
        intents, rest = ["title"], ""
        if self.r.random() < 0.2:
            i2, s2 = self.k_req() if self.r.random() < 0.5 else self.k_choice()
            intents += i2
            rest = self.r.choice([": ", " - ", ". "]) + s2
            if rest.startswith(". "):
                rest = ": " + s2
        return intents, cap(tpl.format(t=t, T=cap(t))) + rest

    def k_other(self):
        return ["other"], self.r.choice([
            "make it look nice and blue", "thanks", "please hurry", "use our company colours",
            "this is urgent", "let me know if you have questions", "it should work on phones",
            "the logo goes at the top", "please keep it simple", "hello team", "thank you very much",
            "we used paper for this until now", "it replaces the old Excel sheet",
            "the font should be large", "I hope this is clear", "ping me when it is live",
            "best regards", "it is for the Berlin office", "we will launch it next week",
            "nobody likes long forms", "Hi team", "Hello!", "Hi all", "Dear colleagues", "Thanks!",
            "thx", "Regards", "Cheers", "Hi", "Hello team", "Good morning", "Many thanks",
            "Thanks in advance", "see you", "Kind regards", "hey", "That's all", "ok thanks"])

    def k_fragment(self):
        x = self.r.random()
        pool = [o for _, os in EN_CHOICES for o in os] + EN_FIELDS
        a, b = self.r.sample(pool, 2)
        if self.r.random() < 0.4:
            a = cap(a)
        if x < 0.4:
            return ["fragment"], a
        if x < 0.6:
            return ["fragment"], "and " + a
        if x < 0.75:
            return ["fragment"], "or " + a
        if x < 0.9:
            return ["fragment"], a + " and " + b
        return ["fragment"], a + " or " + b


class Zh(En):
    def fields(self, k=None):
        k = k or self.r.choice([1, 1, 2, 2, 3, 3, 4])
        return self.r.sample(ZH_FIELDS, k)

    def who(self, with_person=True):
        x = self.r.random()
        if x < 0.2:
            return "[%s](manager)" % self.r.choice(ZH_MANAGERS)
        if with_person and x < 0.28:
            return "[%s](person)" % self.r.choice(ZH_PEOPLE)
        return "[%s](role)" % self.r.choice(ZH_ROLES)

    def cond(self):
        f = self.r.choice(ZH_NUMERIC)
        op = self.r.choice(ZH_OPS)
        v = self.r.choice(ZH_VALUES)
        unit = self.r.choice(["", "", "元", "天", "块", "万元"]) if not v.endswith("万") else self.r.choice(["", "元"])
        if self.r.random() < 0.2:
            return "[%s](cond_field)[在](op)[%s](value)%s[以上](op)" % (f, v, unit)
        return "[%s](cond_field)[%s](op)[%s](value)%s" % (f, op, v, unit)

    def choice_cond(self):
        f, opts = self.r.choice(ZH_CHOICES)
        return "[%s](cond_field)[是](op)[%s](value)" % (f, self.r.choice(opts))

    def k_req(self):
        f = zh_list(self.r, self.fields(), "field")
        t = self.r.choice(["{f}必填", "{f}为必填项", "{f}须填写", "{f}必须填写", "必填：{f}",
                           "{f}不能为空", "需要填写{f}", "{f}是必填的", "{f}都必填", "必填项：{f}",
                           "{f}必须提供", "{f}一定要填", "申请人必须填写{f}", "{f}（必填）",
                           "{f}均为必填", "{f}是必须的", "{f}一定要填", "{f}都要填", "{f}都得填",
                           "{f}要填写", "请填写{f}", "{f}这几项必填"])
        return ["fields_required"], t.format(f=f)

    def k_opt(self):
        f = zh_list(self.r, self.fields(), "field")
        t = self.r.choice(["{f}选填", "{f}可不填", "{f}可以不填", "{f}为选填项", "选填：{f}",
                           "{f}可以为空", "{f}非必填", "{f}可以空着", "{f}不是必填的", "{f}（选填）",
                           "{f}可填可不填", "{f}不强制填写", "{f}为可选项"])
        return ["fields_optional"], t.format(f=f)

    def k_plain(self):
        f = zh_list(self.r, self.fields(self.r.choice([2, 3, 4])), "field")
        t = self.r.choice(["表单包含{f}", "字段有{f}", "包括{f}", "表单有{f}", "需要收集{f}",
                           "填写内容包括{f}", "字段：{f}"])
        return ["fields_plain"], t.format(f=f)

    def k_type(self):
        f = self.r.choice(ZH_FIELDS)
        ty = self.r.choice(ZH_TYPES)
        if self.r.random() < 0.25:
            req = self.r.choice(["必填", "选填"])
            return (["field_type", "fields_required" if req == "必填" else "fields_optional"],
                    "[%s](field)是%s的[%s](type)" % (f, req, ty))
        t = self.r.choice(["{f}是{t}", "{f}为{t}", "{f}填{t}", "{f}（{t}）", "{f}：{t}",
                           "{f}格式为{t}", "{f}用{t}", "{f}是{t}类型", "{f}字段是{t}"])
        return ["field_type"], t.format(f="[%s](field)" % f, t="[%s](type)" % ty)

    def zopts(self, opts):
        k = min(len(opts), self.r.choice([2, 3, 4, 5]))
        chosen = opts[:k] if self.r.random() < 0.5 else self.r.sample(opts, k)
        return zh_list(self.r, chosen, "option", self.r.choice(["、", "、", "，", "或", "/", "和", "或者", "及"]))

    def k_choice(self):
        f, opts = self.r.choice(ZH_CHOICES)
        if self.r.random() < 0.3:
            f = self.r.choice(ZH_FIELDS)
        o = self.zopts(opts)
        F = "[%s](field)" % f
        if self.r.random() < 0.12:
            req = self.r.choice(["必填", "选填"])
            return (["choice", "fields_required" if req == "必填" else "fields_optional"],
                    "%s%s，下拉选择：%s" % (F, req, o))
        t = self.r.choice(["{f}是下拉：{o}", "{f}下拉选择：{o}", "{f}从{o}中选择", "{f}选项：{o}",
                           "{f}为单选，选项有{o}", "{f}分为{o}", "{f}可以是{o}", "{f}下拉框：{o}",
                           "{f}（下拉：{o}）", "{f}选择{o}之一", "{f}有{o}几种", "{f}：{o}任选其一",
                           "{f}的选项为{o}", "{f}做成下拉，包括{o}", "{f}请做成下拉框，选项为{o}",
                           "{f}可以选{o}", "{f}：{o}", "{f}分{o}几档", "{f}（{o}）"])
        return ["choice"], t.format(f=F, o=o)

    def k_multi(self):
        f, opts = self.r.choice(ZH_CHOICES)
        o = self.zopts(opts)
        t = self.r.choice(["{f}可多选：{o}", "{f}为多选，选项有{o}", "{f}多选：{o}"])
        return ["multi_choice"], t.format(f="[%s](field)" % f, o=o)

    def zverb(self):
        return self.r.choice(["审批", "审核", "签字", "批准", "审批通过", "确认", "签批", "核准", "盖章",
                              "备案", "过目", "批", "把关"])

    def k_step(self):
        w = self.who()
        o = self.r.choice(ORD_ZH)
        if self.r.random() < 0.25:
            o = ""
        t = self.r.choice(["{w}{v}后", "{o}给{w}看", "{w}批了就行", "{o}{w}批", "{o}交给{w}{v}",
                           "{o}由{w}{v}", "{o}{w}{v}", "{o}{w}{v}", "{o}{w}{v}", "{o}交{w}{v}", "{o}需要{w}{v}",
                           "{o}提交{w}{v}", "{o}{w}", "{o}到{w}", "{o}送{w}{v}", "{o}经{w}{v}",
                           "{o}报{w}{v}", "{o}由{w}负责{v}", "{o}流转到{w}"])
        s = t.format(o=o, w=w, v=self.zverb())
        if self.r.random() < 0.1:
            n = self.r.choice(["第一", "第二", "第三", "最终"])
            s = self.r.choice(["%s审批人：%s" % (n, w), "%s级审批：%s" % (n[-1] if n != "最终" else "终", w),
                               "%s审批人是%s" % (n, w)])
        return ["approval_step"], s

    def k_cond_step(self):
        w = self.who(False)
        c = self.cond() if self.r.random() < 0.8 else self.choice_cond()
        v = self.r.choice(ZH_VALUES)
        t = self.r.choice(["如果{c}，{w}{vb}", "{c}的由{w}{vb}", "{c}时还需要{w}{vb}", "{c}需{w}{vb}",
                           "[超过](op)[{val}](value)还需要{w}{vb}", "[超过](op)[{val}](value)元的由{w}{vb}",
                           "{c}的，再由{w}{vb}", "若{c}，则由{w}{vb}", "{c}时，{w}也要{vb}",
                           "当{c}时由{w}{vb}", "{c}，需要{w}加签"])
        return ["approval_step"], t.format(c=c, w=w, vb=self.zverb(), val=v)

    def k_cond(self):
        c = self.cond() if self.r.random() < 0.8 else self.choice_cond()
        t = self.r.choice(["如果{c}", "{c}的", "若{c}", "当{c}时", "{c}时", "如{c}"])
        return ["condition"], t.format(c=c)

    def k_all(self):
        ws = self.two_three()
        lst = zh_list(self.r, [], "x") if False else self.r.choice(["、", "和"]).join(ws)
        t = self.r.choice(["{l}都要会签", "{l}会签", "由{l}共同审批", "{l}需同时审批", "{l}联合签字",
                           "{o}{l}会签", "{l}均需审批", "{l}一起审批", "需要{l}都同意"])
        return ["countersign"], t.format(l=lst, o=self.r.choice(ORD_ZH))

    def k_any(self):
        ws = self.two_three()
        lst = "或".join(ws) if self.r.random() < 0.7 else "、".join(ws)
        t = self.r.choice(["{l}审批即可", "{l}任一人审批", "由{l}审批", "{l}其中一人同意即可",
                           "{l}任意一人签字", "{o}{l}或签", "{l}或签"])
        return ["or_sign"], t.format(l=lst, o=self.r.choice(ORD_ZH))

    def party(self, slot):
        return "[%s](%s)" % (self.r.choice(ZH_ROLES + ZH_MANAGERS[:3]), slot)

    def k_reject(self):
        a, b = self.party("from_step"), self.party("to_step")
        t = self.r.choice(["{a}驳回至{b}", "{a}驳回时退回至{b}", "{a}不通过则打回给{b}",
                           "若{a}驳回，退回{b}修改", "{a}驳回则退回{b}", "如果{a}拒绝，退回给{b}", "{a}驳回后返回{b}重新审批",
                           "{a}不同意的话退回{b}", "被{a}驳回时退回到{b}", "{a}驳回，退回{b}"])
        return ["rejection"], t.format(a=a, b=b)

    def k_reject_half(self):
        if self.r.random() < 0.5:
            return ["rejection"], self.r.choice(["如果{a}驳回", "{a}拒绝的话", "若{a}不同意"]).format(a=self.party("from_step"))
        return ["rejection"], self.r.choice(["退回{b}", "退回给{b}", "返回{b}重新审批"]).format(b=self.party("to_step"))

    def k_timeout(self):
        a, b = self.party("from_step"), self.party("to_step")
        d = self.r.choice(["48小时", "两天", "24小时", "3天", "一周", "72小时"])
        t = self.r.choice(["{a}[{d}](duration)未审批则升级到{b}", "{a}超过[{d}](duration)未处理，转交{b}",
                           "如果{a}[{d}](duration)内没有审批，交给{b}"])
        return ["timeout"], t.format(a=a, b=b, d=d)

    def k_copy(self):
        ws = [self.who(True) for _ in range(self.r.choice([1, 1, 2]))]
        lst = "和".join(ws)
        t = self.r.choice(["抄送{l}", "审批完成后抄送{l}", "同时知会{l}", "结果通知{l}", "抄送给{l}",
                           "完成后通知{l}", "抄送：{l}", "并抄送{l}", "知会{l}", "通过后通知{l}",
                           "审批结果同步给{l}", "最后抄送{l}备案"])
        return ["copy_to"], t.format(l=lst)

    def k_title(self):
        t = self.r.choice(TITLES_ZH)
        tpl = self.r.choice(["麻烦做一个[{t}](title)表单", "弄个[{t}](title)", "帮忙建一个[{t}](title)",
                             "[{t}](title)：", "表单名称：[{t}](title)", "做一个[{t}](title)表",
                             "新建[{t}](title)", "[{t}](title)", "创建一个[{t}](title)",
                             "表单叫[{t}](title)", "我要一个[{t}](title)", "设计一张[{t}](title)"])
        s = tpl.format(t=t)
        intents = ["title"]
        if s.endswith("：") or self.r.random() < 0.15:
            i2, s2 = self.k_req() if self.r.random() < 0.5 else self.k_choice()
            intents += i2
            s = s + ("" if s.endswith("：") else "：") + s2
        return intents, s

    def k_other(self):
        return ["other"], self.r.choice(["谢谢", "尽快上线", "界面要好看", "麻烦了", "这个比较急",
                                         "用公司的颜色", "手机上也要能用", "以前是纸质的",
                                         "有问题随时找我", "下周上线", "字体大一点", "辛苦了", "各位好", "大家好",
                                         "谢谢！", "你好", "多谢", "麻烦尽快", "就这些", "辛苦各位"])

    def k_fragment(self):
        pool = [o for _, os in ZH_CHOICES for o in os] + ZH_FIELDS
        a, b = self.r.sample(pool, 2)
        x = self.r.random()
        if x < 0.5:
            return ["fragment"], a
        if x < 0.8:
            return ["fragment"], self.r.choice(["和", "以及", "或", "还有"]) + a
        return ["fragment"], a + self.r.choice(["和", "、", "或"]) + b


def write(path, gen, count, header):
    seen, rows = set(), {}
    tries = 0
    while len(seen) < count and tries < count * 20:
        tries += 1
        intents, text = gen.statement()
        key = (tuple(intents), text)
        if text in {t for _, t in seen}:
            continue
        seen.add(key)
        rows.setdefault(", ".join(intents), []).append(text)
    with open(path, "w", encoding="utf-8") as out:
        out.write(header)
        for intents in sorted(rows):
            out.write("\n## %s: %s\n" % ("intents" if "," in intents else "intent", intents))
            for t in rows[intents]:
                out.write("- %s\n" % t)
    print(path, len(seen))


if __name__ == "__main__":
    write("statements.en.md", En(random.Random(SEED)), EN_COUNT,
          "# office-approval intake statements, English (generated by generate.py; edit that, not this)\n")
    write("statements.zh.md", Zh(random.Random(SEED + 1)), ZH_COUNT,
          "# office-approval intake statements, Chinese (generated by generate.py; edit that, not this)\n")
