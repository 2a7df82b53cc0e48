"""Site chrome of Chinese government pages, recognised line by line.

Whatever block the content finder picks, some chrome comes along: a breadcrumb inside the
article frame, the date/source/click line, font-size and print widgets, share bars, 上一篇/下一篇,
related lists, editor credits, the footer with 主办/ICP/公网安备, CMS signatures. The same few
dozen phrasings recur across Hanweb, TRS, 大汉, 南威 and hand-made sites, so they are matched as
phrases, never as site-specific rules.

Two strengths:

- ``is_chrome``: lines that are chrome wherever they stand (a body never says 网站标识码).
- ``is_meta_line``: lines that are chrome only at the edges of the text — a labelled date or
  source line, a byline, contact details. Inside a meeting notice, ``时间：3月5日上午9时`` and
  ``联系电话：…`` are content, so the caller applies these only before the first paragraph and
  after the last one.

Kept on purpose: sub-headings, 图为 captions, a signature and its date, in-paragraph credits
like （德清县发改局） and a trailing （办公室）.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dates import find_dates
from .text import alnum_count

_C = r"\s*[:：︰︱|丨/]"  # a label's colon (or the bar/slash some bylines use)
_SEP = r"(?:>>?|＞|›|»)"
_OPEN = r"^[【\[(（]?\s*"  # a label may sit in brackets: （责编：…）, [责任编辑:…]

#: The label a breadcrumb starts with, in the forms templates print: 当前位置, 您的位置, 您现在的位置,
#: 您所在的位置, 您当前所在位置, 你现在的位置是, 当前栏目 (one pattern, so chrome and channel agree).
LOCATION_LABEL = (r"(?:[您你]?(?:当前|现在|目前|所在|所处){1,2}的?(?:位置|栏目)|[您你]的位置)(?:是)?"
                  r"|位置(?=\s*[:：]\s*(?:网站)?首页)")  # bare 位置： only before 首页 (位置：XX路 is text)
_BREADCRUMB = re.compile(
    r"^(?:" + LOCATION_LABEL + r")\s*[:：]?|^(?:网站)?首页(?:\s+\S{2,8}){2,}$"
    r"|^(?:网站)?首页\s*" + _SEP +
    r"|^\s*" + _SEP + r"\s*\S{1,20}(?:\s*" + _SEP + r"\s*\S{1,20})*\s*$")
_SEP_SPLIT = re.compile(_SEP)
_CLAUSE = re.compile(r"[，。；！？]")
_NAV_WORD = re.compile(
    r"^(?:网站)?首页$|^正文(?:内容)?$|^返回(?:首页|顶部|列表|上一页)?$|^回到顶部$|^更多(?:>>|»)?$")

# Words of widget bars: print, close, font size, share, language, login, pager.
_WIDGET_WORDS = re.compile(
    r"打印(?:本页|此页|文章|正文)?|关闭(?:窗口|本页|页面)?|(?:加入|添加)?收藏(?:本页|夹)?|设为首页|"
    r"保存(?:本页)?|返回(?:顶部|首页|列表)?|回到顶部|分享(?:到|至)?|字号|字体|默认|超大|放大|缩小|"
    r"[大中小](?=\s|$|[\]】）)]|[\[【(（])|A\s*[+\-]|[+\-]\s*A|纠错|我要纠错|复制(?:链接|网址)|"
    r"微信|微博|QQ空间|QQ|扫一扫|手机版|电脑版|繁體|繁体|简体|無障礙|无障碍(?:浏览)?|English|登录|注册|"
    r"退出|搜索|上一页|下一页|尾页|末页|第?\s*\d+\s*页|[\[【]\s*\d{1,2}\s*[\]】]|[\[【(（]\s*[\]】)）]",
    re.I)
_WIDGET_FILLER = re.compile(r"[\s\[\]【】()（）|｜丨:：、,，·•/>»]+")

_ALWAYS = re.compile("|".join((
    r"(?:点击|阅读|浏览|访问)(?:次数|量|数|率|人次)\s*[:：]|(?:浏览|点击|阅读|访问)次数\s*\d",
    r"^(?:点击|阅读|浏览|访问)\s*[:：]\s*(?:\d|$)",
    r"(?:^|[\s:：])(?:点击|阅读|浏览)(?:数|率)?\s*[:：]\s*\d",
    r"^[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上一则|下一则)",
    r"字[号体]\s*[:：]?\s*[\[【(（]?\s*(?:大|中|小|默认|超大|放大|缩小|[\]】）)]|$)",
    r"(?<![A-Za-z])A\s*-\s*A\s*\+|A\s*\+\s*A\s*-",
    r"责任编辑\s*[:：]|责编\s*[:：]",
    _OPEN + r"(?:值班编辑|网络编辑|审核|审校|校对|终审|初审|复审|原标题|出品)" + _C,
    r"Produced\s+By|Powered\s+by|大汉网络|大汉版通|Mountor|网站标识码|网站识别码|ICP\s*备|ICP\s*证|"
    r"公网安备|版权所有|Copyright|©",
    r"^(?:技术支持|运行维护|网站维护)|\s(?:技术支持|运行维护|网站维护)(?:单位)?\s*[:：]",
    r"文字下面还有图片|^正在阅读\s*[:：]",
    r"加载中[，,。.…]*\s*请稍[候后]|若长时间无响应",
    # reprint and legal notices: 转载请注明出处, 未经授权不得转载, 本网站所刊登的…
    r"转载请注明|(?:未经|非经)[^，。]{0,12}(?:授权|许可|同意)[^。]{0,12}(?:转载|复制|使用|镜像)|"
    r"本(?:网|站|网站)(?:所刊登|刊登|所发布)的?[^。]{0,20}(?:版权|著作权)|"
    r"^(?:免责声明|版权声明|法律声明)\s*[:：]",
    # a list of the sources a story was put together from: 文章综合自：学习强国、川观新闻…
    r"^(?:本文|文章|内容)(?:转自|转载自|综合自|来源于)\s*[:：]",
    r"【详细】|\[详细\]",
    # a page's download box; a document lists its own attachments as 附件：1.…
    r"^[【\[]?\s*(?:附件下载|下载附件|附件列表)\s*[】\]]?\s*[:：]?",
)), re.I)
# Phrases that are chrome on a short line, and could be an instruction in a long one.
_ALWAYS_SHORT = re.compile("|".join((
    r"^分享(?:到|至)?\s*[:：]?",
    r"扫一扫|扫描二维码|扫码(?:阅读|关注|分享|访问)|微信扫|手机扫|二维码",
    r"^欢迎(?:您)?(?:访问|光临|来到)|^今天是",
    r"^(?:点击|进入|查看)(?:进入|查看|阅读)?.{0,20}(?:>>|》》|»)\s*$",
    r"建议.{0,20}(?:浏览器|分辨率)",
    r"^阅读(?:剩余)?全文|^展开全文",
    # a reprint note closing the text: （转合肥市蜀山区政府网站信息）, 本文转自人民网, 文章综合自…
    r"^[（(]\s*(?:本文)?转(?:载|自)?[^，。（）()]{2,30}[）)]$|^(?:本文|文章|内容)(?:转自|转载自|综合自|来源于)",
    # print-edition notes: 《光明日报》（2024年01月29日 04版）, 本报2024年1月29日第4版
    r"^[（(]?《[^》]{2,14}》\s*[（(]?\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*"
    r"(?:第?\s*[0-9０-９]{1,2}\s*版)?\s*[）)]?\s*[）)]?$",
    r"^[（(]?(?:本报|原载)?.{0,12}(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*第?\s*\d{1,2}\s*版\s*[）)]?$",
)), re.I)
# Who runs the site: chrome when two of these share a line (主办单位：… 承办：…).
_SITE_ROLE = re.compile(r"主办|承办|协办|主管|技术支持|运行维护|地址|邮编|电话|传真|邮箱")
_RELATED = re.compile(
    r"^[【\[]?\s*(?:相关(?:新闻|阅读|文章|链接|稿件|信息|报道|附件|内容)|推荐阅读|延伸阅读|最新动态|"
    r"最新(?:文章|新闻|信息)|热点(?:新闻|推荐|排行)|热门(?:文章|新闻|推荐)|精彩推荐|猜你喜欢|往期回顾|"
    r"图片新闻|专题专栏|友情链接|相关专题|(?:网友|发表|我要|热门|最新|相关)?评论|(?:网友|我要)留言)"
    r"\s*[】\]]?\s*[:：]?\s*(?:更多\s*(?:>>|»)?)?$|^相关附件\s*[:：]")
# Several credit words on one short line: 供稿 摄影/张艳 编辑/苏芳.
_CREDIT_WORD = re.compile(r"供稿|摄影|摄像|编辑|审核|校对|撰稿|记者|通讯员|文\s*/|图\s*/|来源")
_META_LABEL = re.compile(
    _OPEN + r"(?:发布|发稿|发表|更新|上传|录入|创建|成文)?(?:时间|日期)" + _C +
    "|" + _OPEN + r"(?:信息|文章|稿件|新闻)?来源" + _C +
    "|" + _OPEN + r"(?:作者|记者|通讯员|编辑|摄影|供稿|撰稿|视频)" + _C +
    "|" + _OPEN + r"(?:文|图|文字|图片|文图|图文)\s*[/／|︱]" +
    "|" + _OPEN + r"(?:主办|承办|协办|主管)(?:单位)?\s*[:：]" +
    r"|(?:发布|发稿)(?:时间|日期)\s*[:：]|来源\s*[:：]")
# Contact details as footers and notices print them: a label with its colon (电话：, 地址：) or a
# number. A bare word is not enough: 电视电话会议 and 发送至指定邮箱 are sentences.
_CONTACT = re.compile(
    r"(?:联系电话|电话|传真|邮箱|E-?mail|地址|邮编|邮政编码)\s*[:：]|(?:电话|传真|邮编)\s*\d"
    r"|(?<!\d)(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9})(?!\d)", re.I)
_PERSONAL_CONTACT = re.compile(r"联系人|报名|咨询|投诉|举报")
_NUMERIC_DATE_LINE = re.compile(
    r"^[\[【(（]?\s*(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*[\]】)）]?$")
_BYLINE = re.compile(r"^(?:(?:本报|本台|本网|新华社|[\u4e00-\u9fff]{2,8}(?:日报|晚报|报|社|台|网))?"
                     r"(?:特约|见习|首席)?(?:记者|通讯员|特约记者)\s*)?"
                     r"(?:[\u4e00-\u9fff]{2,4}(?:\s+|、|$)){1,4}$")


def is_widget_line(text: str) -> bool:
    """A line made only of widget words, brackets and separators (打印 | 关闭, 【1】【2】)."""
    rest = _WIDGET_WORDS.sub(" ", text)
    return _WIDGET_FILLER.sub("", rest) == "" and text.strip() != ""


def is_breadcrumb(text: str) -> bool:
    """当前位置：首页 > …, 首页>>…, >>政协新闻>>通知公告, or a short trail of two or more ›-parts."""
    text = text.strip()
    if _BREADCRUMB.search(text) or _NAV_WORD.match(text):
        return True
    parts = _SEP_SPLIT.split(text)  # text quoting markup (<script>…</script>) is no trail
    return len(parts) >= 3 and len(text) <= 100 and not re.search(r"[：:，。；<]", text) and \
        all(len(p.strip()) <= 20 for p in parts)


def is_related_header(text: str) -> bool:
    return bool(_RELATED.match(text.strip()))


def is_site_roles_line(text: str) -> bool:
    """``主办单位：… 承办：… 地址：…``: who runs the site, two roles or more on one line."""
    roles = {m.group(0) for m in _SITE_ROLE.finditer(text)}
    return len(roles) >= 2 and bool(roles & {"主办", "承办", "协办", "主管", "技术支持", "运行维护"}) \
        and not _CLAUSE.search(text)


def is_bracket_bar(text: str) -> bool:
    """A bar of bracketed items, one of them a widget (``【信息发布：某局】 【内容纠错】 【打印文章】
    【关闭窗口】``): the tool bar under the text, whatever labels share it."""
    groups = re.findall(r"[【\[]([^】\]]{1,30})[】\]]", text)
    rest = re.sub(r"[【\[][^】\]]{1,30}[】\]]", "", text)
    return len(groups) >= 2 and alnum_count(rest) == 0 and \
        any(is_widget_line(g) for g in groups) and not any(_CLAUSE.search(g) for g in groups)


def is_credit_line(text: str) -> bool:
    """Short lines naming several contributors (供稿, 摄影, 编辑…)."""
    if len(text) > 80 or _CLAUSE.search(text):
        return False
    return len({re.sub(r"\s", "", w) for w in _CREDIT_WORD.findall(text)}) >= 2


def is_clock_line(text: str) -> bool:
    """``2025年07月08日 04:40:02 星期二``: a date with a time and nothing else worth keeping."""
    dates = find_dates(text)
    if not dates or not dates[0].time:
        return False
    rest = text[:dates[0].start] + text[dates[0].end:]
    return alnum_count(re.sub(r"星期.|今天是|周.", "", rest)) == 0


@lru_cache(maxsize=8192)
def is_chrome(text: str) -> bool:
    """Chrome wherever it stands."""
    text = text.strip()
    if not text:
        return False
    if is_breadcrumb(text) or is_widget_line(text) or is_related_header(text):
        return True
    if _ALWAYS.search(text) and len(text) <= 200:
        return True
    if _ALWAYS_SHORT.search(text) and len(text) <= 40 and not _CLAUSE.search(text):
        return True
    return is_site_roles_line(text) or is_credit_line(text) or is_clock_line(text) or \
        is_bracket_bar(text)


@lru_cache(maxsize=8192)
def is_meta_line(text: str) -> bool:
    """Chrome at the edges of the text: date/source/author lines, bare dates, contact lines."""
    text = text.strip()
    if len(text) > 120:
        return False
    if _META_LABEL.search(text) or _NUMERIC_DATE_LINE.match(text):
        return True
    if _CONTACT.search(text) and not _PERSONAL_CONTACT.search(text):
        return True
    return False


def is_contact_line(text: str) -> bool:
    """A line of contact details only (电话：…, 地址：…, 邮编 030051): a footer's, or the
    notice's own when it ends the text (where to send an application)."""
    text = text.strip()
    return len(text) <= 120 and not _META_LABEL.search(text) and \
        bool(_CONTACT.search(text)) and not _PERSONAL_CONTACT.search(text)


_EMPTY_BOX_LABEL = re.compile(r"^[【\[]?\s*(?:附件|相关(?:文档|附件|文件|链接|下载))\s*[】\]]?\s*[:：]?$")


def is_empty_box_label(text: str) -> bool:
    """``附件：`` or ``相关文档：`` with nothing after it: the template's box for files, printed
    empty. A notice that has files lists them after the label."""
    return bool(_EMPTY_BOX_LABEL.match(text.strip()))


def is_byline(text: str) -> bool:
    """A line of one to four personal names (张斯伟; 周霜 郭舒韵)."""
    return bool(_BYLINE.match(text.strip()))


def is_stopper(text: str) -> bool:
    """Lines after which a page has only chrome: pager links, related lists, the footer."""
    text = text.strip()
    return bool(re.match(r"^[【\[▪·•●◆■◇□>»\-\s]*(?:上一篇|下一篇|上一条|下一条)", text)) or \
        is_related_header(text)
