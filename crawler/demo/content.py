"""Deterministic text for the demo sites: the seed pages, and notices generated from them.

Everything here is a pure function of its arguments and a ``random.Random`` seeded with a
constant, so every build of the demo is byte-identical. Generated notices reuse the seed
paragraphs (real notice prose) under generated headlines, dates, 文号 and signatures.
"""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC

DATA = Path(__file__).parent / "data"
SEED_IDS = ("000", "001", "002", "003", "004")

#: Expected-record flag names that differ from crawler.items.FLAGS, or are not flags there.
_FLAG_ALIASES = {"pinyin_annotations": "pinyin_removed"}
_NOT_FLAGS = {"image_captions", "trailing_attribution"}

#: The two mojibake stretches of seed 002 and the text the original page (天长先锋网) had.
MOJIBAKE_002 = (("当?shù)兀瑫翰环掂l(xiāng)", "当地,暂不返乡"), ("当?shù)攸h委", "当地党委"))


# -- seeds ---------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def seed_text(seed: str) -> str:
    """The seed page as captured text (chrome included)."""
    return (DATA / f"seed_{seed}.txt").read_text(encoding="utf-8")


def seed_lines(seed: str) -> list[str]:
    return [line.strip() for line in seed_text(seed).splitlines() if line.strip()]


@lru_cache(maxsize=None)
def _expected(seed: str) -> str:
    return (DATA / "expected" / f"seed_{seed}.json").read_text(encoding="utf-8")


def expected(seed: str) -> dict:
    """The cleaned record the seed page must become (a fresh copy)."""
    return json.loads(_expected(seed))


def expected_flags(seed: str) -> list[str]:
    names = [flag.split(":")[0].strip() for flag in expected(seed)["flags"]]
    return [_FLAG_ALIASES.get(n, n) for n in names if n not in _NOT_FLAGS]


def repaired_002() -> list[str]:
    """Seed 002's body as the original (天长先锋网) printed it: Simplified, no mojibake."""
    body = []
    for para in expected("002")["body"]:
        for damaged, original in MOJIBAKE_002:
            para = para.replace(damaged, original)
        body.append(para)
    return body


@lru_cache(maxsize=None)
def _pool() -> tuple[str, ...]:
    paras: list[str] = []
    for seed in SEED_IDS:
        body = repaired_002() if seed == "002" else expected(seed)["body"]
        if seed == "001":
            body = body[:-1]  # the last paragraph stops mid-sentence
        paras += [p for p in body if len(p) >= 60 and not p.startswith("图为")]
    return tuple(dict.fromkeys(paras))


def paragraph_pool() -> list[str]:
    """Long paragraphs of real notice prose from all five seeds (half-width punctuation)."""
    return list(_pool())


# -- text helpers --------------------------------------------------------------------------

_FULLWIDTH = str.maketrans({",": "，", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})


def fullwidth(text: str) -> str:
    """Half-width punctuation (as the seed captures have it) back to the full-width real
    pages use; a colon between digits (14:51) stays half-width."""
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text)
    return text.translate(_FULLWIDTH)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def cn_date(d: date) -> str:
    """2020年1月29日 (no zero padding), as signatures print dates."""
    return f"{d.year}年{d.month}月{d.day}日"


def cn_date_padded(d: date) -> str:
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


_S2T = OpenCC("s2t")
_T2S = OpenCC("t2s")


def s2t(text: str) -> str:
    return _S2T.convert(text)


def t2s(text: str) -> str:
    return _T2S.convert(text)


#: A reading pasted after a character, as the mirror does: 當(dāng).
READING_RE = re.compile(r"(?<=[\u3400-\u9fff])\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)")


def strip_readings(text: str) -> str:
    return READING_RE.sub("", text)


@lru_cache(maxsize=None)
def reading_table() -> dict[str, str]:
    """Character -> pinyin, harvested from the readings in seed 002 (first reading wins)."""
    table: dict[str, str] = {}
    for m in re.finditer(r"([\u3400-\u9fff])\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)", seed_text("002")):
        table.setdefault(m.group(1), m.group(2))
    return table


def add_readings(rng: random.Random, trad: str, rate: float = 0.85) -> str:
    """Paste readings after characters the table knows, most of the time (as seed 002 does)."""
    table = reading_table()
    out = []
    for ch in trad:
        out.append(ch)
        if ch in table and rng.random() < rate:
            out.append(f"({table[ch]})")
    return "".join(out)


def mojibake(text: str) -> str:
    """UTF-8 bytes read as GBK, unknown bytes shown as '?': the damage seed 002 carries."""
    return text.encode("utf-8").decode("gbk", errors="replace").replace("\ufffd", "?")


# -- dates, names, titles -------------------------------------------------------------------


def distinct_dates(rng: random.Random, first: date, last: date, n: int, taken: set[date]) -> list[date]:
    """n distinct dates in [first, last] not in ``taken`` (which is updated), newest first."""
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    free = [d for d in days if d not in taken]
    picked = sorted(rng.sample(free, n), reverse=True)
    taken.update(picked)
    return picked


def clock(rng: random.Random, d: date) -> datetime:
    return datetime(d.year, d.month, d.day, rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59))


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ["建国", "海燕", "志强", "晓东", "丽华", "文博", "春梅", "国庆", "卫东", "秀英",
         "明辉", "晓玲", "振华", "雪梅", "俊杰", "红霞", "永刚", "思远", "玉兰", "德明",
         "宏伟", "静", "敏", "磊", "婷", "勇", "霞", "涛", "洁", "鹏"]
#: Given names outside GB2312 (but inside GBK): they must survive the aspnet site's encoding.
GBK_ONLY_GIVEN = ["镕", "喆", "堃", "珺", "昇", "镕基", "喆明", "堃宇", "珺瑶", "昇平"]


def person(rng: random.Random, gbk_only: bool = False) -> str:
    given = rng.choice(GBK_ONLY_GIVEN if gbk_only else GIVEN)
    return rng.choice(SURNAMES) + given


class TitleMaker:
    """Distinct headlines from templates whose {slots} are filled from word lists."""

    def __init__(self, rng: random.Random, templates: list[str], slots: dict[str, list[str]], taken: set[str]):
        self.rng, self.templates, self.slots, self.taken = rng, templates, slots, taken

    def make(self, templates: list[str] | None = None, **fixed: str) -> str:
        """A headline not made before, from one of ``templates`` (default: the maker's)."""
        for _ in range(1000):
            tpl = self.rng.choice(templates or self.templates)
            title = re.sub(
                r"\{(\w+)\}",
                lambda m: fixed.get(m.group(1)) or self.rng.choice(self.slots[m.group(1)]),
                tpl,
            )
            if title not in self.taken:
                self.taken.add(title)
                return title
        raise RuntimeError(f"cannot make a new distinct title from {templates or self.templates!r}")


# -- article bodies -------------------------------------------------------------------------


@dataclass
class Block:
    """One paragraph of an article as rendered. ``kind``: p (paragraph), h (sub-heading),
    docno (文号 line), greet (salutation), sign / date (signature block), img (an image,
    ``src``; no text), caption (图为…), note (trailing attribution such as (办公室))."""

    kind: str
    text: str = ""
    src: str = ""


HEADINGS = [
    "提高政治站位", "强化责任担当", "凝聚智慧力量", "严守纪律规定", "加强宣传引导",
    "强力统筹,周密部署", "广泛发动,积极响应", "同心同向,奋力抗疫", "发挥组织优势 增强政治定力",
    "发挥资源优势 凝聚合力", "发挥智力优势 弘扬正能量", "明确工作目标", "突出工作重点",
    "压实工作责任", "加强组织领导", "注重工作实效", "完善工作机制", "抓好督促落实",
]
NUMERALS = "一二三四五六七八九十"


@dataclass
class Article:
    """A generated (or seed) article: the truth fields plus how to render it."""

    path: str
    title: str
    published: datetime | date
    channel: list[str]
    blocks: list[Block] = field(default_factory=list)
    subtitle: str | None = None
    subtitle_above: bool = True  # 引题 above the headline, else 副题 below it
    author: str | None = None
    source: str | None = None
    signed_by: str | None = None
    signed_date: date | None = None
    doc_number: str | None = None
    attachments: list[tuple[str, str]] = field(default_factory=list)
    seed: str | None = None
    flags: list[str] = field(default_factory=list)
    column: str = ""  # the site's own column key
    list_title: str | None = None  # what the list prints, when it differs from the title
    extra: dict = field(default_factory=dict)

    @property
    def day(self) -> date:
        return self.published.date() if isinstance(self.published, datetime) else self.published

    @property
    def iso(self) -> str:
        return self.published.isoformat()


def compose(
    rng: random.Random,
    *,
    lead: str | None = None,
    n: int = 4,
    greeting: str | None = None,
    docno: str | None = None,
    headings: str | None = None,  # None, "numbered" or "plain"
    sign: tuple[str, date] | None = None,
    full_width: bool = True,
    note: str | None = None,
) -> list[Block]:
    """An article body from seed prose: [文号] [称呼] [lead] paragraphs (with sub-headings)
    [signature org + date] [trailing note]."""
    fix = fullwidth if full_width else (lambda s: s)
    blocks: list[Block] = []
    if docno:
        blocks.append(Block("docno", docno))
    if greeting:
        blocks.append(Block("greet", fix(greeting)))
    if lead:
        blocks.append(Block("p", fix(lead)))
    paras = rng.sample(paragraph_pool(), n)
    heads = rng.sample(HEADINGS, n) if headings else []
    for i, para in enumerate(paras):
        # numbered heads open every other paragraph; plain ones never open the article
        if headings and (i % 2 == 0 if headings == "numbered" else i % 2 == 1):
            head = fix(heads[i])
            if headings == "numbered":
                head = f"{NUMERALS[len([b for b in blocks if b.kind == 'h'])]}、{head}"
            blocks.append(Block("h", head))
        blocks.append(Block("p", fix(para)))
    if sign:
        blocks.append(Block("sign", sign[0]))
        blocks.append(Block("date", cn_date(sign[1])))
    if note:
        blocks.append(Block("note", fix(note)))
    return blocks


#: Blocks a reader sees that are not the article's text: images, and a trailing credit line
#: （来源：某镇 某人）, which the seed README lists as chrome of 天长先锋网 (its source and
#: author go to the record's fields instead).
NOT_BODY = ("img", "credit")


def body_of(blocks: list[Block]) -> list[str]:
    """The truth body: every block's text but images' and credits', stripped."""
    return [b.text.strip() for b in blocks if b.kind not in NOT_BODY and b.text.strip()]


def related(articles: list[Article], current: Article, n: int = 6) -> list[Article]:
    """A sidebar's 相关新闻: the n articles after ``current`` in list order (wrapping)."""
    others = [a for a in articles if a.path != current.path]
    if not others:
        return []
    start = next((i for i, a in enumerate(articles) if a.path == current.path), 0)
    ring = others[start:] + others[:start]
    return ring[:n]


# -- vocabulary shared by the generated headlines ---------------------------------------------

TOPICS = [
    "疫情防控", "复工复产", "脱贫攻坚", "民主监督", "提案办理", "委员履职", "社情民意信息",
    "文史资料征集", "乡村振兴", "优化营商环境", "生态环境保护", "基层协商民主", "黄河流域生态保护",
    "理论学习", "作风建设", "安全生产", "招商引资", "民族团结进步", "网络安全", "志愿服务",
    "老旧小区改造", "义务教育均衡发展", "公共卫生体系建设", "农村人居环境整治", "城市精细化管理",
    "非公有制经济发展", "养老服务体系建设", "垃圾分类", "文明城市创建", "科技创新",
]
