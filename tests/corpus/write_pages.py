"""Write the corpus pages this project made (seed pages in their CMS chrome, trap pages) and
their gold records. The pages are checked in; this script documents how they were made and
rebuilds them byte for byte (the GBK traps need it): ``python tests/corpus/write_pages.py``.
"""
import json
from pathlib import Path

from pagekit import esc, gold, write

ROOT = str(Path(__file__).resolve().parents[1])  # tests/
FW = str.maketrans({',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）'})


def fw(s):
    return s.translate(FW)


def expected(name):
    return json.load(open(f'{ROOT}/seeds/expected/{name}.json'))


# ---------------------------------------------------------------- seed 000: Hanweb, 兰州政协
e = expected('000_5c06f48aa14aca7e')
body = [fw(p) for p in e['body']]
paras = []
for p in body[:-2]:
    paras.append(f'<p style="text-indent:2em;">{esc(p)}</p>' if not p.endswith('：') else f'<p>{esc(p)}</p>')
page000 = f'''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(e["title"])}_政协兰州市委员会</title>
<meta name="SiteName" content="政协兰州市委员会">
<meta name="SiteDomain" content="www.gslzzx.gov.cn">
<meta name="SiteIDCode" content="">
<meta name="ColumnName" content="通知公告">
<meta name="ColumnType" content="">
<meta name="ArticleTitle" content="{esc(e["title"])}">
<meta name="PubDate" content="2020-01-29 14:51">
<meta name="ContentSource" content="">
<meta name="Keywords" content="">
<meta name="Author" content="">
<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>
<link href="/images/19543/style.css" type="text/css" rel="stylesheet">
</head>
<body>
<div id="hiddenLocation" style="display:none"><span id="col1_name">通知公告</span><span id="col1_url">/col/col11753/index.html</span></div>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="top">
  <tr><td class="welcome">欢迎访问兰州市政协官网!</td>
      <td align="right"><a href="javascript:void(0)" onclick="SetHome(this)">设为首页</a> | <a href="javascript:void(0)" onclick="AddFavorite()">加入收藏</a></td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="nav">
  <tr><td><a href="/">首 页</a></td><td><a href="/col/col11748/index.html">政协新闻</a></td><td><a href="/col/col11760/index.html">履职动态</a></td><td><a href="/col/col11770/index.html">提案工作</a></td><td><a href="/col/col11780/index.html">委员风采</a></td><td><a href="/col/col11790/index.html">文史资料</a></td><td><a href="/col/col11800/index.html">理论研究</a></td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="position">
  <tr>
    <td width="70" class="bt_link">当前位置:</td>
    <td width="40"><a href="/" class="bt_link">首页</a></td>
    <td><table cellspacing="0" cellpadding="0" border="0"><tr><td>&gt;&gt;<a href="/col/col11748/index.html" class="bt_link">政协新闻</a>&gt;&gt;<a href="/col/col11753/index.html" class="bt_link">通知公告</a></td></tr></table></td>
  </tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="bg_white">
  <tr><td height="20"></td></tr>
  <tr><td align="center" class="yt">{esc(e["subtitle"])}</td></tr>
  <tr><td align="center" class="title"><!--<$[标题名称]>begin-->{esc(e["title"])}<!--<$[标题名称]>end--></td></tr>
  <tr><td align="center" class="bt_time">2020-01-29 14:51:33 &nbsp;&nbsp;点击:<span id="clicknum"><script language="javascript" src="/module/visitcount/articlehits.jsp?colid=11753&artid=847716"></script></span>&nbsp;&nbsp;字体:[<a href="javascript:doZoom(16)"></a> <a href="javascript:doZoom(14)"></a>]</td></tr>
  <tr><td class="bt_content" id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{chr(10).join(paras)}
<p>&nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp;</p>
<p>&nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp;{esc(body[-2])}</p>
<p>&nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; &nbsp; {esc(body[-1])}</p>
<p>&nbsp;</p>
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
  </td></tr>
  <tr><td align="center" class="bt_link"><a href="javascript:window.print()">【打印本页】</a>&nbsp;&nbsp;<a href="javascript:window.close()">【关闭窗口】</a></td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="footer">
  <tr><td align="center">主办单位：政协兰州市委员会办公厅 &nbsp; 地址：兰州市城关区南昌路1648号 &nbsp; 邮编：730030</td></tr>
  <tr><td align="center"><a href="https://beian.miit.gov.cn/">陇ICP备05000526号</a> &nbsp; 网站标识码：6201000025</td></tr>
</table>
<a href="http://www.hanweb.com" style="display:none">Produced By 大汉网络 大汉版通发布系统</a>
<div align="center"><a href="http://www.hanweb.com">Produced By 大汉网络 大汉版通发布系统</a></div>
</body>
</html>
'''
write('seed000_hanweb', page000, gold(e['title'], '2020-01-29', body, None, url=e['url'],
      expect={'subtitle': e['subtitle'], 'published': e['published'], 'signed_by': e['signed_by'],
              'signed_date': e['signed_date'], 'channel': e['channel'], 'source': None,
              'encoding': 'utf-8'},
      seed='000_5c06f48aa14aca7e'))

# ---------------------------------------------------------------- seed 001: content farm
e = expected('001_adadd8bd38bbd26a')
txt = open(f'{ROOT}/seeds/001_adadd8bd38bbd26a.txt').read().split('\n')
head = txt[:3]
body = [fw(p) for p in e['body']]
subheads = {'陈为民率队督导习水赤水疫情防控工作', '杜富川率队督导新蒲新区疫情防控工作',
            '一、提高政治站位', '二、强化责任担当', '三、凝聚智慧力量', '四、严守纪律规定', '五、加强宣传引导'}
centered = {'政协遵义市委员会', '关于助力打赢疫情防控阻击战的倡议书'}
paras = []
for p in body:
    if p in subheads:
        paras.append(f'<p><strong>{esc(p)}</strong></p>')
    elif p in centered:
        paras.append(f'<p style="text-align: center;"><strong>{esc(p)}</strong></p>')
    else:
        paras.append(f'<p>　　{esc(p)}</p>')
related = ''.join(f'<li><a href="/afhzp/{4200 + i}.html">{t}</a><span>{d}</span></li>' for i, (t, d) in enumerate([
    ('抓好春季农业生产 确保粮食安全', '2023-03-02'), ('全面推进乡村振兴 加快农业农村现代化', '2023-02-21'),
    ('打好种业翻身仗 推进种业振兴', '2023-02-08'), ('科学防控春季病虫害', '2023-01-30')]))
page001 = f'''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{fw(''.join(head))}-极照大荒网</title>
<meta name="keywords" content="市政协,党组,会议,疫情防控">
<meta name="description" content="{esc(body[0][:60])}">
<link rel="stylesheet" href="/static/css/style.css">
<script src="/static/js/jquery.min.js"></script>
</head>
<body>
<div class="header">
 <div class="logo"><a href="/"><img src="/static/images/logo.png" alt="极照大荒网"></a></div>
 <ul class="menu"><li><a href="/">首页</a></li><li><a href="/afhzp/">三农资讯</a></li><li><a href="/zzjs/">种植技术</a></li><li><a href="/yzjs/">养殖技术</a></li><li><a href="/nyzc/">农业政策</a></li><li><a href="/scdt/">市场动态</a></li></ul>
</div>
<div class="ad"><script>cpro_id="u3421934";</script><script src="//cpro.baidustatic.com/cpro/ui/c.js"></script></div>
<div class="wrap">
 <div class="main-left">
  <div class="article">
   <h1>{'<br>'.join(esc(fw(h)) for h in head)}</h1>
   <div class="article-info"><span>作者：admin</span> <span>浏览：<script src="/e/public/ViewClick/?classid=3&id=4267&addclick=1"></script></span></div>
   <div class="article-content">
{chr(10).join(paras)}
   </div>
   <div class="pages">上一篇：<a href="/afhzp/4266.html">抓好春季农业生产 确保粮食安全</a> 下一篇：<a href="/afhzp/4268.html">科学防控春季病虫害</a></div>
  </div>
  <div class="related"><h3>相关文章</h3><ul>{related}</ul></div>
 </div>
 <div class="main-right">
  <div class="box"><h3>热门文章</h3><ul><li><a href="/afhzp/3912.html">今年春耕备耕进展顺利</a></li><li><a href="/afhzp/3988.html">农机购置补贴政策解读</a></li><li><a href="/afhzp/4011.html">设施农业用地管理规定</a></li></ul></div>
 </div>
</div>
<div class="footer">
 <p>Copyright © 2016-2023 极照大荒网 版权所有 <a href="https://beian.miit.gov.cn">黑ICP备16005432号-2</a></p>
 <p>本站部分内容来源于网络，如有侵权请联系删除</p>
</div>
</body>
</html>
'''
write('seed001_contentfarm', page001, gold(e['title'], '2020-01-30', body, None,
      url='http://www1.jizhaodahuang.com/afhzp/4267.html',
      hint={'published': '2020-01-31'},
      expect={'flags': ['date_without_year', 'multi_article', 'truncated'], 'signed_by': None},
      seed='001_adadd8bd38bbd26a'))

# ---------------------------------------------------------------- seed 002: ASP.NET mirror
e = expected('002_422c9667066d31f8')
txt = open(f'{ROOT}/seeds/002_422c9667066d31f8.txt').read().split('\n')
trad_body, prev_next, footer1, footer2 = txt[:6], txt[6], txt[7], txt[8]
prev_part, next_part = prev_next.split(' 下一篇:')
title_trad = '致全市各級(jí)黨(dǎng)組織和廣大黨(dǎng)員的倡議(yì)書(shū)'
paras = '\n'.join(f'<p>　　{esc(p)}</p>' for p in trad_body[:4])
page002 = f'''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head id="Head1"><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>
	{title_trad}_秒速資(zī)訊網(wǎng)
</title><link href="/css/style.css" rel="stylesheet" type="text/css" />
<meta name="keywords" content="天長(zhǎng),黨組織,倡議(yì)書(shū)" /></head>
<body>
<form name="form1" method="post" action="./277071.aspx?id=277071" id="form1">
<div>
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRkCq3WcX0Yb5iH0o5m8Y2m" />
</div>
<div class="top"><a href="/">首頁(yè)</a> | <a href="/Info/List.aspx?cid=1">通知公告</a> | <a href="/Info/List.aspx?cid=2">工作動(dòng)態(tài)</a> | <a href="/Info/List.aspx?cid=3">基層黨建</a></div>
<div id="main">
  <div id="ContentPlaceHolder1_divContent" class="content">
{paras}
<p style="text-align:right">{esc(trad_body[4])}</p>
<p style="text-align:right">{esc(trad_body[5])}</p>
  </div>
  <div class="fy">上一篇:<a href="277070.aspx">{esc(prev_part[4:].replace('[ 03-18 ]', '').strip())}</a>[ 03-18 ] 下一篇:<a href="277072.aspx">{esc(next_part.replace('[ 03-21 ]', ''))}</a>[ 03-21 ]</div>
</div>
<div id="footer">
<p>{esc(footer1)}</p>
<p>{esc(footer2)}</p>
</div>
</form>
</body>
</html>
'''
write('seed002_aspnet_mirror', page002, gold('致全市各级党组织和广大党员的倡议书', '2022-03-19',
      [p for p in e['body']], None, url='http://www.miaosu168.cn/Info/277071.aspx',
      expect={'flags': ['traditional_script', 'pinyin_removed', 'encoding_damage', 'no_title_in_text'],
              'signed_by': e['signed_by'], 'signed_date': e['signed_date'], 'channel': []},
      seed='002_422c9667066d31f8'))

# ---------------------------------------------------------------- seed 003: TRS, 北京市政协
e = expected('003_1f6bdea46cc4949c')
body = [fw(p) for p in e['body']]
heads = {'发挥组织优势 增强政治定力', '发挥资源优势 凝聚抗“疫”合力', '发挥智力优势 弘扬正能量'}
paras = []
for p in body:
    if p in heads:
        paras.append(f'<p style="text-align: center;"><strong>{esc(p).replace(" ", "&nbsp;")}</strong></p>')
    else:
        paras.append(f'<p>　　{esc(p)}</p>')
related = ''.join(f'<li><a href="./t202003{d}_{n}.html" target="_blank">{t}</a><span>2020-03-{d}</span></li>'
                  for t, d, n in [('同心抗疫 彰显担当', '24', '28945'), ('委员在行动', '24', '28944'),
                                  ('凝聚共识 共克时艰', '23', '28931')])
page003 = f'''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>凝聚抗“疫”政协合力</title>
<meta name="SiteName" content="北京市政协">
<meta name="SiteDomain" content="www.bjzx.gov.cn">
<meta name="ColumnName" content="区政协 Districts">
<meta name="ArticleTitle" content="凝聚抗“疫”政协合力">
<meta name="PubDate" content="2020-03-24 10:27">
<meta name="ContentSource" content="2020年03期">
<meta name="Author" content="张斯伟">
<link rel="stylesheet" href="../../../../../images/common.css">
</head>
<body>
<div class="header">
  <div class="top-bar"><span><script>document.write(new Date().toLocaleDateString())</script></span><a href="/">首页</a><a href="/mobile/">手机版</a></div>
  <div class="nav"><a href="/">首页</a><a href="/zxyw/">政协要闻</a><a href="/lzfc/">履职风采</a><a href="/wyzc/">委员之窗</a><a href="/zxqk/">政协期刊</a><a href="/wszt/">网上专题</a></div>
</div>
<div class="container">
  <div class="position">您的位置 : <a href="../../../../../">首页</a> &gt; <a href="../../../../">政协期刊</a> &gt; <a href="../../../">北京观察</a> &gt; <a href="../../">2020-03</a> &gt; <a href="../">区政协 Districts</a></div>
  <div class="article">
    <h2 class="art-title">凝聚抗“疫”政协合力</h2>
    <div class="art-author">张斯伟</div>
    <div class="art-info">时间:2020-03-24&nbsp;&nbsp;&nbsp;来源:2020年03期</div>
    <div class="art-content" id="zoom">
      <div class="TRS_Editor">
{chr(10).join(paras)}
      </div>
    </div>
    <div class="art-tools"><a href="javascript:window.print();">打印</a><a href="javascript:window.close();">关闭</a></div>
  </div>
  <div class="related"><div class="tit">相关文章</div><ul>{related}</ul></div>
</div>
<div class="footer">
  <p>主办：北京市政协办公厅 &nbsp; 承办：北京市政协信息中心</p>
  <p>版权所有：北京市政协 &nbsp; <a href="https://beian.miit.gov.cn">京ICP备05065553号</a> &nbsp; 网站标识码：1100000064</p>
</div>
</body>
</html>
'''
write('seed003_trs', page003, gold(e['title'], '2020-03-24', body, '2020年03期', url=e['url'],
      expect={'author': e['author'], 'source': e['source'], 'channel': e['channel'], 'published': '2020-03-24'},
      seed='003_1f6bdea46cc4949c'))

# ---------------------------------------------------------------- seed 004: 广安统战
e = expected('004_c7a99b370a5a601c')
body = [fw(p) for p in e['body']]
heads = {'一、强力统筹,周密部署', '二、广泛发动,积极响应', '三、同心同向,奋力抗疫'}
paras, n = [], 0
for p in body:
    if p.startswith('图为'):
        n += 1
        paras.append(f'<p style="text-align: center;"><img src="/uploadfile/2020/0201/2020020110{n:02d}1234.jpg" width="600" height="400" border="0" alt="" /></p>')
        paras.append(f'<p style="text-align: center;">{esc(p)}</p>')
    elif p in {fw(h) for h in heads}:
        paras.append(f'<p><strong>　　{esc(p)}</strong></p>')
    else:
        paras.append(f'<p>　　{esc(p)}</p>')
page004 = f'''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(e["title"])}-广安统一战线</title>
<meta name="keywords" content="广安统战,疫情防控" />
<link href="/template/default/css/css.css" rel="stylesheet" type="text/css" />
</head>
<body>
<div class="topbar">
  <div class="clock">2025年07月08日 04:40:02 星期二</div>
  <div class="links"><a href="javascript:void(0)" onclick="AddFavorite()">加入收藏</a> <a href="javascript:void(0)" onclick="SetHome(this)">设为首页</a></div>
</div>
<div class="banner"><img src="/template/default/images/banner.jpg" alt="中共广安市委统战部" /></div>
<div class="menu"><a href="/">网站首页</a> <a href="/html/tzyw/">统战要闻</a> <a href="/html/dpgz/">多党合作</a> <a href="/html/mzzj/">民族宗教</a> <a href="/html/gatq/">港澳台侨</a> <a href="/html/dwgb/">党外干部</a> <a href="/html/fgjj/">非公经济</a> <a href="/html/xdjc/">新的社会阶层</a></div>
<div class="main">
  <div class="position">您当前的位置: <a href="/">首页</a> &gt; <a href="/html/tzyw/">统战要闻</a></div>
  <div class="show">
    <h1>{esc(e["title"])}</h1>
    <div class="info">来源:<span class="source"></span>阅读:<span id="hits">0</span>发布时间:2020-02-01</div>
    <div class="content" id="zoom">
{chr(10).join(paras)}
    </div>
    <div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
    <div class="prenext">
      <p>上一篇：<a href="/html/2020/2-888-1.html">市委统战部召开疫情防控工作专题会议</a></p>
      <p>下一篇：<a href="/html/2020/2-890-1.html">民建广安市委捐赠防疫物资</a></p>
    </div>
  </div>
</div>
<div class="footer">
  <p>版权所有：中共广安市委统战部 &nbsp; 地址：广安市广安区金安大道二段 &nbsp; 电话：0826-2333xxx</p>
  <p><a href="https://beian.miit.gov.cn">蜀ICP备12015678号</a> &nbsp; 技术支持：广安市信息中心</p>
</div>
</body>
</html>
'''
write('seed004_unitedfront', page004, gold(e['title'], '2020-02-01', body, '办公室',
      url='http://gatyzx.gov.cn/html/2020/2-889-1.html',
      expect={'source': '办公室', 'channel': e['channel'], 'captions': [fw(c) for c in e['captions']]},
      seed='004_c7a99b370a5a601c'))


# ================================================================== trap pages


def ps(paras, indent='　　'):
    return '\n'.join(f'<p>{indent}{esc(p)}</p>' for p in paras)


NAV = ('<div class="nav"><a href="/">首页</a><a href="/zxyw/">政协要闻</a><a href="/lzdt/">履职动态</a>'
       '<a href="/tagz/">提案工作</a><a href="/wyfc/">委员风采</a><a href="/wszl/">文史资料</a><a href="/zxll/">政协理论</a></div>')
FOOT = ('<div class="footer"><p>主办：政协{city}市委员会办公室 &nbsp; 地址：{city}市人民路1号 &nbsp; 邮编：{zip}</p>'
        '<p>版权所有 © 政协{city}市委员会 &nbsp; <a href="https://beian.miit.gov.cn">{prov}ICP备{icp}号</a> &nbsp; '
        '{prov}公网安备 {psb}号 &nbsp; 网站标识码：{code}</p></div>')


def foot(city, prov, n):
    return FOOT.format(city=city, prov=prov, zip=f'7{n}0000', icp=f'0{n}01234', psb=f'{n}0100002000{n}', code=f'{n}2000000{n}')


# ------------------------------------------------------------------ stray </html> in a header include
body = [
    '6月18日，市政协召开十四届常委会第十二次会议，围绕“推动数字经济高质量发展”开展专题协商。市政协主席王志刚主持会议并讲话，市政协副主席李红、张建国、陈晓出席会议。',
    '会议听取了市发展改革委关于全市数字经济发展情况的通报。常委们结合前期调研成果，围绕完善数字基础设施、培育数字产业集群、推进产业数字化转型、加强数据安全保障等方面积极建言献策。',
    '王志刚指出，发展数字经济是把握新一轮科技革命和产业变革新机遇的战略选择。各级政协组织和广大政协委员要聚焦全市中心工作，深入调查研究，提出更多具有前瞻性、针对性、可操作性的意见建议。',
    '会议还审议通过了有关人事事项。',
]
page = f'''<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>市政协召开十四届常委会第十二次会议_政协天水市委员会</title>
<meta name="ArticleTitle" content="市政协召开十四届常委会第十二次会议">
</head>
<body>
<!--#include virtual="/include/header.shtml"-->
<div class="header"><div class="logo">政协天水市委员会</div>{NAV}</div>
<script>var nav = document.getElementsByClassName("nav");</script>
</body>
</html>
<!--end header-->
<div class="container">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zxyw/">政协要闻</a></div>
  <div class="article">
    <h1 class="article-title">市政协召开十四届常委会第十二次会议</h1>
    <div class="article-meta">发布时间：2021-06-18 17:05 &nbsp; 来源：市政协办公室 &nbsp; 浏览次数：<span id="hits">236</span></div>
    <div class="article-body">
{ps(body)}
    </div>
    <div class="article-tools">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
  </div>
</div>
{foot('天水', '陇', 3)}
</body>
</html>
'''
write('trap_stray_html_close', page, gold('市政协召开十四届常委会第十二次会议', '2021-06-18', body, '市政协办公室',
      url='http://www.tszx.gov.cn/zxyw/202106/t20210618_1034.html', expect={'channel': ['政协要闻']}))

# ------------------------------------------------------------------ GB2312 declared, bytes are UTF-8 (browser-saved)
body = [
    '为深入学习贯彻习近平新时代中国特色社会主义思想，营造比学赶超的良好氛围，4月22日，市政协机关开展“学习强国”知识竞赛活动，机关各党支部共派出6支代表队参赛。',
    '竞赛分为必答题、抢答题和风险题三个环节，内容涵盖党史、新中国史、改革开放史、社会主义发展史以及人民政协理论等知识。赛场上，选手们沉着冷静、对答如流，现场气氛热烈。',
    '经过激烈角逐，第二党支部代表队获得一等奖，第一党支部、第四党支部代表队获得二等奖。',
    '大家纷纷表示，将以此次竞赛为契机，持续深化理论学习，不断提高履职能力和服务水平。',
]
page = f'''<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="content-type" content="text/html;charset=GB2312">
<title>市政协机关开展“学习强国”知识竞赛活动--政协要闻--政协宝鸡网</title>
<meta name="publishdate" content="2021-04-23">
</head>
<body>
<div class="top">{NAV}</div>
<div class="path"><a href="/">政协宝鸡网</a>&gt;&gt;<a href="/zxyw/">政协要闻</a></div>
<h1>市政协机关开展“学习强国”知识竞赛活动</h1>
<div class="box01"><div class="fl">2021年04月23日08:30 &nbsp;来源：<a href="/">政协宝鸡网</a></div><div class="fr">分享到：<a class="wx">微信</a><a class="wb">微博</a></div></div>
<div class="box_con" id="rwb_zw">
{ps(body)}
<div class="edit">(责编：刘洋、王芳)</div>
</div>
<div class="box_tj"><h2>推荐阅读</h2><ul><li><a href="/n1/2021/0420/c1001-1.html">市政协召开党组理论学习中心组学习会</a></li></ul></div>
{foot('宝鸡', '陕', 4)}
</body>
</html>
'''
write('trap_gb2312_label_utf8_bytes', page, gold('市政协机关开展“学习强国”知识竞赛活动', '2021-04-23', body,
      '政协宝鸡网', url='http://www.bjzx.org.cn/n1/2021/0423/c1002-32086.html',
      expect={'encoding': 'utf-8 (declared gb2312 ignored)'}))

# ------------------------------------------------------------------ GBK bytes with characters outside GB2312, meta says gb2312
body = [
    '3月12日，市政协委员王喆、李堃、陈赟一行深入镕城镇，围绕“推进乡村产业振兴”开展专题调研。',
    '调研组先后走访了镕城镇现代农业产业园、珺山村特色种植基地和昇华食品加工企业，详细了解产业发展规划、龙头企业培育和农民增收等情况，并与镇村干部、种植大户座谈交流。',
    '调研组认为，镕城镇产业基础较好，但仍存在产业链条短、品牌影响力不强等问题。建议进一步加强规划引领，延伸产业链条，打造区域特色品牌，带动更多农民增收致富。',
]
page = f'''<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>市政协委员深入镕城镇开展乡村产业振兴专题调研-政协邢台网</title>
</head>
<body>
<table width="980" align="center"><tr><td>{NAV}</td></tr></table>
<table width="980" align="center">
<tr><td class="dqwz">您现在的位置：<a href="/">首页</a> &gt; <a href="/lzdt/">履职动态</a> &gt; 正文</td></tr>
<tr><td align="center" class="title"><b>市政协委员深入镕城镇开展乡村产业振兴专题调研</b></td></tr>
<tr><td align="center" class="info">作者：赵珺 &nbsp; 发布时间：2021-03-15 &nbsp; 点击数：<font color=red>512</font></td></tr>
<tr><td class="content">
{ps(body)}
</td></tr>
</table>
{foot('邢台', '冀', 5).replace(' © ', ' ')}
</body>
</html>
'''
write('trap_gbk_beyond_gb2312', page, gold('市政协委员深入镕城镇开展乡村产业振兴专题调研', '2021-03-15', body, None,
      url='http://www.xtzx.gov.cn/lzdt/2021/0315/321.html',
      expect={'encoding': 'gb18030 (declared gb2312)', 'author': '赵珺', 'channel': ['履职动态']}),
      encoding='gbk')

# ------------------------------------------------------------------ GBK, no charset anywhere
body = [
    '近日，区政协组织部分政协委员视察全区重点民生项目建设情况。委员们先后来到喆园社区养老服务中心、堃山路改造工程和第三中学新校区建设现场，实地察看项目进展。',
    '委员们认为，全区民生项目推进有力、成效明显，建议进一步加强资金保障和质量监管，确保项目早日建成投用，让群众有更多获得感。',
]
page = f'''<html>
<head>
<title>区政协组织委员视察重点民生项目建设</title>
</head>
<body>
<div class="head">政协邯郸市丛台区委员会</div>
<div class="main">
<div class="title">区政协组织委员视察重点民生项目建设</div>
<div class="date">日期：2022年5月20日</div>
<div class="text">
{ps(body)}
</div>
</div>
<div class="foot">版权所有：政协邯郸市丛台区委员会 技术支持：邯郸网络科技有限公司</div>
</body>
</html>
'''
write('trap_gbk_undeclared', page, gold('区政协组织委员视察重点民生项目建设', '2022-05-20', body, None,
      url='http://www.ctqzx.gov.cn/show.asp?id=1187', expect={'encoding': 'gb18030'}), encoding='gbk')

# ------------------------------------------------------------------ headline repeated inside the text (split with <br>)
body = [
    '各县区政协，市政协各专门委员会：',
    '为做好2022年度政协委员履职考评工作，根据《政协宁夏回族自治区中卫市委员会委员履职考评办法》，经研究，现将有关事项通知如下。',
    '一、考评对象为市政协全体委员。考评内容包括参加会议、提交提案、反映社情民意、参加视察调研等情况。',
    '二、请各委员于12月20日前登录政协委员履职平台，如实填报本年度履职情况，并上传相关佐证材料。',
    '三、各专门委员会要认真做好联系委员的履职情况审核工作，于12月28日前将审核意见报送市政协办公室。',
    '政协中卫市委员会办公室',
    '2022年12月8日',
]
page = f'''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>关于做好2022年度政协委员履职考评工作的通知 - 政协中卫市委员会</title>
</head>
<body>
<header>{NAV}</header>
<main>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
<article>
<h1>关于做好2022年度政协委员履职考评工作的通知</h1>
<p class="meta"><span>发布日期：2022-12-08</span><span>来源：市政协办公室</span><span>【字体：<a>大</a> <a>中</a> <a>小</a>】</span></p>
<div class="content">
<p style="text-align:center"><strong>关于做好2022年度政协委员<br>履职考评工作的通知</strong></p>
<p>{esc(body[0])}</p>
{ps(body[1:5])}
<p style="text-align:right">{esc(body[5])}</p>
<p style="text-align:right">{esc(body[6])}</p>
</div>
</article>
</main>
{foot('中卫', '宁', 6)}
</body>
</html>
'''
write('trap_headline_repeated', page, gold('关于做好2022年度政协委员履职考评工作的通知', '2022-12-08', body, '市政协办公室',
      url='http://www.zwszx.gov.cn/tzgg/202212/t20221208_3891.html',
      expect={'signed_by': '政协中卫市委员会办公室', 'signed_date': '2022-12-08', 'channel': ['通知公告']}))

# ------------------------------------------------------------------ hidden mobile duplicate (inline style) + class-only duplicate
body = [
    '11月9日，市政协召开“深化营商环境改革”专题议政性常委会会议，邀请部分企业家政协委员和市直有关部门负责同志协商交流。',
    '会上，8位常委和委员围绕优化政务服务、降低企业成本、保护市场主体合法权益等作了发言。市营商环境建设局等部门负责同志作了回应。',
    '会议强调，要坚持问题导向，聚焦企业反映强烈的痛点难点堵点问题，提出务实管用的对策建议，为打造一流营商环境贡献政协力量。',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>市政协召开专题议政性常委会会议_政协白银市委员会</title></head>
<body>
{NAV}
<div class="pc-article">
  <h1 class="tit">市政协召开专题议政性常委会会议</h1>
  <div class="info">发布时间：2020-11-10 09:12:40 &nbsp; 来源：研究室</div>
  <div class="con">
{ps(body)}
  </div>
</div>
<div class="mobile-article" style="display: none">
  <h1>市政协召开专题议政性常委会会议</h1>
  <div class="m-info">2020-11-10</div>
{ps(body, indent='')}
</div>
{foot('白银', '甘', 7)}
</body>
</html>
'''
write('trap_mobile_duplicate_hidden', page, gold('市政协召开专题议政性常委会会议', '2020-11-10', body, '研究室',
      url='http://www.byzx.gov.cn/zxyw/20201110/1325.html'))

page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>市政协召开专题议政性常委会会议_政协白银市委员会</title>
<style>@media (max-width: 768px) {{ .pc-con {{ display: none }} }} @media (min-width: 769px) {{ .m-con {{ display: none }} }}</style></head>
<body>
{NAV}
<div class="article">
  <h1 class="tit">市政协召开专题议政性常委会会议</h1>
  <div class="info">发布时间：2020-11-10 09:12:40 &nbsp; 来源：研究室</div>
  <div class="article-content">
    <div class="pc-con">
{ps(body)}
    </div>
    <div class="m-con">
{ps(body, indent='')}
    </div>
  </div>
</div>
{foot('白银', '甘', 7)}
</body>
</html>
'''
write('trap_mobile_duplicate_css', page, gold('市政协召开专题议政性常委会会议', '2020-11-10', body, '研究室',
      url='http://www.byzx.gov.cn/zxyw/20201110/1326.html'))

# ------------------------------------------------------------------ titles: site suffix, 1-10月, —— subtitle
body = [
    '截至10月底，市政协十四届五次会议以来立案的386件提案已全部办复，办复率100%，委员对办理结果满意和基本满意率达98.7%。',
    '今年以来，市政协坚持把提高提案质量作为提案工作的生命线，完善提案审查、督办和评价机制，推动一批事关民生福祉的建议落地见效。',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>1-10月市政协提案办复率达100%-政协酒泉网</title></head>
<body>
{NAV}
<div class="main">
<div class="location">所在位置：<a href="/">首页</a> › <a href="/tagz/">提案工作</a></div>
<div class="detail">
<div class="detail-title">1-10月市政协提案办复率达100%</div>
<div class="detail-info">时间：2021年11月02日 来源：提案委员会</div>
<div class="detail-content">
{ps(body)}
</div>
</div>
</div>
{foot('酒泉', '甘', 8)}
</body>
</html>
'''
write('trap_title_with_range', page, gold('1-10月市政协提案办复率达100%', '2021-11-02', body, '提案委员会',
      url='http://www.jqzx.gov.cn/tagz/1102.html', expect={'channel': ['提案工作']}))

body = [
    '2月23日，政协张掖市第五届委员会常务委员会第三次会议召开。会议传达学习了全国政协、省政协有关会议精神，审议通过了市政协2023年度协商计划。',
    '会议要求，全体常委要聚焦全市发展大局，积极建言资政，广泛凝聚共识，为奋力谱写中国式现代化张掖篇章贡献智慧和力量。',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>凝心聚力谋发展 同心协力抓落实——市政协召开五届三次常委会议_政协张掖市委员会</title></head>
<body>
{NAV}
<div class="wrap">
<div class="content-box">
{ps(body)}
<p style="text-align:right">（研究室）</p>
</div>
</div>
{foot('张掖', '甘', 9)}
</body>
</html>
'''
write('trap_title_with_dash_subtitle', page, gold('凝心聚力谋发展 同心协力抓落实——市政协召开五届三次常委会议',
      '2023-02-24', body + ['（研究室）'], '研究室', url='http://www.zyzx.gov.cn/zxyw/20230224/1401.html',
      expect={'flags': ['no_title_in_text'], 'source': '研究室'}))

body = [
    '近日，市政协召开主席会议，听取市政协各专门委员会2022年工作情况汇报，研究部署2023年重点工作。',
    '会议指出，过去一年，各专门委员会认真履行职能，在协商议政、民主监督、调查研究等方面做了大量卓有成效的工作。',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>市政协召开主席会议_政协兰州市委员会</title></head>
<body>
{NAV}
<div class="article">
<div class="info">发布日期：2023年01月05日</div>
<div class="text">
{ps(body)}
</div>
</div>
{foot('兰州', '陇', 1)}
</body>
</html>
'''
write('trap_title_site_suffix_only', page, gold('市政协召开主席会议', '2023-01-05', body, None,
      url='http://www.lzzx.gov.cn/art/2023/1/5/art_11748_900001.html', expect={'flags': ['no_title_in_text']}))

# ------------------------------------------------------------------ copyright year and dated related list near the text
body = [
    '为进一步提升社情民意信息工作质量，市政协于日前举办社情民意信息工作培训班，各县区政协分管领导、信息工作人员及部分市政协委员共80余人参加培训。',
    '培训班邀请省政协信息中心负责同志，围绕社情民意信息的选题、撰写和报送等内容进行了专题辅导，并结合典型案例进行了深入浅出的讲解。',
    '参训人员纷纷表示，培训内容针对性强，对做好社情民意信息工作具有很强的指导意义。',
]
related = ''.join(f'<li><a href="/lzdt/{n}.html">{t}</a><span class="date">{d}</span></li>' for t, d, n in [
    ('市政协召开社情民意信息工作座谈会', '2024-03-01', 2101), ('全市政协信息工作会议召开', '2023-12-15', 2088),
    ('市政协表彰优秀社情民意信息', '2023-11-20', 2075)])
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>市政协举办社情民意信息工作培训班_政协金昌市委员会</title></head>
<body>
{NAV}
<div class="main">
<div class="left">
<h2>市政协举办社情民意信息工作培训班</h2>
<div class="txt">
{ps(body)}
</div>
<div class="xgxw"><h3>相关新闻</h3><ul>{related}</ul></div>
</div>
<div class="right"><h3>最新动态</h3><ul><li><a href="/lzdt/2110.html">市政协开展委员读书活动</a> 2024-05-06</li><li><a href="/lzdt/2109.html">市政协召开机关党建工作会议</a> 2024-04-28</li></ul></div>
</div>
<div class="footer"><p>Copyright © 2008-2024 政协金昌市委员会 版权所有</p><p><a href="https://beian.miit.gov.cn">陇ICP备10001234号</a></p></div>
</body>
</html>
'''
write('trap_copyright_related_dates', page, gold('市政协举办社情民意信息工作培训班', '2021-06-18', body, None,
      url='http://www.jczx.gov.cn/lzdt/1890.html', hint={'published': '2021-06-18'}))
write('trap_copyright_related_nodate', page, gold('市政协举办社情民意信息工作培训班', None, body, None,
      url='http://www.jczx.gov.cn/lzdt/1890.html', expect={'flags': ['no_date']}))

# ------------------------------------------------------------------ 政府信息公开 table, 文号, attachments, signature
body = [
    '兰政协发〔2020〕3号',
    '各县区政协，市政协各专门委员会，机关各处室：',
    '现将《政协兰州市委员会2020年协商工作计划》印发给你们，请结合实际认真贯彻落实。',
    '附件：1.政协兰州市委员会2020年协商工作计划',
    '2.2020年重点提案督办分工表',
    '政协兰州市委员会',
    '2020年3月5日',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>政协兰州市委员会关于印发2020年协商工作计划的通知_政府信息公开_政协兰州市委员会</title></head>
<body>
{NAV}
<div class="xxgk">
<table class="xxgk-table" width="100%" border="1">
<tr><td class="lab">索&nbsp;引&nbsp;号：</td><td>11620100013900123X/2020-00015</td><td class="lab">主题分类：</td><td>综合政务\\其他</td></tr>
<tr><td class="lab">发文机关：</td><td>政协兰州市委员会</td><td class="lab">成文日期：</td><td>2020-03-05</td></tr>
<tr><td class="lab">标　　题：</td><td colspan="3">政协兰州市委员会关于印发2020年协商工作计划的通知</td></tr>
<tr><td class="lab">文　　号：</td><td>兰政协发〔2020〕3号</td><td class="lab">发布日期：</td><td>2020-03-09</td></tr>
<tr><td class="lab">有 效 性：</td><td colspan="3">有效</td></tr>
</table>
<div class="xxgk-title">政协兰州市委员会关于印发2020年协商工作计划的通知</div>
<div class="xxgk-content" id="zoom">
<p style="text-align:center">{esc(body[0])}</p>
<p>{esc(body[1])}</p>
<p>　　{esc(body[2])}</p>
<p>　　附件：<a href="/module/download/downfile.jsp?classid=0&filename=2020xsjh.pdf">1.政协兰州市委员会2020年协商工作计划</a></p>
<p>　　　　　<a href="/attach/0/2020zdtadb.xlsx">2.2020年重点提案督办分工表</a></p>
<p style="text-align:right">{esc(body[5])}</p>
<p style="text-align:right">{esc(body[6])}</p>
</div>
<div class="xxgk-files"><span>相关附件：</span><a href="/attach/0/2020xsjh.docx">政协兰州市委员会2020年协商工作计划（可编辑版）.docx</a></div>
</div>
{foot('兰州', '陇', 1)}
</body>
</html>
'''
info = {'索引号': '11620100013900123X/2020-00015', '主题分类': '综合政务\\其他', '发文机关': '政协兰州市委员会',
        '成文日期': '2020-03-05', '标题': '政协兰州市委员会关于印发2020年协商工作计划的通知',
        '文号': '兰政协发〔2020〕3号', '发布日期': '2020-03-09', '有效性': '有效'}
write('trap_info_table', page, gold('政协兰州市委员会关于印发2020年协商工作计划的通知', '2020-03-09', body, None,
      attachments=['1.政协兰州市委员会2020年协商工作计划', '2.2020年重点提案督办分工表',
                   '政协兰州市委员会2020年协商工作计划（可编辑版）.docx'],
      url='http://www.lzzx.gov.cn/xxgk/1234.html',
      expect={'doc_number': '兰政协发〔2020〕3号', 'info': info, 'signed_by': '政协兰州市委员会',
              'signed_date': '2020-03-05',
              'attachment_kinds': ['pdf', 'xlsx', 'docx']}))

# ------------------------------------------------------------------ Chinese-numeral date in a signature
body = [
    '各民主党派市委、市工商联，各人民团体：',
    '市政协十一届五次会议定于2012年3月20日至23日召开。请各单位按照通知要求，于3月12日前将大会发言材料报送市政协办公室。',
    '特此通知。',
    '政协铜川市委员会办公室',
    '二〇一二年三月五日',
]
page = f'''<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>关于报送市政协十一届五次会议大会发言材料的通知</title></head>
<body>
<div id="top">{NAV}</div>
<div id="nr">
<div class="bt">关于报送市政协十一届五次会议大会发言材料的通知</div>
<div class="sj">发布时间：2012年03月08日&nbsp;&nbsp;&nbsp;【字号：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="zw">
<p>{esc(body[0])}</p>
{ps(body[1:3])}
<p align="right">{esc(body[3])}</p>
<p align="right">{esc(body[4])}</p>
</div>
<div class="fx">扫一扫在手机打开当前页</div>
</div>
{foot('铜川', '陕', 2)}
</body>
</html>
'''
write('trap_chinese_numeral_date', page, gold('关于报送市政协十一届五次会议大会发言材料的通知', '2012-03-08', body, None,
      url='http://www.tczx.gov.cn/tzgg/2012/0308/88.html',
      expect={'signed_by': '政协铜川市委员会办公室', 'signed_date': '2012-03-05'}))

# ------------------------------------------------------------------ yearless date on a mirror page; year from the list
body = [
    '连日来，县政协组织机关干部下沉社区，协助开展疫情防控工作。干部们分组轮班值守小区出入口，严格落实测温、扫码、登记等措施。',
    '县政协还号召广大政协委员积极捐款捐物，截至目前共筹集防疫物资价值30余万元。',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>县政协干部下沉社区助力疫情防控 - 资讯快报网</title></head>
<body>
<div class="hd"><a href="/">资讯快报网</a> <a href="/news/">新闻</a> <a href="/local/">地方</a></div>
<div class="bd">
<h1>县政协干部下沉社区助力疫情防控</h1>
<div class="meta">发布时间：1月30日 &nbsp; 编辑：小编</div>
<div class="txt">
{ps(body)}
</div>
<div class="tags">标签：<a>政协</a> <a>疫情防控</a></div>
</div>
<div class="ft">© 资讯快报网 本站内容均转载自网络</div>
</body>
</html>
'''
write('trap_yearless_date', page, gold('县政协干部下沉社区助力疫情防控', '2020-01-30', body, None,
      url='http://www.zixunkuaibao.cn/local/88123.html', hint={'published': '2020-02-03'},
      expect={'flags': ['date_without_year']}))

# ------------------------------------------------------------------ a short 公示 with a name list: less text than the menus
body = [
    '根据《政协某市委员会委员履职考评办法》，经各界别推荐、主席会议审议，拟确定以下同志为2022年度优秀政协委员，现予公示：',
    '王建华 李秀英 张伟 刘洋 陈静 杨帆 赵磊 黄丽',
    '公示期为2023年1月10日至1月16日。如有异议，请在公示期内向市政协办公室反映。',
    '联系电话：0938-8212345',
    '政协天水市委员会办公室',
    '2023年1月10日',
]
menu = ''.join(f'<li><a href="/c{i}/">{t}</a></li>' for i, t in enumerate(
    ['首页', '政协要闻', '履职动态', '提案工作', '委员风采', '文史资料', '理论研究', '专题专栏', '机关建设', '政协章程', '组织机构', '联系我们']))
side = ''.join(f'<li><a href="/zxyw/{i}.html">市政协召开第{i}次主席会议研究部署重点工作</a></li>' for i in range(1, 9))
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>公示_政协天水市委员会</title></head>
<body>
<div class="top"><ul class="menu">{menu}</ul></div>
<div class="main">
 <div class="left"><h3>通知公告</h3><ul>{side}</ul></div>
 <div class="right">
  <div class="dqwz">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/tzgg/">通知公告</a></div>
  <h2 class="bt">公 示</h2>
  <div class="sj">2023-01-10</div>
  <div class="nr">
   <p>　　{esc(body[0])}</p>
   <p style="text-align:center">{esc(body[1])}</p>
   <p>　　{esc(body[2])}</p>
   <p>　　{esc(body[3])}</p>
   <p style="text-align:right">{esc(body[4])}</p>
   <p style="text-align:right">{esc(body[5])}</p>
  </div>
 </div>
</div>
{foot('天水', '陇', 3)}
</body>
</html>
'''
write('trap_short_notice', page, gold('公 示', '2023-01-10', body, None,
      url='http://www.tszx.gov.cn/tzgg/2023/0110/1550.html',
      expect={'signed_by': '政协天水市委员会办公室', 'signed_date': '2023-01-10', 'channel': ['通知公告']}))

# ------------------------------------------------------------------ a 名单 table after one sentence
names = [('关于加快老旧小区改造的建议', '民盟市委'), ('关于推进县域医共体建设的提案', '王建华'),
         ('关于加强中小学生心理健康教育的提案', '李秀英'), ('关于发展壮大村级集体经济的建议', '农工党市委'),
         ('关于优化营商环境的提案', '市工商联'), ('关于加强黄河流域生态保护的提案', '张伟'),
         ('关于完善养老服务体系的建议', '民进市委'), ('关于推动文旅融合发展的提案', '刘洋')]
rows = ''.join(f'<tr><td>{i}</td><td>{t}</td><td>{p}</td></tr>' for i, (t, p) in enumerate(names, 1))
body = ['经市政协十四届常委会第九次会议审议通过，评选出2022年度优秀提案8件，现予通报。', '序号 提案题目 提案者'] + \
       [f'{i} {t} {p}' for i, (t, p) in enumerate(names, 1)]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>2022年度优秀提案名单_政协平凉市委员会</title></head>
<body>
{NAV}
<div class="main">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tagz/">提案工作</a></div>
<h1>2022年度优秀提案名单</h1>
<div class="info">发布时间：2023-02-15 来源：提案委员会 浏览次数：128</div>
<div class="article">
<p>　　{esc(body[0])}</p>
<table class="MsoTableGrid" border="1" cellspacing="0" width="90%"><tbody>
<tr><td><b>序号</b></td><td><b>提案题目</b></td><td><b>提案者</b></td></tr>
{rows}
</tbody></table>
</div>
</div>
{foot('平凉', '甘', 8)}
</body>
</html>
'''
write('trap_table_list', page, gold('2022年度优秀提案名单', '2023-02-15', body, '提案委员会',
      url='http://www.plzx.gov.cn/tagz/202302/t20230215_2201.html', expect={'channel': ['提案工作']}))

# ------------------------------------------------------------------ comments and related summaries around a short article
body = [
    '5月20日，市政协组织部分委员开展“委员读书日”活动，围绕《习近平谈治国理政》第四卷进行交流研讨。',
    '委员们结合履职实践谈体会、话收获，一致表示要把读书学习同履职尽责结合起来，不断提高建言资政和凝聚共识的能力。',
]
rel = ''.join(f'<li><a href="/lzdt/{n}.html">{t}</a><p>{d}</p></li>' for n, t, d in [
    (3301, '市政协召开读书活动推进会', '会议总结了前一阶段读书活动开展情况，对下一步工作作出安排部署。'),
    (3298, '委员读书群开展线上交流', '委员们围绕乡村振兴主题，在线上读书群分享学习心得，交流履职体会。'),
    (3290, '市政协机关举办读书分享会', '机关干部结合工作实际，分享读书感悟，营造了浓厚的学习氛围。')])
cmts = ''.join(f'<div class="comment-item"><span class="user">网友{u}</span><p>{t}</p><span class="time">2023-05-2{i}</span></div>'
               for i, (u, t) in enumerate([('张**', '这样的读书活动很有意义，希望多多开展，带动更多人读书学习。'),
                                           ('李**', '委员们的发言很有见地，期待看到更多高质量的建言成果。'),
                                           ('王**', '读书明理，学以致用，为政协委员点赞！'),
                                           ('赵**', '希望活动能够常态化开展，形成良好的读书氛围。')]))
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>市政协开展“委员读书日”活动-政协武威网</title></head>
<body>
{NAV}
<div class="wrap">
 <div class="article">
  <h1>市政协开展“委员读书日”活动</h1>
  <div class="meta">2023-05-21 10:15 来源：学习文史委</div>
  <div class="content">
{ps(body)}
  </div>
 </div>
 <div class="related-news"><h3>相关阅读</h3><ul>{rel}</ul></div>
 <div class="comments"><h3>网友评论</h3>{cmts}<div class="post"><a>我要评论</a></div></div>
</div>
{foot('武威', '甘', 9)}
</body>
</html>
'''
write('trap_comments_and_related', page, gold('市政协开展“委员读书日”活动', '2023-05-21', body, '学习文史委',
      url='http://www.wwzx.gov.cn/lzdt/3305.html'))
