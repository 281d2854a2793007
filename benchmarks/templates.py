"""Number-bearing sentences of the benchmark corpus, each with the headline facts it states.

Every template covers one construction that extraction reads (see spec/facts.md): a level
and its growth in one clause, 分别 over shared heads, 均, "A、B增长8%左右", 万/亿, ‰,
下降, 个百分点, 左右/以上/以内/控制在, 力争, 预计, "到2027年" targets, and counts outside the
headline table (新建幼儿园5所), which must yield no headline fact. A figure is written
first as text and its value is read back from that text, so the expected value is exactly
what the sentence says.
"""
from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal

YI, WAN = Decimal(100_000_000), Decimal(10_000)


@dataclass(frozen=True)
class Expected:
    """A headline fact the generator wrote, in the fields that scoring compares."""
    kind: str
    year: int
    indicator: str
    measure: str
    value: float
    unit: str
    comparator: str = "exact"
    strive: bool = False
    estimated: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Sentence:
    text: str
    facts: list[Expected] = field(default_factory=list)


class Figures:
    """Plausible figures for one region in one year, and how a report writes them."""

    def __init__(self, rng: random.Random, size: float, review_year: int):
        self.rng = rng
        # A county's economy: a few billion to a few hundred billion yuan, growing ~9% a year.
        self.gdp = size * 15e9 * 1.09 ** (review_year - 2005)
        self.income = 9000 * 1.09 ** (review_year - 2005) * rng.uniform(0.8, 1.25)
        self.size = size

    def pct(self, lo: float, hi: float, digits: int = 1) -> tuple[str, float]:
        text = f"{self.rng.uniform(lo, hi):.{digits}f}"
        return text, float(text)

    def money(self, yuan: float, currency: str = "元") -> tuple[str, float]:
        """"405.4亿元" above a billion, "8562万元" below."""
        if yuan >= 1e9:
            text = f"{yuan / 1e8:.1f}"
            return f"{text}亿{currency}", float(Decimal(text) * YI)
        text = f"{yuan / 1e4:.0f}"
        return f"{text}万{currency}", float(Decimal(text) * WAN)

    def count(self, n: float, unit: str) -> tuple[str, float]:
        """"8000人", "1.72万户" (large counts in 万)."""
        if n >= 50_000 and self.rng.random() < 0.7:
            text = f"{n / 1e4:.2f}"
            return f"{text}万{unit}", float(Decimal(text) * WAN)
        text = f"{round(n, -1 if n > 100 else 0):.0f}"
        return f"{text}{unit}", float(text)


ESTIMATE_LEAD = "据初步核算,"


def join(sentences: list[Sentence]) -> Sentence:
    """Several clauses as one sentence, as a report's summary paragraph writes them. A lead
    such as "据初步核算," qualifies every figure after it in the sentence, not only its own."""
    facts: list[Expected] = []
    estimated = False
    for s in sentences:
        estimated = estimated or s.text.startswith(ESTIMATE_LEAD)
        facts += [replace(f, estimated=True) if estimated and f.kind == "outcome" else f for f in s.facts]
    return Sentence(",".join(s.text for s in sentences), facts)


def _o(year: int, code: str, measure: str, value: float, unit: str, comparator: str = "exact",
       estimated: bool = False) -> Expected:
    return Expected("outcome", year, code, measure, value, unit, comparator, False, estimated)


def _t(year: int, code: str, measure: str, value: float, unit: str, comparator: str = "exact",
       strive: bool = False) -> Expected:
    return Expected("target", year, code, measure, value, unit, comparator, strive, False)


# ---- outcomes: the review of the past year ------------------------------------------------
# Each function takes (figures, review year) and returns one Sentence.

def gdp_outcome(f: Figures, y: int) -> Sentence:
    level, v = f.money(f.gdp)
    g, gv = f.pct(3, 11)
    style = f.rng.randrange(3)
    if style == 0:
        return Sentence(f"全年完成地区生产总值{level},同比增长{g}%",
                        [_o(y, "gdp", "level", v, "元"), _o(y, "gdp", "growth", gv, "%")])
    if style == 1:
        return Sentence(f"预计全年地区生产总值{level},增长{g}%",
                        [_o(y, "gdp", "level", v, "元", estimated=True),
                         _o(y, "gdp", "growth", gv, "%", estimated=True)])
    return Sentence(f"{ESTIMATE_LEAD}全县生产总值达到{level}、增长{g}%",
                    [_o(y, "gdp", "level", v, "元", estimated=True),
                     _o(y, "gdp", "growth", gv, "%", estimated=True)])


def budget_outcome(f: Figures, y: int) -> Sentence:
    level, v = f.money(f.gdp * f.rng.uniform(0.04, 0.09))
    g, gv = f.pct(2, 15)
    name = f.rng.choice(["一般公共预算收入", "地方一般公共预算收入", "公共财政预算收入"])
    return Sentence(f"完成{name}{level},增长{g}%",
                    [_o(y, "general_budget_revenue", "level", v, "元"),
                     _o(y, "general_budget_revenue", "growth", gv, "%")])


def investment_outcome(f: Figures, y: int) -> Sentence:
    g, gv = f.pct(1, 20)
    if f.rng.random() < 0.2:
        return Sentence(f"受项目储备不足影响,固定资产投资下降{g}%",
                        [_o(y, "fixed_asset_investment", "growth", -gv, "%")])
    level, v = f.money(f.gdp * f.rng.uniform(0.5, 0.9))
    return Sentence(f"固定资产投资{level}、增长{g}%",
                    [_o(y, "fixed_asset_investment", "level", v, "元"),
                     _o(y, "fixed_asset_investment", "growth", gv, "%")])


def retail_outcome(f: Figures, y: int) -> Sentence:
    level, v = f.money(f.gdp * f.rng.uniform(0.25, 0.45))
    g, gv = f.pct(4, 14)
    return Sentence(f"社会消费品零售总额{level},增长{g}%",
                    [_o(y, "retail_sales", "level", v, "元"), _o(y, "retail_sales", "growth", gv, "%")])


def income_outcome(f: Figures, y: int) -> Sentence:
    urban, rural = f.income, f.income * f.rng.uniform(0.4, 0.55)
    gu, guv = f.pct(5, 10)
    gr, grv = f.pct(6, 12)
    rural_code = "rural_net_income" if y < 2014 else "rural_disposable_income"
    if rural_code == "rural_net_income":
        u, uv = f"{urban:.0f}", float(f"{urban:.0f}")
        r, rv = f"{rural:.0f}", float(f"{rural:.0f}")
        return Sentence(f"城镇居民人均可支配收入{u}元,增长{gu}%,农民人均纯收入{r}元,增长{gr}%",
                        [_o(y, "urban_disposable_income", "level", uv, "元"),
                         _o(y, "urban_disposable_income", "growth", guv, "%"),
                         _o(y, rural_code, "level", rv, "元"), _o(y, rural_code, "growth", grv, "%")])
    if f.rng.random() < 0.5:
        u, r = f"{urban / 1e4:.2f}", f"{rural / 1e4:.2f}"
        return Sentence(f"城镇、农村居民人均可支配收入预计{u}万元、{r}万元",
                        [_o(y, "urban_disposable_income", "level", float(Decimal(u) * WAN), "元", estimated=True),
                         _o(y, rural_code, "level", float(Decimal(r) * WAN), "元", estimated=True)])
    u, r = f"{urban:.0f}", f"{rural:.0f}"
    return Sentence(f"城镇、农村居民人均可支配收入分别达到{u}元、{r}元,分别增长{gu}%、{gr}%",
                    [_o(y, "urban_disposable_income", "level", float(u), "元"),
                     _o(y, rural_code, "level", float(r), "元"),
                     _o(y, "urban_disposable_income", "growth", guv, "%"),
                     _o(y, rural_code, "growth", grv, "%")])


def industry_outcome(f: Figures, y: int) -> Sentence:
    if f.rng.random() < 0.5:
        a, av = f.pct(5, 25)
        b, bv = f.pct(5, 25)
        c, cv = f.pct(5, 35)
        return Sentence(f"规模以上工业总产值、主营业务收入、利税同比分别增长{a}%、{b}%、{c}%",
                        [_o(y, "industrial_output", "growth", av, "%"),
                         _o(y, "industrial_revenue", "growth", bv, "%"),
                         _o(y, "industrial_profit_tax", "growth", cv, "%")])
    g, gv = f.pct(4, 15)
    return Sentence(f"规模以上工业增加值增长{g}%", [_o(y, "industrial_value_added", "growth", gv, "%")])


def finance_outcome(f: Figures, y: int) -> Sentence:
    dep, dv = f.money(f.gdp * f.rng.uniform(0.06, 0.15))
    loan, lv = f.money(f.gdp * f.rng.uniform(0.05, 0.12))
    if f.rng.random() < 0.3:
        return Sentence(f"新增存款{dep},新增贷款{loan}",
                        [_o(y, "new_deposits", "level", dv, "元"), _o(y, "new_loans", "level", lv, "元")])
    return Sentence(f"新增存、贷款分别为{dep}、{loan}",
                    [_o(y, "new_deposits", "level", dv, "元"), _o(y, "new_loans", "level", lv, "元")])


def jobs_outcome(f: Figures, y: int) -> Sentence:
    jobs, jv = f.count(f.size * f.rng.uniform(3000, 9000), "人")
    rate, rv = f.pct(1.8, 4.2, 2)
    return Sentence(f"城镇新增就业{jobs},城镇登记失业率{rate}%",
                    [_o(y, "new_urban_jobs", "level", jv, "人"),
                     _o(y, "registered_unemployment_rate", "level", rv, "%")])


def trade_outcome(f: Figures, y: int) -> Sentence:
    level, v = f.money(f.gdp * f.rng.uniform(0.05, 0.2) / 6.5, "美元")
    g, gv = f.pct(2, 25)
    return Sentence(f"进出口总额{level},增长{g}%",
                    [_o(y, "trade_total", "level", v, "美元"), _o(y, "trade_total", "growth", gv, "%")])


def fdi_outcome(f: Figures, y: int) -> Sentence:
    level, v = f.money(f.size * f.rng.uniform(1e7, 8e7), "美元")
    return Sentence(f"实际利用外资{level}", [_o(y, "foreign_investment_used", "level", v, "美元")])


def energy_outcome(f: Figures, y: int) -> Sentence:
    d, dv = f.pct(1, 6)
    name = f.rng.choice(["单位GDP能耗", "万元GDP能耗", "单位地区生产总值能耗"])
    return Sentence(f"{name}下降{d}%", [_o(y, "energy_intensity", "growth", -dv, "%")])


def population_outcome(f: Figures, y: int) -> Sentence:
    p, pv = f.pct(1, 7, 2)
    return Sentence(f"人口自然增长率{p}‰",
                    [_o(y, "population_growth_rate", "level", float(Decimal(p) / 10), "%")])


def market_outcome(f: Figures, y: int) -> Sentence:
    total = f.size * f.rng.uniform(2e4, 8e4)
    new, nv = f.count(total * f.rng.uniform(0.1, 0.2), "户")
    all_, av = f.count(total, "户")
    return Sentence(f"新登记市场主体{new}、总数达到{all_}",
                    [_o(y, "new_market_entities", "level", nv, "户"),
                     _o(y, "market_entities", "level", av, "户")])


def grain_outcome(f: Figures, y: int) -> Sentence:
    t = f"{f.size * f.rng.uniform(15, 60):.1f}"
    return Sentence(f"粮食总产量{t}万吨", [_o(y, "grain_output", "level", float(Decimal(t) * WAN), "吨")])


def services_outcome(f: Figures, y: int) -> Sentence:
    level, v = f.money(f.gdp * f.rng.uniform(0.35, 0.55))
    g, gv = f.pct(5, 12)
    return Sentence(f"服务业增加值{level},增长{g}%",
                    [_o(y, "services_value_added", "level", v, "元"),
                     _o(y, "services_value_added", "growth", gv, "%")])


def cpi_outcome(f: Figures, y: int) -> Sentence:
    c, cv = f.pct(0.5, 3.5)
    return Sentence(f"居民消费价格涨幅控制在{c}%", [_o(y, "cpi", "growth", cv, "%", "at_most")])


def rd_outcome(f: Figures, y: int) -> Sentence:
    r, rv = f.pct(0.8, 3)
    p, pv = f.pct(0.1, 0.5)
    return Sentence(f"研发投入占GDP比重达到{r}%,提高{p}个百分点",
                    [_o(y, "rd_intensity", "level", rv, "%"), _o(y, "rd_intensity", "change", pv, "pp")])


def fiscal_total_outcome(f: Figures, y: int) -> Sentence:
    level, v = f.money(f.gdp * f.rng.uniform(0.07, 0.14))
    return Sentence(f"财政总收入突破{level}", [_o(y, "fiscal_revenue_total", "level", v, "元", "at_least")])


OUTCOMES = [gdp_outcome, budget_outcome, investment_outcome, retail_outcome, income_outcome,
            industry_outcome, finance_outcome, jobs_outcome, trade_outcome, fdi_outcome,
            energy_outcome, population_outcome, market_outcome, grain_outcome, services_outcome,
            cpi_outcome, rd_outcome, fiscal_total_outcome]


# ---- targets: the plan for the coming year ------------------------------------------------
# Each function takes (figures, plan year) and returns one Sentence.

def gdp_target(f: Figures, y: int) -> Sentence:
    g, gv = f.pct(5, 10, 0 if f.rng.random() < 0.6 else 1)
    style = f.rng.randrange(3)
    if style == 0:
        return Sentence(f"地区生产总值增长{g}%左右", [_t(y, "gdp", "growth", gv, "%", "approx")])
    if style == 1:
        return Sentence(f"力争地区生产总值增长{g}%", [_t(y, "gdp", "growth", gv, "%", strive=True)])
    return Sentence(f"地区生产总值增长{g}%以上", [_t(y, "gdp", "growth", gv, "%", "at_least")])


def pair_target(f: Figures, y: int) -> Sentence:
    g, gv = f.pct(6, 12, 0)
    return Sentence(f"固定资产投资、社会消费品零售总额增长{g}%左右",
                    [_t(y, "fixed_asset_investment", "growth", gv, "%", "approx"),
                     _t(y, "retail_sales", "growth", gv, "%", "approx")])


def income_target(f: Figures, y: int) -> Sentence:
    g, gv = f.pct(6, 10, 0)
    rural = "农民人均纯收入" if y <= 2014 else "农村居民人均可支配收入"
    code = "rural_net_income" if y <= 2014 else "rural_disposable_income"
    return Sentence(f"城镇居民人均可支配收入和{rural}均增长{g}%左右",
                    [_t(y, "urban_disposable_income", "growth", gv, "%", "approx"),
                     _t(y, code, "growth", gv, "%", "approx")])


def budget_target(f: Figures, y: int) -> Sentence:
    g, gv = f.pct(3, 10, 0)
    return Sentence(f"一般公共预算收入增长{g}%以上",
                    [_t(y, "general_budget_revenue", "growth", gv, "%", "at_least")])


def unemployment_target(f: Figures, y: int) -> Sentence:
    r, rv = f.pct(3, 4.5)
    return Sentence(f"城镇登记失业率控制在{r}%以内",
                    [_t(y, "registered_unemployment_rate", "level", rv, "%", "at_most")])


def jobs_target(f: Figures, y: int) -> Sentence:
    jobs, jv = f.count(f.size * f.rng.uniform(3000, 9000), "人")
    return Sentence(f"新增城镇就业{jobs}以上", [_t(y, "new_urban_jobs", "level", jv, "人", "at_least")])


def population_target(f: Figures, y: int) -> Sentence:
    p, _ = f.pct(5, 8, 0)
    return Sentence(f"人口自然增长率控制在{p}‰以内",
                    [_t(y, "population_growth_rate", "level", float(Decimal(p) / 10), "%", "at_most")])


def energy_target(f: Figures, y: int) -> Sentence:
    d, dv = f.pct(2, 4)
    return Sentence(f"单位GDP能耗下降{d}%", [_t(y, "energy_intensity", "growth", -dv, "%")])


def cpi_target(f: Figures, y: int) -> Sentence:
    return Sentence("居民消费价格涨幅控制在3%左右", [_t(y, "cpi", "growth", 3.0, "%", "approx")])


def trade_target(f: Figures, y: int) -> Sentence:
    g, gv = f.pct(3, 10, 0)
    return Sentence(f"进出口总额增长{g}%", [_t(y, "trade_total", "growth", gv, "%")])


def fdi_target(f: Figures, y: int) -> Sentence:
    level, v = f.money(f.size * f.rng.uniform(1e7, 8e7), "美元")
    return Sentence(f"力争实际利用外资{level}",
                    [_t(y, "foreign_investment_used", "level", v, "美元", strive=True)])


def industry_target(f: Figures, y: int) -> Sentence:
    g, gv = f.pct(6, 12, 0)
    return Sentence(f"规模以上工业增加值增长{g}%",
                    [_t(y, "industrial_value_added", "growth", gv, "%")])


def horizon_target(f: Figures, y: int) -> Sentence:
    """"到2027年,地区生产总值突破600亿元": a target for a later year."""
    later = y + f.rng.randint(1, 3)
    level, v = f.money(f.gdp * 1.09 ** (later - y + 1) * 1.05)
    if f.rng.random() < 0.5:
        return Sentence(f"到{later}年,地区生产总值突破{level}",
                        [_t(later, "gdp", "level", v, "元", "at_least")])
    revenue, rv = f.money(f.gdp * 0.08 * 1.09 ** (later - y + 1))
    return Sentence(f"到{later}年,一般公共预算收入力争达到{revenue}",
                    [_t(later, "general_budget_revenue", "level", rv, "元", strive=True)])


def grain_target(f: Figures, y: int) -> Sentence:
    t = f"{f.size * f.rng.uniform(15, 60):.1f}"
    return Sentence(f"粮食总产量稳定在{t}万吨以上",
                    [_t(y, "grain_output", "level", float(Decimal(t) * WAN), "吨", "at_least")])


TARGETS = [gdp_target, pair_target, income_target, budget_target, unemployment_target,
           jobs_target, population_target, energy_target, cpi_target, trade_target, fdi_target,
           industry_target, horizon_target, grain_target]


# ---- figures outside the headline table ----------------------------------------------------

def counted(f: Figures, counts: dict) -> Sentence:
    """"新建乡镇幼儿园5所", sometimes two joined by 、: no headline fact."""
    parts = []
    for _ in range(f.rng.choice([1, 1, 2])):
        thing, unit, lo, hi = f.rng.choice(counts["things"])
        n = f.rng.randint(lo, hi)
        amount = f"{n / 1e4:.1f}万" if n >= 10_000 else str(n)
        parts.append(f"{f.rng.choice(counts['verbs'])}{f.rng.choice(counts['places'])}{thing}{amount}{unit}")
    return Sentence("、".join(parts))


def catalogued_other(f: Figures, y: int) -> Sentence:
    """Indicators of the catalog that scoring does not use: read, but not headline."""
    choice = f.rng.randrange(4)
    if choice == 0:
        r, _ = f.pct(40, 70)
        return Sentence(f"常住人口城镇化率达到{r}%")
    if choice == 1:
        r, _ = f.pct(20, 50)
        return Sentence(f"森林覆盖率提高到{r}%")
    if choice == 2:
        n, _ = f.count(f.size * f.rng.uniform(5e5, 3e6), "人次")
        return Sentence(f"接待游客{n}")
    level, _ = f.money(f.gdp * f.rng.uniform(0.05, 0.1))
    return Sentence(f"民生支出{level}")


def distractor(f: Figures, y: int) -> Sentence:
    """Figures that are not this year's headline facts: sums over years, relative rates."""
    choice = f.rng.randrange(3)
    if choice == 0:
        level, _ = f.money(f.gdp * 3)
        return Sentence(f"五年累计完成固定资产投资{level}")
    if choice == 1:
        p, _ = f.pct(0.5, 2)
        return Sentence(f"经济增速高于全省平均水平{p}个百分点")
    n = f.rng.randint(10, 60)
    return Sentence(f"获评省级以上荣誉{n}个")
