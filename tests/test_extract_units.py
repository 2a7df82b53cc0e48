"""Unit tests of the extraction modules: each case is one way a notice page could go wrong."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.extract import decode_html, extract_notice  # noqa: E402
from crawler.extract import chrome, dates, flags, infotable, media, script, signature  # noqa: E402
from crawler.extract.lines import build_lines  # noqa: E402
from crawler.extract.headline import cut_site_suffix  # noqa: E402
from crawler.extract.repair import parse, repair_markup  # noqa: E402
from crawler.extract.score import chrome_left, lcs_length, score_body  # noqa: E402
from crawler.extract.text import clean_space, key  # noqa: E402
from crawler.items import FLAGS, ListHint  # noqa: E402

TEXT = "市政协召开党组（扩大）会议，研究部署疫情防控工作。委员们积极建言献策，提出了许多意见建议。"


def page(body: str, title: str = "", head: str = "", charset: str = "utf-8") -> bytes:
    return (f'<html><head><meta charset="{charset}"><title>{title}</title>{head}</head>'
            f"<body>{body}</body></html>").encode("utf-8")


def article(*paragraphs: str, headline: str = "市政协召开党组会议", meta: str = "") -> bytes:
    ps = "".join(f"<p>{p}</p>" for p in paragraphs)
    return page(f'<div class="nav"><a href="/">首页</a><a href="/a">政协新闻</a></div>'
                f"<h1>{headline}</h1><div class=info>{meta}</div><div id=zoom>{ps}</div>"
                f'<div class="foot">版权所有：政协某市委员会 京ICP备12345678号</div>',
                title=f"{headline}_政协某市委员会")


# ---------------------------------------------------------------- decoding
@pytest.mark.parametrize("data, content_type, text, decision", [
    (b"\xef\xbb\xbf<p>\xe6\x94\xbf\xe5\x8d\x8f</p>", None, "政协", "utf-8 (bom)"),
    ("<meta charset=gb2312><p>政协</p>".encode("utf-8"), None, "政协", "utf-8 (declared gb2312 ignored)"),
    ("<meta charset=gb2312><p>朱镕基 王喆</p>".encode("gbk"), None, "朱镕基 王喆", "gb18030 (declared gb2312)"),
    ("<p>政协委员会议</p>".encode("gbk"), None, "政协委员会议", "gb18030"),
    ("<p>政协</p>".encode("gbk"), "text/html; charset=GBK", "政协", "gb18030 (declared gbk)"),
    ("<p>政协</p>".encode("gbk"), "text/html; charset=ISO-8859-1", "政协", "gb18030 (declared iso-8859-1 ignored)"),
    ("<p>政协</p>".encode("utf-8"), None, "政协", "utf-8"),
])
def test_decode(data, content_type, text, decision):
    decoded, got = decode_html(data, content_type)
    assert text in decoded and got == decision


def test_decode_broken_bytes_keep_text_and_say_so():
    decoded, decision = decode_html(b"<p>\xe6\x94\xbf\xff\xfe\xfd\xfc\x80</p>")
    assert decision == "utf-8 (replace)" and "\ufffd" in decoded


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize("text, iso", [
    ("2020年1月29日", "2020-01-29"),
    ("二〇二〇年一月二十九日", "2020-01-29"),
    ("二〇一二年三月五日", "2012-03-05"),
    ("2020.1.29", "2020-01-29"),
    ("2020/01/29", "2020-01-29"),
    ("发布时间：2020-01-29 14:51:33 点击：", "2020-01-29T14:51:33"),
    ("2019年06月15日08:18  来源：人民网", "2019-06-15T08:18:00"),
    ("2020年13月1日", None),
])
def test_parse_date(text, iso):
    assert dates.parse_date(text) == iso


def test_yearless_date_needs_context():
    found = dates.first_date("1月30日，市政协召开党组会议")
    assert found.year is None and found.iso() is None
    assert found.iso(dates.complete_year(found, "2020-02-03")) == "2020-01-30"
    december = dates.first_date("12月30日")
    assert dates.complete_year(december, "2021-01-02") == 2020


@pytest.mark.parametrize("url, iso", [
    ("https://www.gslzzx.gov.cn/art/2020/1/29/art_11753_847716.html", "2020-01-29"),
    ("http://www.bjzx.gov.cn/zxqk/202003/t20200324_28946.html", "2020-03-24"),
    ("http://tech.gmw.cn/2017-03/10/content_23937776.htm", "2017-03-10"),
    ("http://www.miaosu168.cn/Info/277071.aspx", None),
])
def test_date_from_url(url, iso):
    assert dates.date_from_url(url) == iso


def test_copyright_year_and_related_list_are_not_the_publish_date():
    data = page('<h2>市政协召开会议</h2><div class=t>' + "".join(f"<p>{TEXT}</p>" for _ in range(3))
                + '</div><div><h3>相关新闻</h3><ul><li><a href="/1">其他新闻</a> 2024-03-01</li></ul></div>'
                '<div>Copyright © 2008-2024 政协某市委员会</div>', title="市政协召开会议")
    notice = extract_notice(data, "http://example.invalid/1890.html")
    assert notice.published is None and "no_date" in notice.flags
    hinted = extract_notice(data, "http://example.invalid/1890.html",
                            ListHint("http://example.invalid/1890.html", published="2021-06-18"))
    assert hinted.published == "2021-06-18"


def test_yearless_header_date_takes_the_year_from_the_list():
    data = article(TEXT, TEXT, meta="发布时间：1月30日")
    hint = ListHint("http://example.invalid/1.html", published="2020-02-03")
    notice = extract_notice(data, "http://example.invalid/1.html", hint)
    assert notice.published == "2020-01-30" and "date_without_year" in notice.flags


def test_hint_never_overrides_the_page():
    hint = ListHint("u", title="列表上的标题", published="2019-01-01", channel=["列表栏目"])
    notice = extract_notice(article(TEXT, TEXT, meta="发布日期：2020-03-05"), "http://x.invalid/1", hint)
    assert notice.published == "2020-03-05" and notice.title == "市政协召开党组会议"


# ---------------------------------------------------------------- script
def test_pinyin_readings_are_removed_only_after_ideographs():
    text, n = script.remove_pinyin("當(dāng)前國(guó)內(nèi)（办公室）党组(扩大)會議 皖I(lǐng)CP")
    assert text == "當前國內（办公室）党组(扩大)會議 皖I(lǐng)CP" and n == 3
    assert script.remove_pinyin("留在當?shù)兀瑫翰环掂l(xiāng)")[0] == "留在當?shù)兀瑫翰环掂l(xiāng)"


def test_traditional_is_detected_and_converted():
    trad = "各級黨組織要發揮組織優勢，築牢戰疫堡壘。嚴格按照市疫情防控應急指揮部要求，全力以赴。"
    assert script.is_traditional(trad)
    assert script.to_simplified(trad).startswith("各级党组织要发挥组织优势")


def test_simplified_text_quoting_old_forms_is_not_converted():
    poem = "明者处事，莫尚於中。优哉游哉，与道相从。是故才尽者身危，好名者得华；遗馀者不匮，自尽者无多。"
    assert not script.is_traditional(poem * 3)


@pytest.mark.parametrize("text, damaged", [
    ("劝导在涉疫地区的天长人留在当?shù)兀瑫翰环掂l(xiāng),遵守当地", True),
    ("鐣跺湴锛屾毇涓嶈繑閯", True),
    ("数据\ufffd丢失", True),
    ("调研组先后走访了镕城镇现代农业产业园、珺山村特色种植基地。", False),
    (TEXT, False),
])
def test_mojibake(text, damaged):
    assert script.has_mojibake(text) is damaged


def test_traditional_page_is_stored_simplified_with_original():
    data = page("<div><p>當(dāng)前，各級(jí)黨組織要發(fā)揮組織優勢，築牢戰疫堡壘。嚴格按照市疫情防控應急指揮部要求。</p>"
                "<p>廣大黨員要發揮帶頭作用，勇於擔當作為，沖鋒在疫情防控第一線。</p></div>",
                title="倡議書")
    notice = extract_notice(data, "http://example.invalid/Info/1.aspx")
    assert notice.body[0].startswith("当前，各级党组织")
    assert {"traditional_script", "pinyin_removed"} <= set(notice.flags)
    assert notice.original["body"][0].startswith("當(dāng)前")


# ---------------------------------------------------------------- chrome lines
@pytest.mark.parametrize("line", [
    "当前位置：首页 > 政协新闻 > 通知公告", "您的位置 : 首页 > 政协期刊", "您当前的位置: 首页 > 统战要闻",
    ">>政协新闻>>通知公告", "首页>视察调研工作动态", "天长先锋网>> 石梁>> 通知公告>>正文内容",
    "2020-01-29 14:51:33 点击: 字体:[ ]", "浏览次数：236", "字号：大 中 小", "A- A+", "【打印本页】 【关闭窗口】",
    "打印 关闭", "加入收藏 设为首页", "分享到：", "扫描二维码随身看资讯", "扫一扫在手机打开当前页",
    "上一篇：市政协召开主席会议", "下一篇:公 示[ 03-21 ]", "相关新闻", "推荐阅读", "最新动态",
    "责任编辑：张三", "（责编：汤诗瑶、丁涛）", "原标题：他晚于阿姆斯特朗登月", "校对：李四",
    "医技药剂党支部、药剂科供稿  摄影/张艳  编辑/苏芳",
    "主办单位：政协某市委员会 承办：某市信息中心", "技术支持：某科技公司", "京ICP备05070218号",
    "京公网安备11010202000001号", "网站标识码：6201000025", "版权所有 © 政协某市委员会",
    "Copyright © 1997-2019 by www.people.com.cn", "Produced By 大汉网络 大汉版通发布系统",
    "2025年07月08日 04:40:02 星期二", "2019-09-18 06:23", "(文字下面还有图片)", "正在阅读: 关于做好履职工作的通知",
    "欢迎访问兰州市政协官网!", "【1】【2】【3】【4】", "点击进入“文艺星青年”>>",
    "地址：兰州市城关区 邮编：730030 主办：政协兰州市委员会", "网友评论", "【字体：大 中 小】", "字号:[][][]",
    "发布日期:2021年01月24日 来源:联谊报 作者:周霜 郭舒韵 字号:[][][]", "来源:阅读:0发布时间:2020-02-01",
])
def test_chrome_lines(line):
    assert chrome.is_chrome(line)


@pytest.mark.parametrize("line", [
    "发布时间:2020年02月02日  来源:", "时间：2020-03-24 来源：2020年03期", "(来源:新街镇 汪雯雯)",
    "作者︱春春", "主办单位：政协某市委员会", "电话：0931-8888888",
])
def test_edge_meta_lines(line):
    assert chrome.is_meta_line(line) and not chrome.is_chrome(line)


@pytest.mark.parametrize("line", [
    "发挥组织优势 增强政治定力", "图为市委常委、统战部部长陈伟督导疫情防控工作", "（办公室）",
    "政协兰州市委员会", "2020年1月29日", "会议时间：2020年3月2日（星期一）上午9时",
    "联系人：张三，联系电话：0931-8888888", "三、各专门委员会要认真做好审核工作，于12月28日前将审核意见报送市政协办公室。",
    "本次活动由市政协主办，市文联承办。", "请用微信扫描下方二维码进行报名，报名截止时间为3月10日，逾期不再受理。",
    "全县固定资产投资完成246.79亿元。（德清县发改局）", "第一章 总 则", "——（宋）陆游",
    "办理流程：申请→受理→审核→办结", "（三）资格审核：由市政协办公室负责", "字体：仿宋_GB2312",
    "关于<script>alert('t')</script>征求意见的通知",
    "该文章阅读量达10万次", "主办单位：政协某市委员会", "建议使用最新版浏览器登录系统完成报名，逾期不予受理。",
    "报到地址：市政协三楼会议室", "网友评论区的意见已汇总报送", "A股市场", "3月5日 > 3月4日 > 3月3日：排序",
])
def test_content_lines_are_not_chrome(line):
    assert not chrome.is_chrome(line)


# ---------------------------------------------------------------- titles
@pytest.mark.parametrize("title, cut", [
    ("市政协召开主席会议_政协兰州市委员会", "市政协召开主席会议"),
    ("1-10月德清县固定资产投资结构趋稳趋优-浙江省发改委", "1-10月德清县固定资产投资结构趋稳趋优"),
    ("1-10月德清县固定资产投资结构趋稳趋优", "1-10月德清县固定资产投资结构趋稳趋优"),
    ("凝心聚力谋发展——市政协召开常委会议_xx政协", "凝心聚力谋发展——市政协召开常委会议"),
    ("山西品牌丝路行（南美站）正式启动 - 山西省人民政府门户网站", "山西品牌丝路行（南美站）正式启动"),
    ("女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网", "女儿出嫁，郑板桥画了几笔兰花当嫁妆"),
    ("中华人民共和国监察法-纪检", "中华人民共和国监察法"),
])
def test_title_site_suffix(title, cut):
    assert cut_site_suffix(title) == cut


def test_headline_with_subtitle_and_repeat_in_body():
    data = page('<div class=t><p>——让我们共同携手打赢疫情防控阻击战</p><h1>市政协向全市政协委员发出倡议</h1>'
                f"<p>2020-01-29 14:51:33</p></div><div id=zoom><p><b>市政协向全市<br>政协委员发出倡议</b></p>"
                f"<p>{TEXT}</p><p>{TEXT}</p></div>", title="市政协向全市政协委员发出倡议_政协兰州市委员会")
    notice = extract_notice(data, "http://example.invalid/1.html")
    assert notice.title == "市政协向全市政协委员发出倡议"
    assert notice.subtitle == "——让我们共同携手打赢疫情防控阻击战"
    assert notice.body == [TEXT, TEXT] and notice.published == "2020-01-29T14:51:33"


def test_no_headline_on_page_title_from_title_tag():
    notice = extract_notice(page(f"<div><p>{TEXT}</p><p>{TEXT}</p></div>", title="市政协召开主席会议_政协某市委员会"),
                            "http://example.invalid/1.html")
    assert notice.title == "市政协召开主席会议" and "no_title_in_text" in notice.flags


# ---------------------------------------------------------------- signature, 文号, table, attachments
def test_signature_two_lines_and_numerals():
    assert signature.find_signature([TEXT, "政协兰州市委员会", "2020年1月29日"]) == ("政协兰州市委员会", "2020-01-29")
    assert signature.find_signature([TEXT, "政协铜川市委员会办公室", "二〇一二年三月五日"]) == \
        ("政协铜川市委员会办公室", "2012-03-05")
    assert signature.find_signature([TEXT, "2.2020年重点提案督办分工表", "政协兰州市委员会", "2020年3月5日"]) == \
        ("政协兰州市委员会", "2020-03-05")
    assert signature.find_signature([TEXT, "政协兰州市委员会 2020年1月29日"]) == ("政协兰州市委员会", "2020-01-29")
    assert signature.find_signature([TEXT, TEXT]) == (None, None)


def test_trailing_attribution_and_source_credit():
    assert signature.trailing_attribution([TEXT, "（办公室）"]) == "办公室"
    assert signature.trailing_attribution([TEXT, "（2020年1月29日）"]) is None
    assert signature.trailing_attribution([TEXT, "（此件公开发布）"]) is None
    assert signature.trailing_attribution([TEXT, "（研究室）"]) == "研究室"
    assert signature.source_credit("(来源:新街镇 汪雯雯)") == ("新街镇", "汪雯雯")
    assert signature.source_credit("（来源：市政协办公室）") == ("市政协办公室", None)


def test_doc_number_from_its_own_line_not_from_a_reference():
    assert signature.find_doc_number({}, ["兰政协发〔2020〕3号", TEXT]) == "兰政协发〔2020〕3号"
    assert signature.find_doc_number({}, ["根据《关于加强提案工作的意见》（国办发〔2019〕5号）精神，现通知如下。"]) is None
    assert signature.find_doc_number({"文号": "兰政协发〔2020〕3号"}, []) == "兰政协发〔2020〕3号"


def test_info_table_with_spaced_labels():
    root = parse("<table><tr><td>索&nbsp;引&nbsp;号：</td><td>1162/2020-00015</td><td>主题分类：</td><td>综合政务</td></tr>"
                 "<tr><td>发文机关：</td><td>政协兰州市委员会</td><td>成文日期：</td><td>2020-03-05</td></tr>"
                 "<tr><td>文　　号：</td><td>兰政协发〔2020〕3号</td><td>有 效 性：</td><td>有效</td></tr></table>")
    table = infotable.find_table(build_lines(root.find("body")))
    assert infotable.read_table(table) == {"索引号": "1162/2020-00015", "主题分类": "综合政务", "发文机关": "政协兰州市委员会",
                                           "成文日期": "2020-03-05", "文号": "兰政协发〔2020〕3号", "有效性": "有效"}


def test_attachments_are_absolute_with_kind_and_name():
    data = article(TEXT, TEXT, '附件：<a href="/module/download/downfile.jsp?filename=plan.pdf">1.工作计划</a>',
                   '<a href="files/%E5%90%8D%E5%8D%95.xlsx"></a>', '<a href="/other.html">另一篇</a>')
    notice = extract_notice(data, "http://www.example.invalid/art/2020/3/5/art_1_2.html")
    assert [(a.kind, a.name) for a in notice.attachments] == [("pdf", "1.工作计划"), ("xlsx", "名单.xlsx")]
    assert notice.attachments[0].url == "http://www.example.invalid/module/download/downfile.jsp?filename=plan.pdf"
    assert media.file_kind("http://x/a.ofd?v=1") == "ofd" and media.file_kind("http://x/a.jpg") is None


def test_image_captions():
    data = article(TEXT, '<img src="/pic/1.jpg" width="600">', "图为委员们在调研现场", TEXT,
                   '<img src="/images/icon_print.gif">')
    notice = extract_notice(data, "http://example.invalid/a/b.html")
    assert [(i.src, i.caption) for i in notice.images] == [("http://example.invalid/pic/1.jpg", "图为委员们在调研现场")]
    assert "图为委员们在调研现场" in notice.body


# ---------------------------------------------------------------- markup repairs
def test_stray_html_close_does_not_end_the_page():
    html = f"<html><body><div>页头</div></body></html><div id=zoom><p>{TEXT}</p></div></body></html>"
    assert "</html>" not in repair_markup(html)
    assert TEXT in parse(html).text_content()


def test_hidden_and_css_mobile_copies_are_dropped():
    ps = "".join(f"<p>{TEXT}{i}</p>" for i in range(3))
    for copy in (f'<div class="mobile" style="display:none">{ps}</div>', f'<div class="m-con">{ps}</div>'):
        notice = extract_notice(page(f"<h1>会议</h1><div id=zoom><div class=pc>{ps}</div>{copy}</div>"),
                                "http://example.invalid/1.html")
        assert len(notice.body) == 3


def test_a_paragraph_the_page_repeats_on_purpose_stays():
    notice = extract_notice(article(TEXT, TEXT + "一", TEXT), "http://example.invalid/1.html")
    assert notice.body == [TEXT, TEXT + "一", TEXT]


def test_whitespace_is_normalised():
    assert clean_space("\u3000\u3000鼠年伊始，\xa0疫情\n    蔓延。 ") == "鼠年伊始， 疫情蔓延。"
    assert clean_space("第一章\u3000总\u3000则") == "第一章 总 则"


def test_template_comments_keep_the_text_after_them():
    lines = build_lines(parse("<p class=t><!--<$[标题]>begin-->标题文字<!--<$[标题]>end--></p>").find("body"))
    assert [ln.text for ln in lines] == ["标题文字"]


# ---------------------------------------------------------------- flags
def test_truncated():
    assert flags.is_truncated([TEXT, "全市各级政协组织要充分利用新闻媒体、"])
    assert not flags.is_truncated([TEXT, "政协兰州市委员会", "2020年1月29日"])
    assert not flags.is_truncated([TEXT, "图为1月29日，市委常委、统战部部长、总工会主席陈伟出席广安异地商会和民营企业支持防控新型冠状病毒工作捐赠仪式"])


def test_multi_article():
    items = ["1月30日，市政协召开党组会议。", TEXT, "杜富川率队督导新蒲新区疫情防控工作", "1月29日，市委常委杜富川率队督导。",
             "关于助力打赢疫情防控阻击战的倡议书", "全市各级政协组织、广大政协委员：", TEXT]
    assert flags.is_multi_article(items)
    assert not flags.is_multi_article([TEXT, "发挥组织优势 增强政治定力", TEXT, "发挥资源优势 凝聚合力", TEXT])


def test_flag_names_are_the_archives():
    notice = extract_notice(b"<html><body></body></html>", "http://example.invalid/")
    assert set(notice.flags) <= set(FLAGS) and "empty_body" in notice.flags


# ---------------------------------------------------------------- scoring
def test_lcs_and_scores():
    assert lcs_length("政协委员会议", "政协会议") == 4 and lcs_length("", "abc") == 0
    assert score_body("政协：会议。", "政协会议").f1 == 1.0
    assert key("Ａ１，政协") == "A1政协"
    assert chrome_left("正文\n责任编辑：张三") == ["责任编辑"]


# ---------------------------------------------------------------- cases met on the demo replicas
def test_numbered_section_heading_is_never_the_headline():
    data = page(f'<div class=c><p><strong>一、注重工作实效</strong></p><p>{TEXT}</p><p>{TEXT}</p></div>',
                title="关于做好乡村振兴有关工作的通知_某网")
    notice = extract_notice(data, "http://example.invalid/Info/1.aspx")
    assert notice.title == "关于做好乡村振兴有关工作的通知" and "no_title_in_text" in notice.flags
    assert notice.body[0] == "一、注重工作实效"


def test_styled_lead_line_before_the_headline_is_the_subtitle():
    data = page('<table><tr><td class="yt">聚焦疫情防控 助力高质量发展</td></tr>'
                '<tr><td class="title">市政协领导带队调研文史资料征集工作</td></tr></table>'
                f"<div id=zoom><p>{TEXT}</p><p>{TEXT}</p></div>",
                title="市政协领导带队调研文史资料征集工作_政协兰州市委员会")
    notice = extract_notice(data, "http://example.invalid/1.html")
    assert notice.subtitle == "聚焦疫情防控 助力高质量发展" and notice.body == [TEXT, TEXT]


def test_site_name_in_place_of_home_is_not_a_channel():
    data = page(f'<div class=wz>天长先锋网&gt;&gt; 石梁&gt;&gt; 通知公告&gt;&gt;正文内容</div>'
                f"<h1>标题文字</h1><div><p>{TEXT}</p><p>{TEXT}</p></div>", title="标题文字-天长先锋网")
    assert extract_notice(data, "http://example.invalid/1.html").channel == ["石梁", "通知公告"]


def test_trailing_source_credit_gives_source_and_writer():
    data = article(TEXT, TEXT, "（来源：新街镇 汪雯雯）", meta="发布时间:2020年02月02日  来源:")
    notice = extract_notice(data, "http://example.invalid/1.html")
    assert (notice.source, notice.author) == ("新街镇", "汪雯雯") and notice.body == [TEXT, TEXT]


def test_lead_date_far_from_the_list_date_is_an_event_not_the_publish_date():
    data = article("1月30日，市政协召开党组会议，研究部署工作。", TEXT)
    url = "http://example.invalid/1.html"
    far = extract_notice(data, url, ListHint(url, published="2022-06-04"))
    assert far.published == "2022-06-04" and "date_without_year" not in far.flags
    near = extract_notice(data, url, ListHint(url, published="2020-01-31"))
    assert near.published == "2020-01-30" and "date_without_year" in near.flags


def test_captions_and_numbered_headings_do_not_make_several_articles():
    body = ["7月30日，武胜县召开专题会议，常鹏出席会议并讲话。", "图为孔磊在武胜县调研港澳台侨工作", TEXT,
            "一、完善工作机制", "1月30日，市政协召开党组会议，传达学习有关文件精神。", TEXT]
    assert not flags.is_multi_article(body)
    body[3] = "于德明率队督导凤冈县民族团结进步工作"
    body[4] = TEXT * 2
    assert flags.is_multi_article(body)


def test_rare_but_real_words_are_not_mojibake():
    assert not script.has_mojibake("让我们众志成城，用奉献践行共产党员的铮铮誓言，誓言铮铮砥砺行。")


# ---------------------------------------------------------------- rules found on the template pages (tpl_*)
@pytest.mark.parametrize("line", [
    "6月19日，省政府召开全省安全生产工作电视电话会议，部署下一阶段重点工作。",
    "请于12月10日前将工作总结报送市政协办公室信息科，电子版发送至指定邮箱。",
    "位置：兰州市城关区南昌路", "地址选在交通便利的地方，方便群众办事。",
])
def test_sentences_naming_a_phone_or_mailbox_are_not_contact_lines(line):
    assert not chrome.is_meta_line(line) and not chrome.is_chrome(line)


@pytest.mark.parametrize("line", ["电话：0931-8888888", "邮编 730030", "0938-6812345", "传真：0931-8765432"])
def test_contact_lines_are_labelled_or_numbers(line):
    assert chrome.is_meta_line(line)


@pytest.mark.parametrize("line", ["您所在的位置：首页 > 工作动态 > 县区动态", "您当前所在位置：首页 > 本地新闻",
                                  "你现在的位置是：首页 > 通知公告", "位置：首页 > 新闻动态"])
def test_location_label_forms(line):
    assert chrome.is_breadcrumb(line)


def test_channel_from_other_location_labels_and_slash_trails():
    for crumb, channel in [
        ('您所在的位置：<a href="/">首页</a> &gt; <a href="/gzdt/">工作动态</a> &gt; <a href="/x/">县区动态</a>',
         ["工作动态", "县区动态"]),
        ('<a href="/">首页</a><i>/</i><a href="/duty">履职动态</a><i>/</i><span>详情</span>', ["履职动态"]),
    ]:
        data = page(f"<nav>{crumb}</nav><h1>标题文字</h1><div><p>{TEXT}</p><p>{TEXT}</p></div>", title="标题文字")
        assert extract_notice(data, "http://example.invalid/1.html").channel == channel


@pytest.mark.parametrize("url, iso", [
    ("http://www.plzx.gov.cn/html/2023/lzdt_0615/2318.html", "2023-06-15"),  # PHPCMS v9
    ("http://www.cppcc.gov.cn/zxww/2023/06/20/ARTI1687225512345678.shtml", "2023-06-20"),
    ("http://www.tszx.gov.cn/a/tzgg/2023/0615/123.html", "2023-06-15"),  # DedeCMS
])
def test_more_cms_url_dates(url, iso):
    assert dates.date_from_url(url) == iso


def test_info_table_publication_date_beats_the_signing_date_beside_it():
    table = ('<table><tr><td>索 引 号：</td><td>000014349/2023-00061</td><td>主题分类：</td><td>综合政务</td></tr>'
             '<tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2023年07月10日</td></tr>'
             '<tr><td>标　　题：</td><td>关于推进基层应急广播体系建设的指导意见</td></tr>'
             '<tr><td>发文字号：</td><td>国办发〔2023〕27号</td><td>发布日期：</td><td>2023年07月21日</td></tr></table>')
    data = page(f'{table}<div id=c><p>{TEXT}</p><p>{TEXT}</p><p>国务院办公厅</p><p>2023年7月10日</p></div>',
                title="关于推进基层应急广播体系建设的指导意见_中国政府网")
    notice = extract_notice(data, "http://example.invalid/content_1.htm")
    assert notice.published == "2023-07-21" and notice.signed_date == "2023-07-10"
    assert notice.title == "关于推进基层应急广播体系建设的指导意见" and notice.body[0] == TEXT


def test_generation_date_and_list_layout_of_the_info_block():
    info = ("<ul><li><span>索 引 号：</span><em>1162/2023-00123</em></li><li><span>发布机构：</span><em>某委员会</em></li>"
            "<li><span>生成日期：</span><em>2023-06-19</em></li><li><span>成文日期：</span><em>2023-06-15</em></li></ul>")
    notice = extract_notice(page(f'{info}<h2>关于做好某项工作的通知</h2><div><p>{TEXT}</p><p>{TEXT}</p></div>',
                                 title="关于做好某项工作的通知"), "http://example.invalid/a.shtml")
    assert notice.published == "2023-06-19" and notice.info["生成日期"] == "2023-06-19"
    assert notice.source == "某委员会"  # the printed 发布机构, when no 来源 is printed


def test_attachment_box_after_the_text_is_not_body_but_is_listed():
    data = page('<h1>关于做好某项工作的通知的长标题文字一二三四五六七八九十</h1><div class=wrap><div id=zoom>'
                f'<p>{TEXT}</p><p>{TEXT}</p></div><div class=att>附件下载：<a href="/f/a.pdf">某某通知.pdf</a></div>'
                '<div class=tools><a href="javascript:print()">【打印本页】</a></div></div>',
                title="关于做好某项工作的通知的长标题文字一二三四五六七八九十")
    notice = extract_notice(data, "http://example.invalid/1.html")
    assert notice.body == [TEXT, TEXT] and [a.name for a in notice.attachments] == ["某某通知.pdf"]


def test_in_text_attachment_links_keep_a_short_notice_whole():
    data = page('<div class=c><p>各县区政协：</p><p>现将有关文件印发给你们，请认真贯彻落实。</p>'
                '<p>附件：<a href="/f/plan.pdf">1.工作计划</a></p><p><a href="/f/list.xlsx">2.分工表</a></p>'
                '<p>政协某市委员会</p><p>2020年3月5日</p></div>', title="关于印发工作计划的通知")
    notice = extract_notice(data, "http://example.invalid/1.html")
    assert notice.body == ["各县区政协：", "现将有关文件印发给你们，请认真贯彻落实。", "附件：1.工作计划", "2.分工表",
                           "政协某市委员会", "2020年3月5日"]


def test_teaser_summaries_beside_a_short_article_are_not_text():
    teasers = "".join(f'<li><h4><a href="/n/{i}.html">其他新闻标题{i}</a></h4><p>{TEXT}……</p></li>' for i in range(4))
    data = page(f'<div class=l><h2>县政协召开主席会议</h2><div class=i>发布时间：2023-03-29</div>'
                f'<div class=c><p>{TEXT}</p></div></div><div class=r><ul>{teasers}</ul></div>',
                title="县政协召开主席会议-政协某县委员会")
    assert extract_notice(data, "http://example.invalid/1.html").body == [TEXT]


def test_signature_before_the_plan_a_notice_publishes():
    body = ["各乡镇：", "现将《防汛工作方案》印发给你们，请认真贯彻落实。", "中共某县委办公室", "某县人民政府办公室",
            "2023年5月26日", "某县防汛工作方案", TEXT, "一、工作目标", TEXT]
    assert signature.find_signature(body) == ("中共某县委办公室 某县人民政府办公室", "2023-05-26")


def test_centred_line_under_a_picture_is_its_caption():
    data = article(TEXT, '<img src="/pic/1.jpg" width="600">', "5月17日，调研组在大像山镇察看高标准农田建设情况。",
                   TEXT, '<img src="/pic/2.jpg" width="600">', "<strong>二、主要做法</strong>", TEXT)
    data = data.replace("<p>5月17日".encode(), '<p style="text-align: center;">5月17日'.encode())
    data = data.replace("<p><strong>".encode(), '<p style="text-align:center"><strong>'.encode())
    notice = extract_notice(data, "http://example.invalid/a/b.html")
    assert [i.caption for i in notice.images] == ["5月17日，调研组在大像山镇察看高标准农田建设情况。", None]


def test_logo_linking_home_is_not_the_headline_when_the_title_is_the_site_name():
    data = page('<h1 class=logo><a href="/">政协某市委员会</a></h1><div class=nav><a href="/a">政协要闻</a></div>'
                f'<h2>市政协开展协商议事活动</h2><div>发布日期：2023-04-12</div><div><p>{TEXT}</p><p>{TEXT}</p></div>',
                title="政协某市委员会")
    notice = extract_notice(data, "http://example.invalid/news/show_612.html")
    assert notice.title == "市政协开展协商议事活动" and notice.body == [TEXT, TEXT]


def test_title_equal_to_the_site_name_meta_is_not_matched():
    data = page(f'<div class=logo>政协某市委员会</div><h2>市政协开展协商议事活动</h2><div><p>{TEXT}</p></div>',
                title="政协某市委员会", head='<meta name="SiteName" content="政协某市委员会">')
    assert extract_notice(data, "http://example.invalid/1.html").title == "市政协开展协商议事活动"


def test_unstyled_headline_over_the_date_line():
    data = page(f'<div class=show_t>县政协召开主席会议研究部署近期重点工作安排情况</div>'
                f'<div class=show_i>2023-03-29 09:41 县政协办公室 305</div><div class=c><p>{TEXT}</p><p>{TEXT}</p></div>',
                title="政协某县委员会")
    notice = extract_notice(data, "http://example.invalid/duty/1208")
    assert notice.title == "县政协召开主席会议研究部署近期重点工作安排情况"
    assert notice.published == "2023-03-29T09:41:00" and notice.body == [TEXT, TEXT]


def test_headline_set_as_several_bold_paragraphs():
    data = page('<div class=c><p><b>全国人民代表大会常务委员会</b></p><p><b>关于批准某项决定的</b></p><p><b>决议</b></p>'
                f'<p>（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）</p><p>{TEXT}</p></div>')
    notice = extract_notice(data, "http://example.invalid/1.html")
    assert notice.title == "全国人民代表大会常务委员会 关于批准某项决定的 决议"
    assert notice.body[0].startswith("（2007年6月29日")


def test_source_value_stops_at_a_date_but_keeps_an_issue_number():
    notice = extract_notice(article(TEXT, TEXT, meta="来源：人民政协网 2023年06月20日 09:12"),
                            "http://example.invalid/1.html")
    assert notice.source == "人民政协网" and notice.published == "2023-06-20T09:12:00"
    issue = extract_notice(article(TEXT, TEXT, meta="时间:2020-03-24&nbsp;&nbsp;来源:2020年03期"),
                           "http://example.invalid/1.html")
    assert issue.source == "2020年03期"


def test_a_sidebar_of_downloadable_forms_stays_out_of_the_text():
    forms = "".join(f'<li><a href="/bgxz/{i}.doc">{t}.doc</a></li>' for i, t in enumerate(
        ["居民身份证申领登记表", "户口迁移申请表", "最低生活保障申请审批表", "临时救助申请表", "残疾人证申领表"]))
    data = page(f'<table><tr><td><h3>表格下载</h3><ul>{forms}</ul></td><td><h2>关于某项工作的公告</h2>'
                f'<div>发布时间：2023-06-09</div><div><p>{TEXT}</p></div></td></tr></table>',
                title="关于某项工作的公告")
    notice = extract_notice(data, "http://example.invalid/1.html")
    assert notice.body == [TEXT]


def test_a_date_opening_a_short_line_of_the_text_is_not_the_date_line():
    """Only the lines right under the headline may be an unlabelled date line; here the list
    date also rules the line out as a news lead (it is after the list date)."""
    data = page(f'<h2>关于召开全体会议的通知</h2><div class=c><p>各位委员：</p><p>2023年6月1日上午9时在市政协三楼会议室召开</p>'
                f'<p>{TEXT}</p><p>{TEXT}</p></div>', title="关于召开全体会议的通知")
    url = "http://example.invalid/notice/1.html"
    assert extract_notice(data, url, ListHint(url, published="2023-05-20")).published == "2023-05-20"


# ---------------------------------------------------------------- publish date, ranked
LONG = TEXT * 3


def test_event_times_are_not_the_publish_date():
    """开始时间 / 地点 boxes of an event page: the date is the PubDate meta, not the event's."""
    body = ('<h1>第八届未来医疗展会</h1><div class="box"><span>开始时间：</span><span>2024-05-08</span>'
            '<span>结束时间：</span><span>2024-05-10</span><span>地点：会展中心</span></div>'
            f'<div id=zoom><p>展会时间：2024年5月8日至5月10日。{LONG}</p></div>')
    notice = extract_notice(page(body, head='<meta name="PubDate" content="2024-03-01 16:39">'),
                            "https://example.invalid/a.html")
    assert notice.published.startswith("2024-03-01")


def test_a_sidebar_date_above_the_breadcrumb_loses_to_the_date_line_under_the_headline():
    body = ('<ul class=side><li><a href="/x">另一条新闻标题在这里</a></li><li>2024-01-25</li></ul>'
            '<div>当前位置：首页 > 新闻动态</div><h1>第六届人才交流会将于11月开幕</h1>'
            '<div>来源：宣教中心 2022-11-14 14:59:48 【字体：大 中 小】</div>'
            f'<div id=zoom><p>{LONG}</p></div>')
    assert extract_notice(page(body), "https://example.invalid/a.html").published.startswith(
        "2022-11-14")


@pytest.mark.parametrize("stamp, iso", [
    ("湖北日报客户端 2024-03-12 15:35:47", "2024-03-12"),
    ("http://www.sina.com.cn 2009年08月22日08:29 新闻晨报", "2009-08-22"),
])
def test_unlabelled_stamp_with_a_clock_under_the_headline(stamp, iso):
    body = f'<h1>这场音乐节出圈了</h1><div>{stamp}</div><div id=zoom><p>{LONG}</p></div>'
    assert extract_notice(page(body), "https://example.invalid/a.html").published[:10] == iso


def test_publish_date_printed_after_the_text():
    body = (f'<h1>关于举办宣传教育活动的通知</h1><div id=zoom><p>{LONG}</p><p>教育部办公厅</p>'
            '<p>2024年5月30日</p></div><div class=foot>发布日期：2024-06-13 来源：教育部</div>')
    assert extract_notice(page(body), "https://example.invalid/a.html").published == "2024-06-13"


@pytest.mark.parametrize("head, iso", [
    ('<script type="application/ld+json">{"@type":"NewsArticle","datePublished":'
     '"2021-05-06T08:00:00+08:00"}</script>', "2021-05-06"),
    ("", "2021-07-08"),
])
def test_json_ld_and_time_element_dates(head, iso):
    body = ('<h1>市政协召开党组会议</h1><time pubdate datetime="2021-07-08">七月八日</time>'
            f'<div id=zoom><p>{LONG}</p></div>')
    if head:
        body = body.replace("<time pubdate", "<time")
    notice = extract_notice(page(body, head=head), "https://example.invalid/a.html")
    assert notice.published[:10] == iso


def test_print_clock_is_not_the_publish_date():
    body = (f'<h1>市政协召开党组会议</h1><div>打印时间：2025-01-02 10:00</div>'
            f'<div id=zoom><p>{LONG}</p></div>')
    notice = extract_notice(page(body, head='<meta name="PubDate" content="2024-12-30">'),
                            "https://example.invalid/a.html")
    assert notice.published.startswith("2024-12-30")


# ---------------------------------------------------------------- hidden and overlay blocks
PRIVACY = ("本网站非常重视您的个人信息和隐私保护，我们将按照法律法规要求，采取相应的安全保护措施。"
           "请您在使用前仔细阅读并充分理解本隐私政策的全部内容，如您同意，请点击同意按钮继续使用。") * 3


@pytest.mark.parametrize("overlay", [
    f'<div class="privacy-dialog"><p>{PRIVACY}</p></div>',
    f'<div role="dialog"><p>{PRIVACY}</p></div>',
    f'<dialog><p>{PRIVACY}</p></dialog>',
    f'<div id="cookieBar" class="bar"><p>{PRIVACY}</p></div>',
    f'<div style="position: fixed; bottom: 0"><p>{PRIVACY}</p></div>',
    f'<div aria-hidden="true"><p>{PRIVACY}</p></div>',
    f'<div style="opacity:0;width:0;height:0;overflow:hidden"><p>{PRIVACY}</p></div>',
    f'<template><p>{PRIVACY}</p></template>',
])
def test_the_article_is_never_an_overlay_or_hidden_block(overlay):
    body = (f'{overlay}<h1>市政协召开党组会议</h1><div class=info>发布时间：2024-03-05</div>'
            f'<div id=zoom><p>{TEXT}</p><p>会议强调，要认真抓好落实。</p></div>')
    notice = extract_notice(page(body), "https://example.invalid/a.html")
    assert "隐私" not in "".join(notice.body)
    assert notice.body[0].startswith("市政协召开党组")


def test_an_open_dialog_and_a_modal_word_inside_a_longer_name_stay_when_they_are_the_text():
    body = ('<h1>市政协召开党组会议</h1><div class="content-main"><p>' + TEXT + '</p>'
            '<p>会议强调，要认真抓好落实。</p></div>')
    assert len(extract_notice(page(body), "https://example.invalid/a.html").body) == 2


def test_a_table_that_is_the_notice_is_kept_as_rows_not_a_sidebar():
    rows = "".join(f"<tr><td>{i}</td><td>某某建材有限公司{i}</td><td>未按规定公示年度报告</td>"
                   f"<td>警告</td><td>2024年3月{i}日</td></tr>" for i in range(1, 9))
    side = "".join(f'<li><a href="/n{i}">相关新闻标题{i}</a><p>市政协委员深入基层开展调研，'
                   f'听取群众意见建议，形成调研报告{i}篇。</p></li>' for i in range(6))
    body = (f'<div class="side"><ul>{side}</ul></div><h1>2024年第一批行政处罚决定公示</h1>'
            '<div id=zoom><p>现将我局2024年第一批行政处罚决定公示如下：</p><table>'
            '<tr><td>序号</td><td>当事人</td><td>违法行为</td><td>处罚种类</td><td>决定日期</td></tr>'
            f'{rows}</table></div>')
    notice = extract_notice(page(body), "https://example.invalid/a.html")
    text = "\n".join(notice.body)
    assert "某某建材有限公司8" in text and "相关新闻标题" not in text


# ---------------------------------------------------------------- headlines
@pytest.mark.parametrize("tag", ["h2", "h3", "h5"])
def test_headline_in_a_lower_heading_level(tag):
    body = (f'<div class=top><h1><a href="/">某市人民政府门户网站</a></h1></div>'
            f'<div class=main><{tag}>关于开展2024年度安全生产检查的通知</{tag}>'
            f'<div>发布日期：2024-03-05</div><div id=zoom><p>{TEXT}</p></div></div>')
    notice = extract_notice(page(body, title="某市人民政府门户网站"), "https://example.invalid/a.html")
    assert notice.title == "关于开展2024年度安全生产检查的通知"


@pytest.mark.parametrize("title", [
    "太原市人民政府门户网站-晋祠博物馆-董寿平美术馆",
    "太原市人民政府门户网站_晋祠博物馆_董寿平美术馆",
    "太原市人民政府门户网站 | 董寿平美术馆",
])
def test_site_first_title_gives_its_last_segment(title):
    body = f'<div>返回</div><div>董寿平美术馆</div><div id=zoom><p>{TEXT}</p><p>{TEXT}</p></div>'
    notice = extract_notice(page(body, title=title), "https://example.invalid/a.html")
    assert notice.title == "董寿平美术馆"


@pytest.mark.parametrize("title, cut", [
    ("太原市人民政府门户网站-晋祠博物馆-董寿平美术馆", "董寿平美术馆"),
    ("北京市文化和旅游局_行业传真_昌平区举办迎新春书法作品展", "昌平区举办迎新春书法作品展"),
    ("关于开展检查的通知_政协兰州市委员会", "关于开展检查的通知"),
    ("1-10月全市经济运行情况_统计局", "1-10月全市经济运行情况"),
])
def test_title_headline_segment_in_either_order(title, cut):
    from crawler.extract.headline import title_headline
    assert title_headline(title) == cut


def test_date_and_source_set_inside_the_heading_are_not_the_headline():
    body = ('<div class=t><h2>共论出版传媒业高质量发展 第十届上海民进出版传媒论坛在沪召开\n'
            '<small>2023-08-19 <span>来源：解放日报</span></small></h2></div>'
            f'<div id=zoom><p>{TEXT}</p><p>{TEXT}</p></div>')
    notice = extract_notice(page(body, title="共论出版传媒业高质量发展 第十届上海民进出版传媒论坛在沪召开"),
                            "https://example.invalid/a.html")
    assert notice.title == "共论出版传媒业高质量发展 第十届上海民进出版传媒论坛在沪召开"
    assert notice.published == "2023-08-19"


@pytest.mark.parametrize("line", ["【信息发布：区退役军人事务局】 【内容纠错】 【打印文章】 【关闭窗口】",
                                  "[发布单位：市文旅局] [打印本页] [关闭]"])
def test_bracketed_tool_bar_with_a_label_is_chrome(line):
    assert chrome.is_chrome(line)


@pytest.mark.parametrize("line", ["▪ 上一篇：", "· 下一篇：市交警一大队坚守一线", "» 上一条"])
def test_pager_lines_behind_a_bullet_end_the_text(line):
    assert chrome.is_stopper(line)


def test_two_copies_of_the_article_give_one_copy_without_the_chrome_between():
    paras = [f"第{i}段，" + TEXT for i in range(1, 6)]
    pc = "".join(f"<p>{p}</p>" for p in paras)
    phone = "".join(f"<p>{p}</p>" for p in paras[:4]) + "<p>据介绍，该平台已上线运行。</p>"
    body = ('<div class=wrap><div class="pc-article"><h1>市政协召开党组会议</h1>'
            f'<div>2024-03-05 来源：市政协</div><div id=zoom>{pc}</div></div>'
            '<div class=tools>网站地图 联系我们 关于本站 联系地址：某市行政中心 邮编 100000</div>'
            '<div class=toolbar>页面 配色 字 辅助线 重置</div>'
            f'<div class="m-article"><h1>市政协召开党组会议</h1><div>{phone}</div></div></div>')
    notice = extract_notice(page(body), "https://example.invalid/a.html")
    text = "\n".join(notice.body)
    assert text.count("第1段") == 1 and "网站地图" not in text and "第5段" in text


@pytest.mark.parametrize("line", ["《光明日报》（2024年01月29日 04版）", "（本报2023年6月5日第3版）",
                                  "阅读剩余全文（）", "调查问题加载中，请稍候。", "若长时间无响应，请刷新本页面"])
def test_print_edition_notes_and_loading_widgets_are_chrome(line):
    assert chrome.is_chrome(line)


@pytest.mark.parametrize("line", ["光明日报记者 张国圣 李宏", "见习记者 王一凡", "本报记者 王五"])
def test_newspaper_bylines_are_bylines(line):
    assert chrome.is_byline(line)


def test_byline_and_print_note_leave_the_body_and_the_byline_is_the_author():
    body = ('<h1>首届国学文化交流座谈会举行</h1><div>来源：光明网 2024-01-29 04:35</div>'
            f'<div id=zoom><p>光明日报记者 张国圣 李宏</p><p>{TEXT}</p><p>{TEXT}</p>'
            '<p>《光明日报》（2024年01月29日 04版）</p></div>')
    notice = extract_notice(page(body), "https://example.invalid/a.html")
    assert notice.body == [TEXT, TEXT] and notice.author == "光明日报记者 张国圣 李宏"


# ---------------------------------------------------------------- event notice fields
def test_event_box_becomes_fields_not_text():
    body = ('<h1>第八届未来医疗生态展会</h1><div class=box>'
            '<span>区域：</span><span>大兴区</span><span>开始时间：</span><span>2024-05-08</span>'
            '<span>地点：</span><span>国际会展中心</span><span>主办单位：</span><span>市商务局</span>'
            '<span>票价：免费</span></div>'
            f'<div id=zoom><p>展会简介</p><p>{TEXT}</p><p>{TEXT}</p></div>')
    html = page(body, head='<meta name="PubDate" content="2024-03-01">')
    notice = extract_notice(html, "https://example.invalid/a.html")
    assert notice.info["地点"] == "国际会展中心" and notice.info["主办单位"] == "市商务局"
    assert notice.info["开始时间"] == "2024-05-08" and notice.info["票价"] == "免费"
    assert not any("主办单位" in p or "国际会展中心" in p for p in notice.body)
    assert notice.author is None and notice.published.startswith("2024-03-01")


def test_time_and_source_lines_alone_are_no_event_box():
    body = (f'<h1>市政协召开党组会议</h1><div>时间：2024-03-05</div><div>来源：市政协</div>'
            f'<div id=zoom><p>{TEXT}</p></div>')
    assert extract_notice(page(body), "https://example.invalid/a.html").info == {}


def test_meeting_notice_text_keeps_its_time_and_place_lines():
    body = ('<h1>关于召开全体会议的通知</h1><div>发布时间：2024-03-05</div><div id=zoom>'
            f'<p>{TEXT}</p><p>时间：2024年3月8日上午9时</p><p>地点：市政协三楼会议室</p>'
            '<p>联系人：王某，电话：12345678</p></div>')
    notice = extract_notice(page(body), "https://example.invalid/a.html")
    assert "地点：市政协三楼会议室" in notice.body and "地点" not in notice.info


def test_e_paper_header_date_above_the_headline():
    body = ('<div class=paper>人民日报 2024年01月29日 星期一 第04版</div><h1>市政协召开党组会议</h1>'
            f'<div id=zoom><p>{TEXT}</p><p>{TEXT}</p></div>')
    assert extract_notice(page(body), "https://example.invalid/a.html").published == "2024-01-29"


def test_dates_in_running_text_and_copyright_years_are_not_publish_dates_when_the_page_has_one():
    body = ('<h1>市政协召开党组会议</h1><div>发布日期：2024-01-02</div>'
            f'<div id=zoom><p>会议定于2024年1月10日召开。{TEXT}</p></div>'
            '<div>Copyright © 2008-2024 某市政协</div>')
    assert extract_notice(page(body), "https://example.invalid/a.html").published == "2024-01-02"


def test_the_readers_clock_in_the_tool_bar_is_not_the_publish_date():
    body = ('<div class=bar>今天：2024年2月22日 星期四 自治区人民政府网</div>'
            '<h1>白龙核电项目一期工程建设动员大会举行</h1><div>2024-09-12 10:10 来源：防城港日报</div>'
            f'<div id=zoom><p>{TEXT}</p><p>{TEXT}</p></div>')
    assert extract_notice(page(body), "https://example.invalid/a.html").published.startswith(
        "2024-09-12")


# ---------------------------------------------------------------- Taiwan 民國 dates
@pytest.mark.parametrize("line", ["發布日期：113-01-29", "發布時間：113年1月29日", "日期：113/1/29",
                                  "發佈日期：中華民國113年1月29日"])
def test_roc_dates_after_a_label(line):
    t = "本府今日召開記者會，說明年度預算執行情形與各項施政重點。市長表示，將持續推動城市建設與社會福利。"
    body = f'<h1>市府說明年度預算執行情形</h1><div>{line}</div><div id=zoom><p>{t}</p><p>{t}</p></div>'
    assert extract_notice(page(body), "https://example.invalid/a.html").published == "2024-01-29"


def test_roc_year_needs_the_word_or_a_label():
    assert dates.parse_date("民國113年1月29日") == "2024-01-29"
    assert dates.parse_date("編號113-01-29") is None


@pytest.mark.parametrize("line", ["（转合肥市蜀山区政府网站信息）", "本文转自人民网", "文章综合自：学习强国、川观新闻",
                                  "转载请注明出处", "未经本网授权，不得转载、摘编或利用其它方式使用上述作品"])
def test_reprint_and_legal_notices_are_chrome(line):
    assert chrome.is_chrome(line)


@pytest.mark.parametrize("line", ["他转任市政协副主席（已转正）。", "转变作风，提升效能，推动各项工作落实。"])
def test_sentences_with_zhuan_are_text(line):
    assert not chrome.is_chrome(line)
