"""Data tables that are the notice (名单, 处罚决定) are kept as rows of cells on the record
(``Notice.tables``), besides their one-line-a-row text in the body; layout tables are not."""

from __future__ import annotations

from pathlib import Path

from crawler.extract import extract_notice

CORPUS = Path(__file__).resolve().parent / "corpus"


def test_a_real_name_list_is_kept_as_its_rows_of_cells():
    """A real 拟录取 list: a header row and 66 rows of Word-pasted cells (``<td><p>``)."""
    data = (CORPUS / "pages" / "r_renwen_shnu_edu_cn.html").read_bytes()
    notice = extract_notice(data, "https://example.invalid/r_renwen_shnu_edu_cn.html")
    assert len(notice.tables) == 1
    rows = notice.tables[0]
    assert len(rows) == 67
    assert rows[0] == ["序号", "考生编号", "姓 名", "拟录取专业", "备注"]
    assert rows[-1] == ["66", "段霆泽", "107183413915258", "学科教学（历史）", ""]
    assert {len(row) for row in rows} == {5}
    assert "66 段霆泽 107183413915258 学科教学（历史）" in notice.body  # still searchable text


PAGE = """<html><head><title>行政处罚决定公示</title></head><body>
<table class="layout"><tr>
 <td class="nav"><a href="/">首页</a><br><a href="/gk">信息公开</a><br><a href="/ly">留言</a></td>
 <td class="main">
  <h1>行政处罚决定公示</h1>
  <p>发布日期：2024-03-05</p>
  <p>根据《中华人民共和国行政处罚法》的规定，现将本局作出的行政处罚决定公示如下，接受社会监督。</p>
  <table border="1">
   <tr><th>决定书文号</th><th>当事人</th><th>违法事实</th><th>处罚结果</th></tr>
   <tr><td>某罚决〔2024〕1号</td><td>某某商贸有限公司</td><td>销售过期食品</td><td>罚款五千元</td></tr>
   <tr><td>某罚决〔2024〕2号</td><td>某某餐饮店</td><td>未取得许可经营</td><td>警告并罚款三千元</td></tr>
   <tr><td></td><td></td><td></td><td></td></tr>
   <tr><td>某罚决〔2024〕3号</td><td>张&lt;某&gt;</td><td>占道经营</td><td>责令改正</td></tr>
  </table>
  <p>特此公示。</p>
  <p>某某市市场监督管理局</p>
 </td></tr></table>
<table class="footer"><tr><td>版权所有 某某市人民政府</td><td>网站标识码 1234</td></tr></table>
</body></html>"""


def test_a_penalty_table_inside_a_layout_table_is_the_only_table_kept():
    """The data table's rows are kept, header included, empty rows left out; the layout table
    around it and the footer's cells are no table of the notice."""
    notice = extract_notice(PAGE.encode("utf-8"), "https://example.invalid/cf.html")
    assert notice.tables == [[
        ["决定书文号", "当事人", "违法事实", "处罚结果"],
        ["某罚决〔2024〕1号", "某某商贸有限公司", "销售过期食品", "罚款五千元"],
        ["某罚决〔2024〕2号", "某某餐饮店", "未取得许可经营", "警告并罚款三千元"],
        ["某罚决〔2024〕3号", "张<某>", "占道经营", "责令改正"],
    ]]
    assert "某罚决〔2024〕2号 某某餐饮店 未取得许可经营 警告并罚款三千元" in notice.body


def test_a_traditional_table_is_kept_in_the_body_script():
    page = PAGE.replace("处罚", "處罰").replace("违法事实", "違法事實")
    notice = extract_notice(page.encode("utf-8"), "https://example.invalid/cf.html")
    assert notice.tables[0][0] == ["决定书文号", "当事人", "违法事实", "处罚结果"]


def test_a_notice_without_a_data_table_has_none():
    page = PAGE.split('<table border="1">')[0] + PAGE.split("</table>", 1)[1]
    notice = extract_notice(page.encode("utf-8"), "https://example.invalid/cf.html")
    assert notice.tables == []


def test_a_cells_script_and_hidden_text_are_not_its_text():
    """A CMS prints 号 with ``document.write`` and hides a copy: the cell keeps what shows."""
    cell = ('<td>某罚决〔2024〕1号<script>document.write("号")</script>'
            '<span style="display:none">隐藏</span></td>')
    page = PAGE.replace("<td>某罚决〔2024〕1号</td>", cell)
    notice = extract_notice(page.encode("utf-8"), "https://example.invalid/cf.html")
    assert notice.tables[0][1][0] == "某罚决〔2024〕1号"
