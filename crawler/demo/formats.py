"""The demo's attachments in every format government sites attach (issue 14, the documents
behind the notices): binary Word, Kingsoft ``.wps`` and ``.et``, ``.xls``/``.xlsx``, ``.docx``,
``.rtf``, ``.ofd``, a PDF with a text layer, a scan of the red-header original (a PDF of one
image, read only by OCR) and a ZIP bundle, which the archive keeps but does not read.

They hang on one notice, the call for comments on a draft (征求意见): the draft and its
explanation, a feedback form, statistics, the scan of the signed original, as such calls
publish them. Each file's text holds a word that nothing else in the demo says (``word``), so
a search for it finds the notice by that file's text alone; the truth for the tests.

Real files (``data/attachments``, provenance in its README) where a format is impractical to
write here; the rest are made in code (:mod:`crawler.demo.documents`), the same on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .assets import rtf_doc
from .content import DATA
from .documents import bundle, docx, ofd, pdf_chinese, xls, xlsx

SHIPPED = DATA / "attachments"


@dataclass(frozen=True)
class DemoFile:
    """One attachment: the link text (its name on the site), what the site says it is, the
    format of its bytes, how they are made, and the word only its text holds (None: a file without readable
    text; ``ocr``: read only by OCR)."""

    name: str
    content_type: str
    format: str | None  # what the bytes are (names lie: the .wps is a DOCX, the .et BIFF8)
    make: Callable[[], bytes]
    word: str | None
    ocr: bool = False

    @property
    def extension(self) -> str:
        return self.name.rsplit(".", 1)[1]


def _shipped(name: str) -> Callable[[], bytes]:
    return lambda: (SHIPPED / name).read_bytes()


_DRAFT = [
    "广安市统战信息工作办法（征求意见稿）",
    "第一条 为规范全市统战信息工作，提高信息报送质量，制定本办法。",
    "第二条 各区市县委统战部设立信息直报点，明确一名信息员负责日常报送。",
    "第三条 信息报送坚持真实、准确、及时的原则，重要情况随时报告。",
]
_EXPLANATION = [
    "关于《广安市统战信息工作办法（征求意见稿）》的起草说明",
    "办法起草过程中，经三轮集中修改，广泛听取了各区市县委统战部和市级各民主党派的意见。",
    "办法共十二条，重点明确了信息报送的范围、程序和考评要求。",
]
_FORM = [["序号", "条款", "修改建议", "理由"], ["1", "", "", ""], ["2", "", "", ""],
         ["填表说明：请注明建议条款号，每条建议单独一行。"]]
_STATISTICS = [["单位", "报送篇数", "采用篇数", "备注"], ["广安区", "46", "12", ""],
               ["前锋区", "31", "9", ""], ["华蓥市", "28", "7", ""], ["岳池县", "35", "11", ""]]
_LAYOUT = ["广安市统战信息工作办法（征求意见稿）", "版式归档件，与纸质文件一致。",
           "第四条 信息员年度考评结果作为评先评优的依据。"]
_TEXT_PDF = ["广安市统战信息工作办法（征求意见稿）", "第五条 市委统战部每季度通报信息采用情况，",
             "对信息工作先进单位予以表扬。"]

FILES: tuple[DemoFile, ...] = (
    DemoFile("广安市统战信息工作办法（征求意见稿）.docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
             lambda: docx(_DRAFT), "信息直报点"),
    DemoFile("起草说明.rtf", "application/rtf", "rtf",
             lambda: rtf_doc(_EXPLANATION[0], _EXPLANATION[1:]), "三轮集中修改"),
    DemoFile("意见反馈表.xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
             lambda: xlsx("意见反馈表", _FORM), "建议条款号"),
    DemoFile("2019年统战信息报送情况统计表.xls", "application/vnd.ms-excel", "xls",
             lambda: xls("统计表", _STATISTICS), "采用篇数"),
    DemoFile("信息员名单（样表）.et", "application/octet-stream", "xls", _shipped("sheet.xls"),
             "Copernicus"),
    DemoFile("征求意见稿（WPS版）.wps", "application/vnd.ms-works", "docx", _shipped("docx-named.wps"),
             "知道商城"),
    DemoFile("征求意见稿（版式文件）.ofd", "application/ofd", "ofd", lambda: ofd(_LAYOUT),
             "版式归档件"),
    DemoFile("征求意见稿（文字版）.pdf", "application/pdf", "pdf", lambda: pdf_chinese(_TEXT_PDF),
             "信息工作先进单位"),
    DemoFile("原件扫描件.pdf", "application/pdf", "pdf", _shipped("scan.pdf"), "防汛抗旱", ocr=True),
    DemoFile("学习参考资料.doc", "application/msword", "doc", _shipped("word97.doc"), "蜜蜂的刺"),
    DemoFile("全部附件打包下载.zip", "application/zip", None,
             lambda: bundle({"征求意见稿.docx": docx(_DRAFT), "意见反馈表.xlsx": xlsx("意见反馈表", _FORM)}),
             None),
)
BY_NAME = {f.name: f for f in FILES}


@cache
def body(name: str) -> bytes:
    """The bytes of the demo file linked as ``name``."""
    return BY_NAME[name].make()
