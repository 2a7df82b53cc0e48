"""Write the template pages (``pages/tpl_*.html``) and their gold records.

Each page reproduces one real CMS template of a Chinese government, 人大, 纪委 or 政协 site the
corpus did not cover yet (gov.cn policy pages, a 大汉 信息公开目录, TRS pages of a ministry, a
provincial portal, table-layout county sites, PHPCMS, 动易, FrontPage-era pages, WeChat pastes),
with the chrome those templates carry. The gold records were written from what a reader of the
page sees, before the extractor was run on any of these pages: they are the held-out check of
rules that were written for other pages. Names, places, document numbers and events are
invented.

Rebuild byte for byte with ``python tests/corpus/write_templates.py`` (two pages are GBK).
"""
from pagekit import esc, gold, write


def ps(paras, indent='　　', attrs=''):
    return '\n'.join(f'<p{attrs}>{indent}{esc(p)}</p>' for p in paras)


# ================================================================== gov.cn 国务院政策文件库 page
title = '国务院办公厅关于推进基层应急广播体系建设的指导意见'
body = [
    '国办发〔2023〕27号',
    '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
    '基层应急广播是突发事件预警信息发布和应急宣传的重要渠道，是打通预警信息发布“最后一公里”的有效手段。为推进基层应急广播体系建设，提升基层应急管理能力，经国务院同意，现提出如下意见。',
    '一、总体要求',
    '以习近平新时代中国特色社会主义思想为指导，坚持人民至上、生命至上，坚持统筹规划、共建共享，坚持平急结合、实用管用。到2025年，基本建成覆盖城乡、上下贯通、安全可靠的基层应急广播体系，预警信息发布覆盖率和时效性显著提升。',
    '二、重点任务',
    '（一）完善应急广播网络。统筹利用广播电视、通信等现有设施，推进县级应急广播平台与上级平台互联互通，加快行政村（社区）应急广播终端建设，重点提升偏远地区、灾害易发地区覆盖水平。',
    '（二）健全预警信息发布机制。明确预警信息发布的责任主体、审批程序和发布时限，推动气象、水利、自然资源、地震等部门预警信息通过应急广播第一时间精准发布。',
    '（三）加强运行维护管理。建立健全应急广播设施日常巡检、定期测试和故障报修制度，落实运维经费和人员，确保关键时刻发得出、听得到、用得上。',
    '三、保障措施',
    '各地区要将基层应急广播体系建设纳入本地区应急管理规划，加强组织领导，落实资金保障。各有关部门要按照职责分工，加强协同配合，强化督促指导，确保各项任务落到实处。',
    '国务院办公厅',
    '2023年7月10日',
    '（此件公开发布）',
]
heads = {'一、总体要求', '二、重点任务', '三、保障措施'}
paras = []
for p in body:
    if p == body[0]:
        paras.append(f'<p style="text-align: center;">{esc(p)}</p>')
    elif p == body[1]:
        paras.append(f'<p>{esc(p)}</p>')
    elif p in heads:
        paras.append(f'<p style="text-indent: 2em;"><strong>{esc(p)}</strong></p>')
    elif p in body[-3:-1]:
        paras.append(f'<p style="text-align: right;">{esc(p)}</p>')
    else:
        paras.append(f'<p style="text-indent: 2em;">{esc(p)}</p>')
page = f'''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=0">
<meta name="keywords" content="应急广播;预警信息;基层">
<meta name="description" content="国务院办公厅关于推进基层应急广播体系建设的指导意见">
<meta name="firstpublishedtime" content="2023-07-21-18:01:51">
<meta name="lastmodifiedtime" content="2023-07-21-18:05:12">
<meta name="catalog" content="国务院文件">
<meta name="contentid" content="7b3c1f9a2e6d4c0b8a1e5f2d9c3b7a10">
<meta name="publishedtype" content="1">
<meta name="filetype" content="0">
<meta name="pagetype" content="1">
<meta name="url" content="https://www.gov.cn/zhengce/content/202307/content_6893312.htm">
<meta name="manuscriptId" content="6893312">
<title>{title}_综合政务_中国政府网</title>
<link rel="stylesheet" href="/images/trs-content.css">
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div class="header">
  <div class="header_top">
    <div class="w1100">
      <div class="header_top_l"><a href="/" target="_blank">首页</a> | <a href="javascript:;" id="s2t">简</a> | <a href="javascript:;" id="t2s">繁</a> | <a href="https://english.www.gov.cn/" target="_blank">EN</a></div>
      <div class="header_top_r"><a href="javascript:;">登录</a> | <a href="javascript:;">个人中心</a> | <a href="javascript:;">退出</a> | <a href="https://mail.gov.cn" target="_blank">邮箱</a> | <a href="javascript:;" class="wza">无障碍</a></div>
    </div>
  </div>
  <div class="header_logo w1100"><a href="/"><img src="/images/logo.png" alt="中国政府网"></a>
    <div class="search"><input type="text" placeholder="请输入搜索内容"><button>搜索</button></div></div>
  <div class="header_nav"><ul class="w1100">
    <li><a href="/">首页</a></li><li><a href="/yaowen/">新闻</a></li><li><a href="/zhuanti/">专题</a></li><li class="on"><a href="/zhengce/">政策</a></li>
    <li><a href="/hudong/">互动</a></li><li><a href="/fuwu/">服务</a></li><li><a href="/shuju/">数据</a></li><li><a href="/guoqing/">国情</a></li></ul></div>
</div>
<div class="w1100">
  <div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; <a href="/zhengce/zhengceku/">国务院政策文件库</a> &gt; <a href="/zhengce/xxgk/">国务院文件</a></div>
  <div class="policyLibraryOverview_header">
    <table class="bd1" width="100%" border="0" cellspacing="1" cellpadding="0" bgcolor="#bfd3e5">
      <tbody>
      <tr><td width="90" bgcolor="#eef3f7"><b>索 引 号：</b></td><td width="250" bgcolor="#ffffff">000014349/2023-00061</td><td width="90" bgcolor="#eef3f7"><b>主题分类：</b></td><td bgcolor="#ffffff">综合政务\\应急管理</td></tr>
      <tr><td bgcolor="#eef3f7"><b>发文机关：</b></td><td bgcolor="#ffffff">国务院办公厅</td><td bgcolor="#eef3f7"><b>成文日期：</b></td><td bgcolor="#ffffff">2023年07月10日</td></tr>
      <tr><td bgcolor="#eef3f7"><b>标　　题：</b></td><td colspan="3" bgcolor="#ffffff">{title}</td></tr>
      <tr><td bgcolor="#eef3f7"><b>发文字号：</b></td><td bgcolor="#ffffff">国办发〔2023〕27号</td><td bgcolor="#eef3f7"><b>发布日期：</b></td><td bgcolor="#ffffff">2023年07月21日</td></tr>
      </tbody>
    </table>
  </div>
  <div class="pages_content mhide" id="UCAP-CONTENT">
{chr(10).join(paras)}
  </div>
  <div class="editor">【<a href="javascript:;" class="jiucuo">我要纠错</a>】 责任编辑：张越</div>
  <div class="share-box mhide">
    <div class="share">分享到：<a href="javascript:;" class="wx" title="微信"></a><a href="javascript:;" class="wb" title="微博"></a></div>
    <div class="ewm"><img src="/images/qrcode.png" alt=""><p>扫一扫在手机打开当前页</p></div>
  </div>
  <div class="related">
    <h3>相关稿件</h3>
    <ul>
      <li><a href="/zhengce/202307/content_6893388.htm">应急管理部有关负责人就《关于推进基层应急广播体系建设的指导意见》答记者问</a><span>2023-07-21</span></li>
      <li><a href="/zhengce/zhengceku/202305/content_6874510.htm">国务院办公厅关于印发“十四五”国家应急体系规划的通知</a><span>2023-05-12</span></li>
    </ul>
  </div>
</div>
<div class="footer">
  <div class="w1100">
    <div class="footer_links">链接：<a href="http://www.npc.gov.cn/">全国人大</a> | <a href="http://www.cppcc.gov.cn/">全国政协</a> | <a href="https://www.ccdi.gov.cn/">国家监察委员会</a> | <a href="https://www.court.gov.cn/">最高人民法院</a></div>
    <p><a href="/about/">关于本网</a> | <a href="/sitemap/">网站声明</a> | <a href="/contact/">联系我们</a> | <a href="/jiucuo/">网站纠错</a></p>
    <p>主办单位：国务院办公厅　运行维护单位：中国政府网运行中心</p>
    <p>版权所有：中国政府网　中文域名：中国政府网.政务</p>
    <p>网站识别码bm01000001　<a href="https://beian.miit.gov.cn/">京ICP备05070218号</a>　京公网安备11010202000001号</p>
  </div>
</div>
<script src="/js/share.js"></script>
</body>
</html>
'''
info = {'索引号': '000014349/2023-00061', '主题分类': '综合政务\\应急管理', '发文机关': '国务院办公厅',
        '成文日期': '2023年07月10日', '标题': title, '发文字号': '国办发〔2023〕27号', '发布日期': '2023年07月21日'}
write('tpl_govcn_policy', page, gold(title, '2023-07-21', body, '国务院办公厅',
      url='https://www.gov.cn/zhengce/content/202307/content_6893312.htm',
      expect={'doc_number': '国办发〔2023〕27号', 'signed_by': '国务院办公厅', 'signed_date': '2023-07-10',
              'info': info, 'channel': ['政策', '国务院政策文件库', '国务院文件']}))

# ================================================================== 大汉 (Hanweb) 政府信息公开目录 page
title = '清溪县发展和改革局关于印发《清溪县2023年重大项目建设计划》的通知'
body = [
    '清发改〔2023〕18号',
    '各乡镇人民政府、街道办事处，县级有关单位：',
    '经县政府同意，现将《清溪县2023年重大项目建设计划》印发给你们，请认真抓好落实。各项目责任单位要倒排工期、挂图作战，加快推进项目前期工作和建设进度，每月5日前将项目进展情况报送县发展和改革局。',
    '附件：清溪县2023年重大项目建设计划',
    '清溪县发展和改革局',
    '2023年5月10日',
]
tree = ''.join(f'<li><a href="/col/col12295{i}/index.html">{t}</a></li>' for i, t in enumerate(
    ['机构职能', '政策文件', '规划信息', '财政预决算', '重大建设项目', '公共资源配置', '人事信息', '统计信息',
     '应急管理', '建议提案办理', '政府信息公开指南', '政府信息公开制度', '政府信息公开年报', '依申请公开']))
page = f'''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>{esc(title)}</title>
<meta name="SiteName" content="清溪县人民政府">
<meta name="SiteDomain" content="www.qingxi.gov.cn">
<meta name="SiteIDCode" content="3311270001">
<meta name="ColumnName" content="政策文件">
<meta name="ColumnDescription" content="政策文件">
<meta name="ColumnKeywords" content="政策文件">
<meta name="ColumnType" content="政策文件">
<meta name="ArticleTitle" content="{esc(title)}">
<meta name="PubDate" content="2023-05-12 16:30">
<meta name="ContentSource" content="县发改局">
<meta name="Keywords" content="重大项目">
<meta name="Author" content="县发改局">
<meta name="Description" content="">
<meta name="Url" content="http://www.qingxi.gov.cn/art/2023/5/12/art_1229518821_1839275.html">
<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>
<script language="javascript" src="/module/jslib/urite/urite.min.js"></script>
<link href="/images/2213/style.css" type="text/css" rel="stylesheet">
</head>
<body>
<div id="hiddenLocation" style="display:none"><span id="col1_name">政策文件</span><span id="col1_url">/col/col1229518821/index.html</span></div>
<div class="top">
  <div class="top_l">欢迎访问清溪县人民政府门户网站</div>
  <div class="top_r"><a href="javascript:;" id="jt">简体</a> | <a href="javascript:;" id="ft">繁體</a> | <a href="javascript:;" onclick="aria.start()">无障碍浏览</a> | <a href="/col/col1229518000/index.html">English</a></div>
</div>
<div class="head"><img src="/images/2213/logo.png" alt="清溪县人民政府"></div>
<div class="nav"><a href="/">首页</a><a href="/col/col1229518100/index.html">走进清溪</a><a href="/col/col1229518200/index.html">要闻动态</a><a href="/col/col1229518300/index.html">政府信息公开</a><a href="/col/col1229518400/index.html">政务服务</a><a href="/col/col1229518500/index.html">政民互动</a></div>
<div class="main">
  <div class="xxgk_left">
    <div class="xxgk_left_tit">信息公开目录</div>
    <ul class="xxgk_tree">{tree}</ul>
  </div>
  <div class="xxgk_right">
    <div class="dqwz">您现在的位置：<a href="/">首页</a> &gt; <a href="/col/col1229518300/index.html">政府信息公开</a> &gt; <a href="/col/col1229518821/index.html">政策文件</a></div>
    <table class="xxgk_table" width="100%" border="0" cellspacing="0" cellpadding="0">
      <tr><td class="xxgk_tb_lf" width="15%">索引号</td><td width="35%">002611842/2023-123457</td><td class="xxgk_tb_lf" width="15%">公开方式</td><td>主动公开</td></tr>
      <tr><td class="xxgk_tb_lf">发布机构</td><td>清溪县发展和改革局</td><td class="xxgk_tb_lf">生成日期</td><td>2023-05-12</td></tr>
      <tr><td class="xxgk_tb_lf">文号</td><td>清发改〔2023〕18号</td><td class="xxgk_tb_lf">有效性</td><td>有效</td></tr>
      <tr><td class="xxgk_tb_lf">组配分类</td><td>部门文件</td><td class="xxgk_tb_lf">公开范围</td><td>面向全社会</td></tr>
    </table>
    <table width="100%" border="0" cellspacing="0" cellpadding="0">
      <tr><td class="title" align="center"><!--<$[标题名称]>begin-->{esc(title)}<!--<$[标题名称]>end--></td></tr>
      <tr><td class="bt_content" id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
<p style="text-align: center;">{esc(body[0])}</p>
<p>{esc(body[1])}</p>
<p style="text-indent: 2em;">{esc(body[2])}</p>
<p style="text-indent: 2em;">附件：<a href="/module/download/downfile.jsp?classid=0&amp;filename=5b1c9e8d2a7f4e6c.xls">清溪县2023年重大项目建设计划</a></p>
<p style="text-align: right;">{esc(body[4])}</p>
<p style="text-align: right;">{esc(body[5])}</p>
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
      </td></tr>
      <tr><td align="center" class="bt_link"><a href="javascript:window.print()">【打印本页】</a>&nbsp;&nbsp;<a href="javascript:window.close()">【关闭窗口】</a></td></tr>
    </table>
  </div>
</div>
<div class="footer">
  <p>主办单位：清溪县人民政府办公室　承办单位：清溪县大数据发展管理中心</p>
  <p>网站标识码：3311270001　<a href="https://beian.miit.gov.cn/">浙ICP备05012345号</a>　浙公网安备 33112702000101号</p>
  <p>建议使用1366*768分辨率，IE9以上浏览器</p>
</div>
<div align="center"><a href="http://www.hanweb.com" target="_blank">Produced By 大汉网络 大汉版通发布系统</a></div>
</body>
</html>
'''
write('tpl_hanweb_xxgk', page, gold(title, '2023-05-12', body, '清溪县发展和改革局',
      attachments=['清溪县2023年重大项目建设计划'],
      url='http://www.qingxi.gov.cn/art/2023/5/12/art_1229518821_1839275.html',
      expect={'doc_number': '清发改〔2023〕18号', 'signed_by': '清溪县发展和改革局', 'signed_date': '2023-05-10',
              'attachment_kinds': ['xls'], 'channel': ['政府信息公开', '政策文件']}))

# ================================================================== 国家发展改革委 TRS page, 字体 大中小, 相关链接
title = '国家发展改革委办公厅关于做好2023年城乡冷链物流设施建设项目储备工作的通知'
body = [
    '发改办经贸〔2023〕451号',
    '各省、自治区、直辖市及计划单列市、新疆生产建设兵团发展改革委：',
    '为加快补齐城乡冷链物流设施短板，推动冷链物流高质量发展，现就做好2023年城乡冷链物流设施建设项目储备工作有关事项通知如下。',
    '一、储备范围。重点支持产地冷链集配中心、销地冷链分拨中心和县域冷链物流设施建设项目，优先支持国家骨干冷链物流基地所在城市的项目。',
    '二、工作要求。请各地发展改革委会同有关部门认真组织项目申报，严格审核把关，确保项目前期工作扎实、建设条件成熟、资金来源落实，于2023年7月15日前将项目清单报送我委（经贸司）。',
    '三、其他事项。各地要加强项目储备的动态管理，对已开工项目及时跟踪调度，定期报送建设进展。',
    '附件：2023年城乡冷链物流设施建设项目汇总表',
    '国家发展改革委办公厅',
    '2023年6月8日',
]
paras = [f'<p>{esc(body[0])}</p>', f'<p>{esc(body[1])}</p>'] + \
    [f'<p>　　{esc(p)}</p>' for p in body[2:7]] + \
    [f'<p style="text-align: right;">{esc(p)}</p>' for p in body[7:]]
page = f'''<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{title}_国家发展和改革委员会</title>
<meta name="SiteName" content="国家发展和改革委员会">
<meta name="SiteDomain" content="www.ndrc.gov.cn">
<meta name="SiteIDCode" content="bm04000007">
<meta name="ColumnName" content="通知">
<meta name="ColumnType" content="通知">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2023-06-12 17:32:15">
<meta name="ContentSource" content="经贸司">
<meta name="Keywords" content="冷链物流">
<link rel="stylesheet" type="text/css" href="../../../../images/common.css">
<script type="text/javascript" src="../../../../images/jquery.min.js"></script>
</head>
<body>
<div class="header">
  <div class="header-top"><div class="container"><span class="date"><script>document.write(showDate());</script></span><span class="links"><a href="/">首页</a> | <a href="/fzggw/">机构设置</a> | <a href="/xxgk/">政务公开</a> | <a href="/fggz/">发展改革工作</a> | <a href="/hdjl/">互动交流</a></span></div></div>
  <div class="logo"><a href="/"><img src="../../../../images/logo.png" alt="中华人民共和国国家发展和改革委员会"></a></div>
</div>
<div class="container">
  <div class="path"><span>当前位置：</span><a href="../../../../">首页</a> &gt; <a href="../../../">政务公开</a> &gt; <a href="../../">政策</a> &gt; <a href="../">通知</a></div>
  <div class="article">
    <div class="article_title">{title}</div>
    <div class="article_time">
      <span>发布时间：2023/06/12</span>&nbsp;&nbsp;<span>来源：经贸司</span>
      <span class="fr">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】<a href="javascript:window.print();">【打印】</a></span>
    </div>
    <div class="article_con article_con_title" id="Zoom">
      <div class="TRS_Editor">
{chr(10).join(paras)}
      </div>
    </div>
    <div class="attachment">
      <div class="attachment_l">附件：</div>
      <div class="attachment_r"><a href="./P020230612573019484721.xlsx">2023年城乡冷链物流设施建设项目汇总表.xlsx</a></div>
    </div>
    <div class="xgjd">
      <div class="xgjd_tit">相关链接</div>
      <ul>
        <li><a href="../../fzggwl/202112/t20211212_1307641.html">“十四五”冷链物流发展规划</a></li>
        <li><a href="../202205/t20220516_1324599.html">关于做好2022年国家骨干冷链物流基地建设工作的通知</a></li>
      </ul>
    </div>
  </div>
</div>
<div class="footer">
  <div class="container">
    <p><a href="/lxwm/">联系我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/flsm/">法律声明</a></p>
    <p>主办单位：国家发展和改革委员会　网站标识码bm04000007</p>
    <p><a href="https://beian.miit.gov.cn">京ICP备05052393号</a>　京公网安备11010202000023号</p>
  </div>
</div>
</body>
</html>
'''
write('tpl_ndrc_trs', page, gold(title, '2023-06-12', body, '经贸司',
      attachments=['2023年城乡冷链物流设施建设项目汇总表.xlsx'],
      url='https://www.ndrc.gov.cn/xxgk/zcfb/tz/202306/t20230612_1357318.html',
      expect={'doc_number': '发改办经贸〔2023〕451号', 'signed_by': '国家发展改革委办公厅',
              'signed_date': '2023-06-08', 'source': '经贸司', 'attachment_kinds': ['xlsx'],
              'channel': ['政务公开', '政策', '通知']}))

# ================================================================== provincial portal (Jiangsu, Hanweb)
title = '省政府召开全省安全生产工作电视电话会议'
body = [
    '6月19日，省政府召开全省安全生产工作电视电话会议，深入学习贯彻习近平总书记关于安全生产的重要指示精神，分析当前安全生产形势，部署下一阶段重点工作。副省长周志远出席会议并讲话。',
    '会议指出，今年以来，全省上下认真落实安全生产责任制，扎实推进重大事故隐患专项排查整治，安全生产形势总体平稳。但也要清醒看到，一些地方和行业领域风险隐患依然突出，汛期和高温季节各类事故易发多发。',
    '周志远强调，各地各部门要坚持人民至上、生命至上，紧盯危险化学品、矿山、建筑施工、道路交通、燃气等重点行业领域，全面排查整治各类风险隐患，严格落实企业主体责任和部门监管责任。',
    '要加强汛期安全防范，强化值班值守和应急准备，确保一旦发生险情能够快速响应、科学处置，坚决防范遏制重特大事故发生。',
    '各设区市政府和省有关部门负责同志在分会场参加会议。',
]
page = f'''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>{title} 江苏省人民政府</title>
<meta name="SiteName" content="江苏省人民政府">
<meta name="SiteDomain" content="www.jiangsu.gov.cn">
<meta name="SiteIDCode" content="3200000003">
<meta name="ColumnName" content="省政府常务会议">
<meta name="ColumnType" content="要闻动态">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2023-06-20 08:45">
<meta name="ContentSource" content="新华日报">
<meta name="Author" content="">
<script language="javascript" src="/module/jslib/jquery/jquery.js"></script>
<link href="/images/50437/style.css" type="text/css" rel="stylesheet">
</head>
<body>
<div class="top">
  <div class="w1200"><span class="fl">今天是：<script>showTime();</script></span>
  <span class="fr"><a href="javascript:;">无障碍浏览</a> | <a href="javascript:;">长者模式</a> | <a href="/col/col76556/index.html">English</a> | <a href="javascript:;">登录</a> | <a href="javascript:;">注册</a></span></div>
</div>
<div class="head w1200"><a href="/"><img src="/images/50437/logo.png" alt="江苏省人民政府"></a></div>
<div class="nav"><ul class="w1200"><li><a href="/">首页</a></li><li><a href="/col/col76841/index.html">省政府</a></li><li><a href="/col/col60095/index.html">要闻动态</a></li><li><a href="/col/col76556/index.html">政务公开</a></li><li><a href="/col/col76559/index.html">政务服务</a></li><li><a href="/col/col76560/index.html">政民互动</a></li><li><a href="/col/col76561/index.html">走进江苏</a></li></ul></div>
<div class="w1200 main">
  <div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/col/col60095/index.html">要闻动态</a> &gt; <a href="/col/col60096/index.html">江苏要闻</a></div>
  <div class="bt-left">
    <div class="sp_title">{title}</div>
    <div class="sp_time">
      <font>发布日期：2023-06-20 08:45</font>
      <font>来源：新华日报</font>
      <font>浏览次数：<span id="visit"><script src="/module/visitcount/articlehits.jsp?colid=60096&amp;artid=10935612"></script></span></font>
      <font class="zt">字体：[<a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</font>
    </div>
    <div class="main-txt" id="zoom">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
{ps(body, attrs=' style="text-indent:2em;"', indent='')}
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
    </div>
    <div class="main-fx">
      <div class="fx_l">分享到：<a class="bds_weixin" title="分享到微信"></a><a class="bds_tsina" title="分享到新浪微博"></a></div>
      <div class="fx_r"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
    </div>
  </div>
  <div class="bt-right">
    <div class="tit">热点专题</div>
    <ul><li><a href="/col/col80001/index.html"><img src="/picture/0/zt1.jpg" alt="学习贯彻党的二十大精神"></a></li><li><a href="/col/col80002/index.html"><img src="/picture/0/zt2.jpg" alt="优化营商环境"></a></li></ul>
  </div>
</div>
<div class="footer">
  <div class="w1200">
    <p><a href="/col/col76600/index.html">网站地图</a> | <a href="/col/col76601/index.html">联系我们</a> | <a href="/col/col76602/index.html">使用帮助</a></p>
    <p>主办单位：江苏省人民政府办公厅　承办单位：江苏省大数据管理中心</p>
    <p>网站标识码：3200000003　<a href="https://beian.miit.gov.cn/">苏ICP备05009321号</a>　苏公网安备 32010202010089号</p>
  </div>
</div>
</body>
</html>
'''
write('tpl_province_portal', page, gold(title, '2023-06-20', body, '新华日报',
      url='http://www.jiangsu.gov.cn/art/2023/6/20/art_60096_10935612.html',
      expect={'source': '新华日报', 'channel': ['要闻动态', '江苏要闻']}))

# ================================================================== 人大 page (NPC-style TRS template)
title = '甘肃省人民代表大会常务委员会关于批准《天水市古树名木保护条例》的决定'
body = [
    '（2023年6月28日甘肃省第十四届人民代表大会常务委员会第四次会议通过）',
    '甘肃省第十四届人民代表大会常务委员会第四次会议对天水市人民代表大会常务委员会报请批准的《天水市古树名木保护条例》进行了审查。会议认为，该条例与宪法、法律、行政法规和本省的地方性法规不抵触，决定予以批准，由天水市人民代表大会常务委员会公布施行。',
    '天水市古树名木保护条例',
    '（2023年4月26日天水市第十八届人民代表大会常务委员会第十次会议通过　2023年6月28日甘肃省第十四届人民代表大会常务委员会第四次会议批准）',
    '第一条　为了加强古树名木保护，传承历史文化，改善生态环境，根据有关法律、法规，结合本市实际，制定本条例。',
    '第二条　本市行政区域内古树名木的保护管理活动，适用本条例。',
    '第三条　本条例所称古树，是指树龄在一百年以上的树木。本条例所称名木，是指具有重要历史、文化、科学价值或者重要纪念意义的树木。',
    '第四条　市、县（区）人民政府应当加强对古树名木保护工作的领导，将古树名木保护纳入国土空间规划，所需经费列入本级财政预算。',
    '第五条　任何单位和个人都有保护古树名木的义务，对损害古树名木的行为有权劝阻和举报。',
    '第六条　本条例自2023年9月1日起施行。',
]
page = f'''<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0">
<title>{title}_甘肃人大网</title>
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2023-06-29 09:30:00">
<meta name="ContentSource" content="甘肃人大网">
<link href="/images/rdstyle.css" rel="stylesheet" type="text/css">
</head>
<body>
<div id="top">
  <div class="top_banner"><img src="/images/banner_rd.jpg" alt="甘肃人大网"></div>
  <div class="menu"><a href="/">首页</a><a href="/rdyw/">人大要闻</a><a href="/cwhgb/">常委会公报</a><a href="/dfxfg/">地方性法规</a><a href="/jdgz/">监督工作</a><a href="/dbgz/">代表工作</a><a href="/zlk/">资料库</a></div>
</div>
<div class="main">
  <div class="position">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/dfxfg/">地方性法规</a> &gt;&gt; <a href="/dfxfg/pzfg/">批准法规</a></div>
  <div class="tit"><h1>{title}</h1></div>
  <div class="fontsize">来源： 甘肃人大网 &nbsp;&nbsp;&nbsp;&nbsp;浏览字号： <a href="javascript:fontZoom(18)">大</a> <a href="javascript:fontZoom(16)">中</a> <a href="javascript:fontZoom(14)">小</a> &nbsp;&nbsp;&nbsp;&nbsp;2023年06月29日 09:30:00</div>
  <div id="Zoom">
<p style="text-align:center">{esc(body[0])}</p>
<p>　　{esc(body[1])}</p>
<p style="text-align:center"><strong>{esc(body[2])}</strong></p>
<p style="text-align:center">{esc(body[3])}</p>
{ps(body[4:])}
  </div>
  <div class="editor">责任编辑： 王海燕</div>
  <div class="dy"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div id="foot">
  <p>版权所有：甘肃省人大常委会办公厅　地址：兰州市城关区中央广场1号</p>
  <p><a href="https://beian.miit.gov.cn">陇ICP备05003210号</a>　甘公网安备 62010202000310号</p>
</div>
</body>
</html>
'''
write('tpl_renda', page, gold(title, '2023-06-29', body, '甘肃人大网',
      url='http://www.gsrdw.gov.cn/dfxfg/pzfg/202306/t20230629_61230.html',
      expect={'source': '甘肃人大网', 'channel': ['地方性法规', '批准法规']}))

# ================================================================== 纪委监委 page: 来源 作者 责任编辑 on one line
title = '秦州区纪委监委开展村级财务专项监督检查'
body = [
    '为进一步规范村级财务管理，切实维护群众切身利益，近日，秦州区纪委监委成立4个专项监督检查组，深入全区17个乡镇（街道）开展村级财务专项监督检查。',
    '检查组通过查阅账簿凭证、实地走访核实、召开座谈会等方式，重点检查村级资金收支、资产资源管理、惠农补贴发放和村务公开等情况，着力发现和纠正村级财务管理中存在的突出问题。',
    '截至目前，共检查村（社区）86个，发现问题32个，已督促整改21个，对履职不力的3名村干部进行了谈话提醒。',
    '“下一步，我们将对发现的问题建立台账，实行销号管理，对问题突出、整改不力的严肃追责问责，推动村级财务管理规范化、制度化。”该区纪委监委相关负责人表示。',
]
page = f'''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{title}-天水市纪委监委网站</title>
<meta name="keywords" content="村级财务,专项监督">
<link rel="stylesheet" href="/static/css/main.css">
<script src="/static/js/jquery-1.11.3.min.js"></script>
</head>
<body>
<div class="topbar"><div class="wrap"><span class="fl"><script>document.write(currentDate());</script></span><span class="fr"><a href="/">首页</a> | <a href="/wap/">手机版</a> | <a href="/jbzx/">举报中心</a></span></div></div>
<div class="header"><div class="wrap"><img src="/static/images/logo.png" alt="天水市纪委监委网站"></div></div>
<div class="nav"><div class="wrap"><a href="/">首页</a><a href="/gzdt/">工作动态</a><a href="/scbg/">审查调查</a><a href="/dfzl/">党风政风</a><a href="/xsxc/">巡视巡察</a><a href="/lzwh/">廉政文化</a><a href="/jjfg/">纪法规章</a></div></div>
<div class="wrap">
  <div class="crumbs">您所在的位置：<a href="/">首页</a> &gt; <a href="/gzdt/">工作动态</a> &gt; <a href="/gzdt/xqdt/">县区动态</a></div>
  <div class="article">
    <h2 class="tit">{title}</h2>
    <div class="info">
      <span>来源：秦州区纪委监委</span>&nbsp;&nbsp;<span>作者：王晓东</span>&nbsp;&nbsp;<span>责任编辑：刘佳</span>&nbsp;&nbsp;<span>发布时间：2023-06-27 16:05</span>
    </div>
    <div class="TRS_Editor">
{ps(body)}
    </div>
    <div class="share">分享到：<a class="weixin" title="微信"></a><a class="weibo" title="微博"></a><a class="qzone" title="QQ空间"></a></div>
  </div>
  <div class="prevnext">
    <p>上一篇：<a href="/content/?7811.html">麦积区纪委监委强化“一把手”监督</a></p>
    <p>下一篇：<a href="/content/?7813.html">甘谷县开展警示教育月活动</a></p>
  </div>
</div>
<div class="footer"><div class="wrap">
  <p>中共天水市纪律检查委员会　天水市监察委员会　版权所有</p>
  <p>地址：天水市秦州区民主西路1号　邮编：741000　<a href="https://beian.miit.gov.cn">陇ICP备13000412号</a></p>
</div></div>
</body>
</html>
'''
write('tpl_jiwei', page, gold(title, '2023-06-27', body, '秦州区纪委监委',
      url='http://www.tsjw.gov.cn/content/?7812.html',
      expect={'source': '秦州区纪委监委', 'author': '王晓东', 'channel': ['工作动态', '县区动态']}))

# ================================================================== county site, table layout, 附件 list
title = '关于2023年度农村危房改造补助资金分配情况的公示'
body = [
    '根据《清水县农村危房改造实施方案》有关规定，经乡镇申报、县级审核，现将2023年度农村危房改造补助资金分配情况予以公示。',
    '本年度全县共安排农村危房改造任务215户，下达补助资金860万元，其中中央资金602万元、省级资金258万元。具体分配情况详见附件。',
    '公示时间：2023年6月9日至6月16日。公示期间，如有异议，请以书面形式向县住房和城乡建设局反映。',
    '监督电话：0938-6812345',
    '附件：',
    '1.2023年度农村危房改造补助资金分配表.doc',
    '2.2023年度农村危房改造对象名单.xls',
    '清水县住房和城乡建设局',
    '2023年6月9日',
]
notices = ''.join(f'<tr><td height="24">·<a href="/news_view.asp?id={n}" title="{t}">{t[:14]}…</a></td></tr>' for n, t in [
    (3310, '关于开展2023年度城乡居民医疗保险集中缴费工作的通告'), (3302, '清水县2023年公开招聘社区工作者公告'),
    (3296, '关于做好2023年防汛准备工作的通知'), (3288, '清水县2023年第一季度财政收支情况')])
page = f'''<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}--清水县人民政府</title>
<link href="css/css.css" rel="stylesheet" type="text/css">
<script language="JavaScript" src="js/menu.js"></script>
</head>
<body topmargin="0" leftmargin="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td height="150" background="images/top.jpg"><embed src="images/banner.swf" width="980" height="150"></td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="nav">
  <tr><td align="center"><a href="index.asp">网站首页</a> | <a href="news.asp?lb=1">政务动态</a> | <a href="news.asp?lb=2">通知公告</a> | <a href="zwgk.asp">政务公开</a> | <a href="bmfw.asp">便民服务</a> | <a href="lyb.asp">县长信箱</a> | <a href="zsyz.asp">招商引资</a></td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td width="240" valign="top" bgcolor="#F2F7FD">
      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr><td class="lm_title">通知公告</td></tr>
        {notices}
        <tr><td class="lm_title">便民服务</td></tr>
        <tr><td><a href="bmfw.asp?id=1">办事指南</a> <a href="bmfw.asp?id=2">表格下载</a> <a href="bmfw.asp?id=3">常用电话</a></td></tr>
      </table>
    </td>
    <td width="10">&nbsp;</td>
    <td valign="top">
      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr><td class="wz">当前位置：<a href="index.asp">首页</a> &gt;&gt; <a href="news.asp?lb=2">通知公告</a></td></tr>
      </table>
      <table width="95%" border="0" align="center" cellpadding="0" cellspacing="0">
        <tr><td height="40" align="center" class="newstitle"><strong>{title}</strong></td></tr>
        <tr><td height="25" align="center" class="newsinfo">发布者：admin&nbsp;&nbsp;&nbsp;发布时间：2023-6-9 10:21:32&nbsp;&nbsp;&nbsp;阅读：<script src="count.asp?id=3315"></script>次</td></tr>
        <tr><td height="1" bgcolor="#CCCCCC"></td></tr>
        <tr><td class="newscontent">
<p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(body[0])}</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(body[1])}</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(body[2])}</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(body[3])}</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(body[4])}</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;<a href="/uploadfile/2023/0609/20230609102015123.doc">{esc(body[5])}</a></p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;<a href="/uploadfile/2023/0609/20230609102016457.xls">{esc(body[6])}</a></p>
<p align="right">{esc(body[7])}</p>
<p align="right">{esc(body[8])}</p>
        </td></tr>
        <tr><td height="30" align="right">【<a href="javascript:window.print()">打印此页</a>】 【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
      </table>
    </td>
  </tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="bottom">
  <tr><td align="center" height="80">主办：清水县人民政府办公室　承办：清水县信息中心　联系电话：0938-6812000<br>
  备案号：<a href="https://beian.miit.gov.cn">陇ICP备09001287号</a>　建议使用IE8.0以上浏览器 1024*768分辨率浏览</td></tr>
</table>
</body>
</html>
'''
write('tpl_county_table', page, gold(title, '2023-06-09', body, None,
      attachments=['1.2023年度农村危房改造补助资金分配表.doc', '2.2023年度农村危房改造对象名单.xls'],
      url='http://www.qingshui.gov.cn/news_view.asp?id=3315',
      expect={'signed_by': '清水县住房和城乡建设局', 'signed_date': '2023-06-09', 'attachment_kinds': ['doc', 'xls'],
              'channel': ['通知公告']}), encoding='gbk')

# ================================================================== UTF-8 bytes, GBK meta (动易 SiteFactory)
title = '区政协组织委员视察城区老旧小区改造工作'
body = [
    '6月14日，区政协组织部分政协委员，围绕城区老旧小区改造工作开展专题视察。区政协副主席韩雪梅参加视察。',
    '委员们先后来到东关街道民主路小区、西关街道桥南小区改造现场，实地察看雨污分流、管网改造、外墙保温和配套设施建设等情况，详细了解项目推进、资金使用和群众满意度等情况。',
    '在随后召开的座谈会上，委员们围绕改造资金筹措、长效管理机制建设、群众参与等方面提出意见建议。',
    '韩雪梅指出，老旧小区改造是重大民生工程，要坚持问需于民，统筹推进“硬件”改造和“软件”提升，让群众住得更舒心、更安心。',
]
page = f'''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>{title}_政协天水市秦州区委员会</title>
<meta name="keywords" content="老旧小区改造,视察" />
<meta name="description" content="{esc(body[0][:60])}" />
<link href="/Skin/zx/style.css" rel="stylesheet" type="text/css" />
<script language="javascript" type="text/javascript" src="/js/common.js"></script>
</head>
<body>
<div id="header">
  <div class="logo"><img src="/Skin/zx/logo.gif" alt="政协天水市秦州区委员会" /></div>
  <div class="menu"><a href="/">网站首页</a><a href="/Category_1/Index.aspx">政协要闻</a><a href="/Category_2/Index.aspx">履职动态</a><a href="/Category_3/Index.aspx">提案工作</a><a href="/Category_4/Index.aspx">委员风采</a><a href="/Category_5/Index.aspx">文史天地</a></div>
</div>
<div id="main">
  <div class="location">您现在的位置： <a href="/">政协天水市秦州区委员会</a> &gt;&gt; <a href="/Category_2/Index.aspx">履职动态</a> &gt;&gt; 正文</div>
  <div class="article_title"><h3>{title}</h3></div>
  <div class="article_info">作者：佚名&nbsp;&nbsp;&nbsp;&nbsp;文章来源：区政协办公室&nbsp;&nbsp;&nbsp;&nbsp;点击数：<span id="hits"><script src="/Common/GetHits.aspx?id=1297"></script></span>&nbsp;&nbsp;&nbsp;&nbsp;更新时间：2023/6/15</div>
  <div class="article_content" id="fontzoom">
{ps(body)}
  </div>
  <div class="article_tool">【<a href="javascript:window.print();">打印此文</a>】 【<a href="javascript:window.close();">关闭窗口</a>】</div>
  <div class="article_prev">上一篇文章：<a href="/Item/1296.aspx">区政协召开党组理论学习中心组学习会议</a></div>
  <div class="article_next">下一篇文章：<a href="/Item/1298.aspx">区政协机关开展主题党日活动</a></div>
</div>
<div id="footer">
  <p>政协天水市秦州区委员会 版权所有　地址：天水市秦州区建设路18号</p>
  <p><a href="https://beian.miit.gov.cn">陇ICP备10200315号</a>　技术支持：天水网络科技有限公司</p>
</div>
</body>
</html>
'''
write('tpl_utf8_gbk_meta', page, gold(title, '2023-06-15', body, '区政协办公室',
      url='http://www.qzqzx.gov.cn/Item/1297.aspx',
      expect={'encoding': 'utf-8 (declared gbk ignored)', 'source': '区政协办公室', 'channel': ['履职动态']}))

# ================================================================== PHPCMS v9: the only date is in the URL
title = '市政协召开提案办理协商座谈会'
body = [
    '为进一步提高提案办理质量，6月14日，市政协召开重点提案办理协商座谈会，围绕“关于加快发展县域富民产业的提案”等3件重点提案，与承办单位面对面协商交流。',
    '座谈会上，提案者介绍了提案的主要内容和建议，市农业农村局、市商务局等承办单位负责同志通报了提案办理情况和下一步工作打算，与会人员进行了深入交流。',
    '会议要求，各承办单位要把提案办理与推动工作结合起来，深入研究采纳提案中的意见建议，切实做到件件有着落、事事有回音，推动提案成果转化落地。',
]
page = f'''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=7" />
<title>{title} - 履职动态 - 政协平凉市委员会</title>
<meta name="keywords" content="提案办理,协商">
<meta name="description" content="{esc(body[0][:70])}">
<link href="/statics/css/reset.css" rel="stylesheet" type="text/css" />
<link href="/statics/css/default_blue.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/statics/js/jquery.min.js"></script>
</head>
<body>
<div class="body-top"><div class="content"><span class="rt"><a href="/index.php?m=member&amp;c=index&amp;a=login">登录</a><a href="/index.php?m=member&amp;c=index&amp;a=register">注册</a></span></div></div>
<div class="header"><div class="logo lf"><a href="/"><img src="/statics/images/logo.png" /></a></div>
<div class="nav-bar"><map><ul class="nav-site"><li><a href="/"><span>首页</span></a></li><li class="line">|</li><li><a href="/html/zxyw/"><span>政协要闻</span></a></li><li class="line">|</li><li><a href="/html/lzdt/"><span>履职动态</span></a></li><li class="line">|</li><li><a href="/html/tagz/"><span>提案工作</span></a></li><li class="line">|</li><li><a href="/html/wyfc/"><span>委员风采</span></a></li></ul></map></div></div>
<div class="main">
  <div class="col-left">
    <div class="crumbs"><a href="/">首页</a><span> &gt; </span><a href="/html/lzdt/">履职动态</a> &gt;  正文</div>
    <div id="Article">
      <h1>{title}<br />
      <span>来源：市政协办公室&nbsp;&nbsp;&nbsp;点击：<span id="hits"></span></span></h1>
      <div class="content">
{ps(body)}
      </div>
      <div id="pages" class="text-c"></div>
      <p style="margin-bottom:10px"><strong>相关热词搜索：</strong><a href="/index.php?m=content&amp;c=tag&amp;a=lists&amp;tag=提案办理">提案办理</a></p>
      <p class="f14"><strong>上一篇：</strong><a href="/html/2023/lzdt_0613/2317.html">市政协机关举办理论学习读书班</a><br />
      <strong>下一篇：</strong><a href="/html/2023/lzdt_0616/2319.html">市政协开展民主监督专项视察</a></p>
    </div>
    <div class="Article-Tool">分享到：<a class="bds_qzone"></a><a class="bds_tsina"></a>
      <img src="/statics/images/icon/print.png" width="14" /> <a href="javascript:window.print();">打印</a>
      <img src="/statics/images/icon/close.png" width="14" /> <a href="javascript:window.close();">关闭</a></div>
    <div class="bk15"></div>
    <div class="box"><h5 class="title-2">延伸阅读：</h5>
      <ul class="list lh24 f14"><li>·<a href="/html/2023/lzdt_0520/2290.html">市政协召开提案工作座谈会</a><span>(2023-05-20)</span></li>
      <li>·<a href="/html/2023/tagz_0410/2250.html">市政协十届二次会议提案立案情况通报</a><span>(2023-04-10)</span></li></ul></div>
  </div>
  <div class="col-auto">
    <div class="box"><h5 class="title-2">频道总排行</h5><ul class="content digg"><li><a href="/html/2023/zxyw_0105/2101.html">政协平凉市第十届委员会第二次会议开幕</a></li><li><a href="/html/2023/zxyw_0108/2110.html">政协平凉市第十届委员会第二次会议闭幕</a></li></ul></div>
  </div>
</div>
<div class="footer"><p class="info">Powered by PHPCMS v9　&copy; 2008-2023 政协平凉市委员会　<a href="https://beian.miit.gov.cn">陇ICP备11000288号</a></p></div>
</body>
</html>
'''
write('tpl_url_date_only', page, gold(title, '2023-06-15', body, '市政协办公室',
      url='http://www.plzx.gov.cn/html/2023/lzdt_0615/2318.html',
      expect={'source': '市政协办公室', 'channel': ['履职动态']}))

# ================================================================== image-only body with captions
title = '市政协调研全市高标准农田建设工作'
captions = [
    '5月17日，市政协主席赵志明带领调研组在甘谷县大像山镇察看高标准农田建设情况。',
    '调研组在秦安县叶堡镇花牛苹果种植基地了解产业发展情况。',
    '图为座谈会现场。',
]
imgs = '\n'.join(
    f'<p style="text-align: center;"><img src="/uploadfiles/2023/05/2023051810{n}3154{n}.jpg" width="600" height="400" border="0" title="" /></p>\n'
    f'<p style="text-align: center;">{esc(c)}</p>' for n, c in enumerate(captions, 1))
side = ''.join(f'<li><a href="/tpxw/{n}.html"><img src="/uploadfiles/2023/05/s{n}.jpg" /><span>{t}</span></a></li>' for n, t in [
    (1521, '市政协召开十届二次常委会议'), (1518, '市政协开展“委员读书日”活动'), (1515, '市政协机关举办专题讲座')])
page = f'''<!DOCTYPE html>
<html lang="zh-cn">
<head>
<meta charset="utf-8">
<title>{title}-图片新闻-政协天水市委员会</title>
<link rel="stylesheet" href="/templets/default/style/dedecms.css">
</head>
<body class="articleview">
<div class="header_top"><div class="w960 center"><span class="time">{''}</span><div class="toplinks"><a href="/">首页</a> | <a href="javascript:;">设为首页</a> | <a href="javascript:;">加入收藏</a></div></div></div>
<div class="header"><div class="top w960 center"><div class="title"><h1><a href="/"><img src="/templets/default/images/logo.gif" height="54" width="216" alt="政协天水市委员会"/></a></h1></div></div></div>
<div class="module blue mT10 wrapper w963"><div id="navMenu"><ul><li><a href="/"><span>主页</span></a></li><li><a href="/zxyw/"><span>政协要闻</span></a></li><li><a href="/tpxw/"><span>图片新闻</span></a></li><li><a href="/lzdt/"><span>履职动态</span></a></li><li><a href="/tzgg/"><span>通知公告</span></a></li></ul></div></div>
<div class="w960 center clear mt1">
  <div class="pleft">
    <div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/tpxw/">图片新闻</a> &gt; </div>
    <div class="viewbox">
      <div class="title"><h2>{title}</h2></div>
      <div class="info"><small>时间:</small>2023-05-18 09:32<small>来源:</small>市政协办公室 <small>作者:</small>李军 <small>点击:</small><script src="/plus/count.php?view=yes&amp;aid=1524&amp;mid=1" type="text/javascript" language="javascript"></script>次</div>
      <div class="content">
        <table width="100%"><tr><td>
{imgs}
        </td></tr></table>
      </div>
      <div class="boxoff"><strong>------分隔线----------------------------</strong></div>
      <div class="handle">
        <div class="context"><ul><li>上一篇：<a href="/tpxw/1521.html">市政协召开十届二次常委会议</a></li><li>下一篇：没有了 </li></ul></div>
        <div class="actbox"><ul><li id="act-fav"><a href="/plus/stow.php?aid=1524">收藏</a></li><li id="act-err"><a href="/plus/erraddsave.php?aid=1524">挑错</a></li><li id="act-pus"><a href="/plus/recommend.php?aid=1524">推荐</a></li><li id="act-pnt"><a href="#" onClick="window.print();">打印</a></li></ul></div>
      </div>
    </div>
  </div>
  <div class="pright"><div class="commend"><dl class="tbox"><dt><strong>推荐内容</strong></dt><dd><ul class="d4">{side}</ul></dd></dl></div></div>
</div>
<div class="footer w960 center mt1 clear"><div class="footer_body"><p class="powered">Powered by <a href="http://www.dedecms.com">DedeCMS</a> &copy; 2004-2023 政协天水市委员会 版权所有 <a href="https://beian.miit.gov.cn">陇ICP备08000112号</a></p></div></div>
</body>
</html>
'''
write('tpl_image_only', page, gold(title, '2023-05-18', captions, '市政协办公室',
      url='http://www.tszx.gov.cn/tpxw/1524.html',
      expect={'captions': captions, 'source': '市政协办公室', 'author': '李军', 'channel': ['图片新闻']}))

# ================================================================== 文号 and a two-organisation signature before the attached plan
title = '中共清水县委办公室 清水县人民政府办公室关于印发《清水县2023年防汛抗旱工作方案》的通知'
body = [
    '清办发〔2023〕21号',
    '各乡镇党委和人民政府，县委各部门，县级国家机关各部门，各人民团体：',
    '《清水县2023年防汛抗旱工作方案》已经县委、县政府同意，现印发给你们，请结合实际认真抓好贯彻落实。',
    '中共清水县委办公室',
    '清水县人民政府办公室',
    '2023年5月26日',
    '清水县2023年防汛抗旱工作方案',
    '为切实做好2023年防汛抗旱工作，最大限度减轻水旱灾害损失，保障人民群众生命财产安全，结合我县实际，制定本方案。',
    '一、工作目标',
    '坚持人民至上、生命至上，立足防大汛、抗大旱、抢大险、救大灾，确保不发生因洪涝灾害造成的人员伤亡，确保水库、淤地坝安全度汛，确保城乡居民饮水安全。',
    '二、主要措施',
    '（一）压实防汛责任。全面落实以行政首长负责制为核心的防汛抗旱责任制，逐级明确水库、河道、山洪灾害危险区等重点部位责任人。',
    '（二）开展隐患排查。5月底前完成对全县水库、淤地坝、河道堤防和山洪灾害危险区的全面排查，对发现的隐患建立台账、限期整改。',
    '（三）做好应急准备。各乡镇要修订完善防汛应急预案，储备必要的防汛物资，组织开展应急演练，确保一旦发生险情能够快速有效处置。',
]
paras = [f'<p style="text-align:center;">{esc(body[0])}</p>', f'<p>{esc(body[1])}</p>',
         f'<p style="text-indent:2em;">{esc(body[2])}</p>', '<p>&nbsp;</p>'] + \
    [f'<p style="text-align:right;">{esc(p)}</p>' for p in body[3:6]] + \
    ['<p>&nbsp;</p>', f'<p style="text-align:center;"><strong>{esc(body[6])}</strong></p>'] + \
    [f'<p style="text-indent:2em;"><strong>{esc(p)}</strong></p>' if p in ('一、工作目标', '二、主要措施')
     else f'<p style="text-indent:2em;">{esc(p)}</p>' for p in body[7:]]
page = f'''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2023-05-29 09:12">
<link rel="stylesheet" href="/css/zwgk.css">
</head>
<body>
<div class="head"><div class="logo"><img src="/images/logo.png" alt="清水县人民政府"></div>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a><a href="/zjqs/">走进清水</a></div></div>
<div class="container">
  <div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfwj/">政府文件</a> &gt; <a href="/zwgk/zfwj/xbwj/">县办文件</a></div>
  <div class="detail">
    <h1 class="detail-title">{title}</h1>
    <div class="detail-info">发布时间：2023-05-29 09:12:45　信息来源：县政府办　阅读次数：<span id="readNum"></span></div>
    <div class="detail-content" id="zoom">
{chr(10).join(paras)}
    </div>
  </div>
</div>
<div class="footer">
  <p>清水县人民政府办公室主办　联系电话：0938-6812000</p>
  <p>网站标识码：6205240001　<a href="https://beian.miit.gov.cn">陇ICP备09001287号-1</a>　甘公网安备 62052402000012号</p>
</div>
</body>
</html>
'''
write('tpl_docno_multisign', page, gold(title, '2023-05-29', body, '县政府办',
      url='http://www.qingshui.gov.cn/zwgk/zfwj/xbwj/art/2023/art_8412.html',
      expect={'doc_number': '清办发〔2023〕21号', 'signed_by': '中共清水县委办公室 清水县人民政府办公室',
              'signed_date': '2023-05-26', 'source': '县政府办',
              'channel': ['政务公开', '政府文件', '县办文件']}))

# ================================================================== 打印本页/关闭窗口 bar and a 扫一扫 QR block inside the article frame
title = '市政协召开民营经济发展专题协商会'
body = [
    '6月6日，市政协召开“促进民营经济高质量发展”专题协商会，市政协主席马立新出席并讲话，副市长陈卫东到会通报有关情况。',
    '会前，市政协组织部分委员和专家，采取集中调研与分散调研相结合的方式，深入企业、园区和有关部门开展调研，形成了高质量的调研报告。',
    '会上，8位委员和企业代表围绕优化营商环境、破解融资难题、支持企业创新等作了发言，市发展改革委、市工业和信息化局等部门负责同志现场回应。',
    '马立新强调，要把协商成果转化为推动民营经济发展的实际举措，持续跟踪问效，为全市经济社会高质量发展贡献政协智慧和力量。',
]
page = f'''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{title}_政协定西市委员会</title>
<link rel="stylesheet" href="/css/index.css">
<script src="/js/jquery.qrcode.min.js"></script>
</head>
<body>
<div class="top"><div class="w">欢迎访问政协定西市委员会网站<span class="r"><a href="/">首页</a> | <a href="javascript:;">无障碍</a> | <a href="javascript:;">关怀版</a></span></div></div>
<div class="banner w"><img src="/images/banner.jpg" alt="政协定西市委员会"></div>
<div class="menu w"><a href="/">首页</a><a href="/zxyw/">政协要闻</a><a href="/lzdt/">履职动态</a><a href="/wyfc/">委员风采</a><a href="/tagz/">提案工作</a><a href="/xxzl/">学习资料</a></div>
<div class="w content-page">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zxyw/">政协要闻</a></div>
  <div class="article-box">
    <div class="art-tit">{title}</div>
    <div class="art-info">发布时间：2023-06-07 &nbsp;&nbsp; 来源：市政协研究室 &nbsp;&nbsp; 【字体：<a href="javascript:setFont(18)">大</a> <a href="javascript:setFont(16)">中</a> <a href="javascript:setFont(14)">小</a>】</div>
    <div class="art-con" id="zoom">
{ps(body)}
      <div class="art-foot">
        <div class="art-print"><a href="javascript:window.print();">打印本页</a> | <a href="javascript:window.close();">关闭窗口</a></div>
        <div class="art-ewm"><div id="qrcode"></div><p>扫一扫在手机上查看当前页面</p></div>
      </div>
    </div>
  </div>
</div>
<div class="footer">
  <p>政协定西市委员会办公室　版权所有</p>
  <p>地址：定西市安定区中华路8号　<a href="https://beian.miit.gov.cn">陇ICP备12000456号</a>　甘公网安备 62110202000115号</p>
</div>
<script>jQuery('#qrcode').qrcode({{width:90,height:90,text:location.href}});</script>
</body>
</html>
'''
write('tpl_print_qr_bar', page, gold(title, '2023-06-07', body, '市政协研究室',
      url='http://www.dxzx.gov.cn/zxyw/202306/4512.html',
      expect={'source': '市政协研究室', 'channel': ['政协要闻']}))

# ================================================================== 上一篇/下一篇 inside the article container
title = '区政协开展“委员进社区”联系群众活动'
body = [
    '为深入践行以人民为中心的发展思想，5月25日，区政协组织30余名政协委员走进辖区8个社区，开展“委员进社区”联系群众活动。',
    '活动中，委员们通过入户走访、现场接访、座谈交流等方式，面对面倾听群众诉求，收集到社区养老、停车管理、环境卫生等方面意见建议40余条。',
    '医卫界委员还为社区居民提供了义诊服务，法律界委员现场解答群众法律咨询，受到居民群众欢迎。',
    '区政协将对收集到的意见建议进行梳理汇总，通过社情民意信息、提案等形式及时向有关部门反映，推动问题解决。',
]
page = f'''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>区政协开展“委员进社区”联系群众活动 - 政协兰州市城关区委员会</title>
<link href="/css/style.css" rel="stylesheet">
</head>
<body>
<div class="header"><div class="logo">政协兰州市城关区委员会</div>
<div class="nav"><a href="/">首页</a><a href="/news/">政协要闻</a><a href="/lzdt/">履职动态</a><a href="/tagz/">提案工作</a><a href="/sqmy/">社情民意</a><a href="/wyzj/">委员之家</a></div></div>
<div class="container">
  <div class="sidebar"><h3>履职动态</h3><ul><li><a href="/lzdt/xsxc/">协商议政</a></li><li><a href="/lzdt/mzjd/">民主监督</a></li><li><a href="/lzdt/dcyj/">调查研究</a></li><li><a href="/lzdt/lxqz/">联系群众</a></li></ul></div>
  <div class="article">
    <div class="breadcrumb">首页 &gt; 履职动态 &gt; 联系群众</div>
    <h1>{title}</h1>
    <div class="meta"><span>时间：2023-05-26</span><span>来源：区政协社法委</span><span>浏览：<em id="views">356</em></span></div>
    <div class="article-content">
{ps(body)}
      <div class="page-turn">
        <p class="prev">上一篇：<a href="/lzdt/lxqz/1187.html">区政协委员工作室开展“委员接待日”活动</a></p>
        <p class="next">下一篇：<a href="/lzdt/lxqz/1189.html">区政协组织委员开展义诊活动</a></p>
      </div>
    </div>
  </div>
</div>
<div class="footer"><p>版权所有：政协兰州市城关区委员会　<a href="https://beian.miit.gov.cn">陇ICP备15001234号</a></p></div>
</body>
</html>
'''
write('tpl_prevnext_inside', page, gold(title, '2023-05-26', body, '区政协社法委',
      url='http://www.cgqzx.gov.cn/lzdt/lxqz/1188.html',
      expect={'source': '区政协社法委', 'channel': ['履职动态', '联系群众']}))

# ================================================================== FrontPage-era page: GB2312, <br> paragraphs in a <font>
title = '县政协召开十届二次会议筹备工作会议'
body = [
    '4月13日，县政协召开十届二次会议筹备工作会议，安排部署大会各项筹备工作。县政协主席杨建平出席会议并讲话。',
    '会议通报了大会筹备工作方案，明确了各工作组职责分工和工作要求。',
    '杨建平要求，各工作组要高度重视，周密安排，确保大会各项准备工作按时保质完成；要严肃会风会纪，确保大会开成一次团结、民主、求实、鼓劲的大会。',
    '县政协副主席、秘书长及各工作组负责同志参加会议。',
]
text = '<br>\n'.join(f'&nbsp;&nbsp;&nbsp;&nbsp;{esc(p)}' for p in body)
page = f'''<html>
<head>
<meta http-equiv="Content-Language" content="zh-cn">
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="GENERATOR" content="Microsoft FrontPage 4.0">
<meta name="ProgId" content="FrontPage.Editor.Document">
<title>县政协召开十届二次会议筹备工作会议</title>
<style><!-- td {{ font-size: 9pt }} a {{ text-decoration: none }} --></style>
</head>
<body bgcolor="#FFFFFF" topmargin="0">
<div align="center">
<table border="0" width="778" cellspacing="0" cellpadding="0">
  <tr><td width="100%"><img border="0" src="images/top.gif" width="778" height="120"></td></tr>
  <tr><td width="100%" bgcolor="#CC0000" height="25" align="center"><font color="#FFFFFF"><a href="index.htm"><font color="#FFFFFF">首页</font></a>　|　<a href="zxjj.htm"><font color="#FFFFFF">政协简介</font></a>　|　<a href="zxdt.htm"><font color="#FFFFFF">政协动态</font></a>　|　<a href="tagz.htm"><font color="#FFFFFF">提案工作</font></a>　|　<a href="wsls.htm"><font color="#FFFFFF">文史资料</font></a></font></td></tr>
</table>
<table border="0" width="778" cellspacing="0" cellpadding="8">
  <tr><td width="100%" align="center"><font color="#CC0000" size="4"><b>{title}</b></font></td></tr>
  <tr><td width="100%" align="center"><font color="#808080">【发布时间：2012-4-16 9:30:21】【作者：县政协办】【点击：1234】</font></td></tr>
  <tr><td width="100%"><hr color="#CC0000" size="1"></td></tr>
  <tr><td width="100%"><font size="3" style="line-height:180%">
{text}
  </font></td></tr>
  <tr><td width="100%" align="right"><a href="javascript:window.close()">【关闭窗口】</a></td></tr>
</table>
<table border="0" width="778" cellspacing="0" cellpadding="0">
  <tr><td width="100%" bgcolor="#EEEEEE" align="center" height="50">政协武山县委员会 版权所有<br>地址：武山县城关镇新民街10号 电话：0938-3421234</td></tr>
</table>
</div>
</body>
</html>
'''
write('tpl_frontpage_br', page, gold(title, '2012-04-16', body, None,
      url='http://www.wszx.gov.cn/news/2012041601.htm', expect={'author': '县政协办'}), encoding='gbk')

# ================================================================== meeting notice with an <ol> agenda and a contact line
title = '关于召开政协兰州市第十五届委员会第三次会议的通知'
agenda = [
    '听取和审议市政协常委会工作报告和关于提案工作情况的报告；',
    '列席市十七届人大三次会议，听取并讨论市政府工作报告和其他有关报告；',
    '审议通过政治决议和提案审查委员会关于提案审查情况的报告。',
]
body = [
    '各位委员：',
    '经政协兰州市第十五届委员会常务委员会第六次会议决定，政协兰州市第十五届委员会第三次会议定于2024年1月8日至11日在兰州会议中心召开。现将有关事项通知如下：',
    '一、会议主要议程',
    *agenda,
    '二、报到时间及地点',
    '2024年1月7日14:00—18:00，在兰州会议中心一楼大厅报到。',
    '三、有关要求',
    '请各位委员妥善安排好工作，按时参加会议。因特殊情况不能出席的，须书面向市政协办公室请假。',
    '联系人：李婷　联系电话：0931-8765432',
    '政协兰州市委员会办公室',
    '2023年12月25日',
]
lis = '\n'.join(f'<li>{esc(a)}</li>' for a in agenda)
page = f'''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}_通知公告_政协兰州市委员会</title>
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2023-12-26 10:00">
<meta name="ContentSource" content="市政协办公室">
<link rel="stylesheet" href="/static/css/article.css">
</head>
<body>
<header class="site-header"><div class="container"><a class="logo" href="/"><img src="/static/img/logo.png" alt="政协兰州市委员会"></a>
<nav><a href="/">首页</a><a href="/zxyw/">政协要闻</a><a href="/tzgg/">通知公告</a><a href="/lzdt/">履职动态</a><a href="/tagz/">提案工作</a><a href="/wszl/">文史资料</a></nav></div></header>
<main class="container">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
  <article class="article">
    <h1 class="article-title">{title}</h1>
    <div class="article-meta"><span>发布日期：2023-12-26</span><span>来源：市政协办公室</span><span class="font">字号：<a>大</a><a>中</a><a>小</a></span></div>
    <div class="article-body">
<p>{esc(body[0])}</p>
<p>　　{esc(body[1])}</p>
<p>　　<strong>{esc(body[2])}</strong></p>
<ol>
{lis}
</ol>
<p>　　<strong>{esc(body[6])}</strong></p>
<p>　　{esc(body[7])}</p>
<p>　　<strong>{esc(body[8])}</strong></p>
<p>　　{esc(body[9])}</p>
<p>　　{esc(body[10])}</p>
<p style="text-align:right">{esc(body[11])}</p>
<p style="text-align:right">{esc(body[12])}</p>
    </div>
  </article>
</main>
<footer class="site-footer"><div class="container"><p>主办：政协兰州市委员会办公厅　地址：兰州市城关区南昌路1648号</p><p><a href="https://beian.miit.gov.cn">陇ICP备05000526号</a>　网站标识码：6201000025</p></div></footer>
</body>
</html>
'''
write('tpl_meeting_notice_ol', page, gold(title, '2023-12-26', body, '市政协办公室',
      url='http://www.lzzx.gov.cn/tzgg/2023/1226/4021.html',
      expect={'signed_by': '政协兰州市委员会办公室', 'signed_date': '2023-12-25', 'source': '市政协办公室',
              'channel': ['通知公告']}))

# ================================================================== WeChat article pasted into a site (135editor sections)
title = '委员履职｜聚焦乡村振兴 建言特色产业发展'
body = [
    '近日，县政协组织部分农业农村界委员，围绕“发展壮大特色产业 推动乡村全面振兴”开展专题调研。',
    '调研中',
    '委员们先后深入城关镇、洛门镇等地的蔬菜种植基地、中药材加工企业和农民专业合作社，实地了解特色产业发展现状和存在的困难问题。',
    '座谈交流',
    '在座谈交流中，委员们认为，我县特色产业基础较好，但仍存在产业链条短、精深加工能力弱、品牌知名度不高等问题，建议进一步加大政策扶持力度，培育壮大龙头企业，加强品牌建设和市场营销，让特色产业真正成为群众增收致富的“金钥匙”。',
]
sec = (f'<section style="margin: 10px 0px;"><section style="text-align: justify; line-height: 1.75em;"><span style="font-size: 15px;">{esc(body[0])}</span></section></section>'
       f'<section style="text-align: center;"><section style="display: inline-block; background-color: rgb(171, 25, 66); padding: 3px 12px;"><span style="color: rgb(255, 255, 255);"><strong>{esc(body[1])}</strong></span></section></section>'
       f'<section style="text-align: center;"><img src="/upload/2023/06/wx_1.jpeg" data-ratio="0.667" data-w="1080" style="width: 100%;"></section>'
       f'<section style="text-align: justify; line-height: 1.75em;"><span style="font-size: 15px;">{esc(body[2])}</span></section>'
       f'<section style="text-align: center;"><section style="display: inline-block; background-color: rgb(171, 25, 66); padding: 3px 12px;"><span style="color: rgb(255, 255, 255);"><strong>{esc(body[3])}</strong></span></section></section>'
       f'<section style="text-align: justify; line-height: 1.75em;"><span style="font-size: 15px;">{esc(body[4])}</span></section>'
       '<section style="text-align: right;"><span style="font-size: 12px; color: rgb(136, 136, 136);">来源：武山政协</span></section>'
       '<section style="text-align: right;"><span style="font-size: 12px; color: rgb(136, 136, 136);">编辑：张敏　审核：王强</span></section>'
       '<section style="text-align: center;"><img src="/upload/2023/06/wx_qr.gif" style="width: 40%;"></section>')
page = f'''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="/skin/css/news.css">
</head>
<body>
<div class="top-nav"><a href="/">网站首页</a> <a href="/list/1.html">政协要闻</a> <a href="/list/2.html">委员履职</a> <a href="/list/3.html">协商议政</a> <a href="/list/4.html">文史资料</a></div>
<div class="news-wrap">
  <div class="position">您当前的位置：<a href="/">网站首页</a> &gt; <a href="/list/2.html">委员履职</a></div>
  <div class="news-title"><h1>{title}</h1></div>
  <div class="news-info">发布时间：2023-06-21 17:48:06　　作者：武山政协　　浏览量：<span>167</span></div>
  <div class="news-content">{sec}</div>
</div>
<div class="foot">Copyright © 2023 政协武山县委员会 All Rights Reserved <a href="https://beian.miit.gov.cn">陇ICP备2021001234号-1</a></div>
</body>
</html>
'''
write('tpl_wechat_sections', page, gold(title, '2023-06-21', body, '武山政协',
      url='http://www.wszx.gov.cn/news/2023-06-21/1882.html', expect={'channel': ['委员履职']}))

# ================================================================== 统计局 release with a data table and notes
title = '2023年1-5月全市规模以上工业生产情况'
rows = [('指标名称', '5月', '1-5月'), ('规模以上工业增加值增速（%）', '6.2', '5.8'),
        ('其中：采矿业', '3.1', '2.7'), ('制造业', '7.4', '6.9'),
        ('电力、热力、燃气及水生产和供应业', '4.5', '4.1')]
body = [
    '5月份，全市规模以上工业增加值同比增长6.2%，增速比4月份加快0.8个百分点。1-5月，全市规模以上工业增加值同比增长5.8%。',
    '分门类看，5月份，采矿业增加值同比增长3.1%，制造业增长7.4%，电力、热力、燃气及水生产和供应业增长4.5%。',
    '分行业看，5月份，全市28个工业大类行业中有19个行业增加值保持同比增长，增长面为67.9%。',
    *[' '.join(r) for r in rows],
    '附注',
    '1.指标解释：规模以上工业是指年主营业务收入2000万元及以上的工业法人单位。',
    '2.统计范围：全市规模以上工业企业共计412家。',
]
trs = ''.join('<tr>' + ''.join(f'<td>{c}</td>' for c in r) + '</tr>' for r in rows)
page = f'''<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{title}_天水市统计局</title>
<meta name="SiteName" content="天水市统计局">
<meta name="ColumnName" content="统计数据">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2023-06-16 10:00">
<meta name="ContentSource" content="天水市统计局">
<link rel="stylesheet" href="/images/tjj.css">
</head>
<body>
<div class="header"><img src="/images/tjj_logo.png" alt="天水市统计局"><div class="search"><input type="text" value="请输入关键字"><a href="javascript:;">搜索</a></div></div>
<div class="nav"><a href="/">首页</a><a href="/tjxw/">统计新闻</a><a href="/tjsj/">统计数据</a><a href="/tjgb/">统计公报</a><a href="/tjfx/">统计分析</a><a href="/zwgk/">政务公开</a></div>
<div class="main">
  <div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/tjsj/">统计数据</a> &gt; <a href="/tjsj/ydsj/">月度数据</a></div>
  <div class="detail-title"><h1>{title}</h1></div>
  <div class="detail-title-des"><h2><p>发布时间：2023-06-16 10:00</p><p>来源：天水市统计局</p></h2>
    <div class="detail-title-des-rt"><span>字号：<a>大</a> <a>中</a> <a>小</a></span> <a href="javascript:window.print()">打印</a></div></div>
  <div class="detail-text-content">
    <div class="TRS_UEDITOR TRS_WEB">
{ps(body[:3])}
<table border="1" cellspacing="0" cellpadding="0" align="center" width="600"><tbody>{trs}</tbody></table>
<p>　　<strong>{esc(body[8])}</strong></p>
{ps(body[9:])}
    </div>
  </div>
</div>
<div class="footer"><p>主办单位：天水市统计局　地址：天水市秦州区自由路88号</p><p><a href="https://beian.miit.gov.cn">陇ICP备09002345号</a>　网站标识码：6205000017</p></div>
</body>
</html>
'''
write('tpl_stats_table', page, gold(title, '2023-06-16', body, '天水市统计局',
      url='http://tjj.tianshui.gov.cn/tjsj/ydsj/202306/t20230616_1298.html',
      expect={'source': '天水市统计局', 'channel': ['统计数据', '月度数据']}))

# ================================================================== gov.cn 要闻 news page
title = '全国夏粮收购工作会议在京召开'
body = [
    '新华社北京6月16日电　全国夏粮收购工作会议16日在京召开。会议要求，各地区各有关部门要认真落实粮食安全党政同责，精心组织夏粮收购，坚决守住农民“种粮卖得出”的底线。',
    '会议指出，今年夏粮丰收在望，收购工作任务较重。要提前做好仓容、资金、运力等准备，合理布设收购网点，延长收购时间，方便农民就近售粮。',
    '会议强调，要严格执行最低收购价政策，在符合条件的地区及时启动执行预案；要加强市场监测预警，严厉打击压级压价、“打白条”等坑农害农行为，切实保护种粮农民利益。',
]
page = f'''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<meta name="keywords" content="夏粮收购">
<meta name="description" content="全国夏粮收购工作会议16日在京召开。">
<meta name="firstpublishedtime" content="2023-06-16-20:47:13">
<meta name="lastmodifiedtime" content="2023-06-16-20:52:40">
<meta name="catalog" content="要闻">
<meta name="contentid" content="a9d2c48e71f54b9c8d0e3f2a1b6c7d58">
<title>{title}_滚动新闻_中国政府网</title>
<link rel="stylesheet" href="/images/trs-content.css">
</head>
<body>
<div class="header"><div class="header_top"><a href="/">首页</a> | <a href="javascript:;">简</a> | <a href="javascript:;">繁</a> | <a href="https://english.www.gov.cn/">EN</a> | <a href="javascript:;">登录</a> | <a href="javascript:;">个人中心</a> | <a href="javascript:;">退出</a> | <a href="https://mail.gov.cn">邮箱</a> | <a href="javascript:;">无障碍</a></div>
<div class="header_nav"><a href="/">首页</a><a href="/yaowen/">新闻</a><a href="/zhuanti/">专题</a><a href="/zhengce/">政策</a><a href="/hudong/">互动</a><a href="/fuwu/">服务</a><a href="/shuju/">数据</a><a href="/guoqing/">国情</a></div></div>
<div class="w1100">
  <div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/yaowen/">新闻</a> &gt; <a href="/yaowen/liebiao/">滚动新闻</a></div>
  <div class="article oneColumn pub_border">
    <h1 id="ti">{title}</h1>
    <div class="pages-date">2023-06-16 20:47 <span class="font">来源： 新华社</span>
      <span class="font index_switchsize">字号：<span>默认</span> <span>大</span> <span>超大</span></span>
      <span class="font">|</span> <span class="font"><a href="javascript:void(0)" onclick="window.print()">打印</a></span>
      <span class="font">|</span> <span class="font share_icons"><a class="wx" title="分享到微信"></a><a class="wb" title="分享到微博"></a></span>
    </div>
    <div class="pages_content" id="UCAP-CONTENT">
{ps(body)}
    </div>
    <div class="editor">【<a href="javascript:;">我要纠错</a>】 责任编辑：刘亦瑶</div>
  </div>
  <div class="related"><h3>相关稿件</h3><ul><li><a href="/yaowen/liebiao/202306/content_6886501.htm">国家发展改革委等部门部署做好夏粮收购工作</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：国务院办公厅　运行维护单位：中国政府网运行中心</p><p>版权所有：中国政府网　中文域名：中国政府网.政务</p><p>网站识别码bm01000001　京ICP备05070218号　京公网安备11010202000001号</p></div>
</body>
</html>
'''
write('tpl_govcn_news', page, gold(title, '2023-06-16', body, '新华社',
      url='https://www.gov.cn/yaowen/liebiao/202306/content_6887123.htm',
      expect={'source': '新华社', 'channel': ['新闻', '滚动新闻']}))

# ================================================================== 人民政协网 (ARTI CMS) page
title = '全国政协召开双周协商座谈会 围绕“推进职业教育产教融合”建言资政'
body = [
    '人民政协网北京6月20日电（记者 王佳宁）全国政协19日在京召开双周协商座谈会，围绕“推进职业教育产教融合”建言资政。',
    '12位委员和专家学者在会上发言，大家认为，近年来我国职业教育体系建设取得明显成效，但仍存在校企合作不够深入、实训条件不足、专业设置与产业需求匹配度不高等问题。',
    '委员们建议，要完善校企合作激励政策，支持企业深度参与职业院校人才培养；要推动专业设置与区域产业布局紧密对接，建设一批高水平实训基地；要畅通技术技能人才成长通道，提高职业教育吸引力。',
    '教育部、人力资源社会保障部有关负责同志介绍了相关工作情况，与委员们互动交流。',
]
page = f'''<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{title}</title>
<meta name="filetype" content="1">
<meta name="publishedtype" content="1">
<meta name="pagetype" content="1">
<meta name="catalogs" content="PAGE1356753512345678">
<meta name="contentid" content="ARTI1687225512345678">
<meta name="publishdate" content="2023-06-20">
<meta name="author" content="王佳宁">
<meta name="source" content="人民政协网">
<link href="//www.cppcc.gov.cn/Library/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="//www.cppcc.gov.cn/Library/js/jquery.js"></script>
</head>
<body>
<div class="top_box"><div class="top"><div class="logo"><a href="/"><img src="/Library/images/logo.png" alt="中国人民政治协商会议全国委员会"></a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zxww/">政协要闻</a></li><li><a href="/zxww/newcppcc/zxjg/">机构设置</a></li><li><a href="/zxww/zxyw/">协商议政</a></li><li><a href="/zxww/ywzz/">委员风采</a></li><li><a href="/zxww/wsls/">文史资料</a></li></ul></div></div></div>
<div class="column_wrapper">
  <div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/zxww/">政协要闻</a></div>
  <div class="cnt_box">
    <h3>{title}</h3>
    <div class="info"><i>来源：人民政协网</i>&nbsp;&nbsp;<i>2023年06月20日 09:12</i></div>
    <div class="cnt_nav"><div class="font">字号：<a href="javascript:;">大</a><a href="javascript:;">中</a><a href="javascript:;">小</a></div></div>
    <div class="cnt_bd"><!--repaste.body.begin-->
{ps(body)}
<!--repaste.body.end--></div>
    <div class="zebian"><span>编辑：</span><span>李思远</span></div>
    <div class="fenxiang">分享到：<a class="wx"></a><a class="wb"></a><a class="qq"></a></div>
  </div>
</div>
<div class="footer"><p>中国人民政治协商会议全国委员会办公厅主办　人民政协网承办</p><p>版权所有：中国人民政治协商会议全国委员会　<a href="https://beian.miit.gov.cn">京ICP备06038436号</a></p></div>
</body>
</html>
'''
write('tpl_cppcc_arti', page, gold(title, '2023-06-20', body, '人民政协网',
      url='http://www.cppcc.gov.cn/zxww/2023/06/20/ARTI1687225512345678.shtml',
      expect={'source': '人民政协网', 'channel': ['政协要闻']}))

# ================================================================== every page titled with the site's name
title = '市政协开展“有事好商量”协商议事活动'
body = [
    '4月11日，市政协在西峰区北街街道开展“有事好商量”协商议事活动，围绕“老旧小区加装电梯”议题，组织政协委员、社区干部、居民代表和有关部门负责同志协商交流。',
    '居民代表反映了加装电梯过程中意见难统一、资金筹措难、审批手续繁琐等问题。有关部门负责同志现场解答，并介绍了加装电梯补贴政策和办理流程。',
    '经过充分协商，与会各方就建立加装电梯协调机制、简化审批程序、探索多元筹资方式等达成共识。',
]
page = f'''<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>政协庆阳市委员会</title>
<meta name="keywords" content="政协庆阳市委员会,庆阳政协">
<meta name="description" content="政协庆阳市委员会门户网站">
<link href="/css/main.css" rel="stylesheet">
</head>
<body>
<div class="header"><h1 class="logo"><a href="/">政协庆阳市委员会</a></h1>
<div class="nav"><a href="/">首页</a><a href="/news/list_1.html">政协要闻</a><a href="/news/list_2.html">协商议政</a><a href="/news/list_3.html">民主监督</a><a href="/news/list_4.html">委员风采</a><a href="/news/list_5.html">通知公告</a></div></div>
<div class="content">
  <div class="left_box"><div class="left_tit">协商议政</div><ul><li><a href="/news/list_2_1.html">专题协商</a></li><li><a href="/news/list_2_2.html">对口协商</a></li><li><a href="/news/list_2_3.html">有事好商量</a></li></ul></div>
  <div class="right_box">
    <div class="weizhi">当前位置：<a href="/">首页</a> &gt; <a href="/news/list_2.html">协商议政</a> &gt; <a href="/news/list_2_3.html">有事好商量</a></div>
    <div class="news_title"><h2>{title}</h2></div>
    <div class="news_info">发布日期：2023-04-12　　浏览次数：<span id="count">218</span></div>
    <div class="news_text">
{ps(body)}
    </div>
  </div>
</div>
<div class="footer"><p>政协庆阳市委员会办公室主办　地址：庆阳市西峰区南大街12号</p><p><a href="https://beian.miit.gov.cn">陇ICP备12001357号</a></p></div>
</body>
</html>
'''
write('tpl_sitename_title', page, gold(title, '2023-04-12', body, None,
      url='http://www.qyzx.gov.cn/news/show_2_3_612.html',
      expect={'channel': ['协商议政', '有事好商量']}))

# ================================================================== sidebar of punctuated news summaries next to a short article
title = '县政协召开主席会议'
body = [
    '3月28日，县政协召开十届主席会议第十二次会议，传达学习全国两会精神，研究部署近期重点工作。县政协主席孙立华主持会议。',
    '会议审议通过了县政协2023年度协商工作计划、委员履职考评办法等事项。',
]
items = [
    ('县政协开展民主监督专项视察', '3月23日，县政协组织部分委员对全县农村饮水安全工程建设情况开展民主监督专项视察，实地察看了水厂运行和管网改造情况……'),
    ('县政协机关召开党建工作会议', '3月20日，县政协机关召开2023年党建工作会议，总结去年机关党建工作，安排部署今年重点任务，签订党风廉政建设责任书……'),
    ('县政协委员捐资助学', '近日，县政协组织部分委员到城关中学开展捐资助学活动，为家庭困难学生送去助学金和学习用品，鼓励他们努力学习……'),
    ('县政协召开提案交办会', '3月15日，县政协召开提案交办会，将县政协十届二次会议立案的126件提案交由48个承办单位办理，并对办理工作提出要求……'),
]
side = ''.join(f'<li><h4><a href="/zxdt/{900 + i}.html">{t}</a></h4><p>{esc(d)}</p></li>' for i, (t, d) in enumerate(items))
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title}-政协镇原县委员会</title><link rel="stylesheet" href="/skin/style.css"></head>
<body>
<div class="head"><img src="/skin/logo.png" alt="政协镇原县委员会"></div>
<div class="menu"><a href="/">首页</a><a href="/zxyw/">政协要闻</a><a href="/zxdt/">政协动态</a><a href="/tagz/">提案工作</a><a href="/wyfc/">委员风采</a></div>
<div class="main">
  <div class="main_l">
    <div class="path">您的位置：<a href="/">首页</a> &gt; <a href="/zxyw/">政协要闻</a></div>
    <div class="show_t">{title}</div>
    <div class="show_i">发布时间：2023-03-29　来源：县政协办公室</div>
    <div class="show_c">
{ps(body)}
    </div>
  </div>
  <div class="main_r">
    <div class="zxdt"><div class="tit">政协动态</div><ul>{side}</ul></div>
  </div>
</div>
<div class="foot">版权所有：政协镇原县委员会　<a href="https://beian.miit.gov.cn">陇ICP备14001122号</a></div>
</body>
</html>
'''
write('tpl_sidebar_summaries', page, gold(title, '2023-03-29', body, '县政协办公室',
      url='http://www.zyxzx.gov.cn/zxyw/887.html', expect={'source': '县政协办公室', 'channel': ['政协要闻']}))

# ================================================================== 集约化 platform: 公开 metadata as <ul><li><span>
title = '甘肃省卫生健康委员会关于做好2023年基本公共卫生服务项目工作的通知'
body = [
    '甘卫基层发〔2023〕56号',
    '各市州卫生健康委，兰州新区社会事业局：',
    '为进一步做好基本公共卫生服务项目工作，提高项目实施质量和效率，现就有关事项通知如下。',
    '一、2023年人均基本公共卫生服务经费补助标准为89元，新增经费主要用于巩固现有项目、扩大服务覆盖面。',
    '二、各地要加强项目资金管理，严格按照规定范围使用资金，不得挤占挪用，确保资金及时足额拨付到基层医疗卫生机构。',
    '三、各地要加强绩效评价，将评价结果与资金分配挂钩，于每年12月底前将年度工作总结报送我委基层卫生健康处。',
    '甘肃省卫生健康委员会',
    '2023年6月15日',
]
page = f'''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}-甘肃省卫生健康委员会</title>
<meta name="SiteName" content="甘肃省卫生健康委员会">
<meta name="ColumnName" content="通知公告">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2023-06-19 11:20">
<link rel="stylesheet" href="/static/jyh/css/detail.css">
</head>
<body>
<div class="jyh-head"><div class="jyh-w"><div class="jyh-logo"><img src="/static/jyh/img/logo.png" alt="甘肃省卫生健康委员会"></div>
<div class="jyh-tools"><a href="javascript:;">无障碍</a><a href="javascript:;">长者模式</a><a href="javascript:;">English</a></div></div>
<div class="jyh-nav"><a href="/">首页</a><a href="/wsjk/xxgk/">信息公开</a><a href="/wsjk/zwfw/">政务服务</a><a href="/wsjk/hdjl/">互动交流</a><a href="/wsjk/zxzt/">专题专栏</a></div></div>
<div class="jyh-w jyh-detail">
  <div class="jyh-crumb">当前位置：<a href="/">首页</a> &gt; <a href="/wsjk/xxgk/">信息公开</a> &gt; <a href="/wsjk/tzgg/">通知公告</a></div>
  <div class="xxgk-info">
    <ul>
      <li><span>索 引 号：</span><em>11620000013925001X/2023-00123</em></li>
      <li><span>发布机构：</span><em>甘肃省卫生健康委员会</em></li>
      <li><span>主题分类：</span><em>卫生、体育</em></li>
      <li><span>发布日期：</span><em>2023-06-19</em></li>
      <li><span>文　　号：</span><em>甘卫基层发〔2023〕56号</em></li>
      <li><span>成文日期：</span><em>2023-06-15</em></li>
      <li class="long"><span>名　　称：</span><em>{title}</em></li>
    </ul>
  </div>
  <div class="article-title">{title}</div>
  <div class="article-content" id="zoom">
<p style="text-align:center">{esc(body[0])}</p>
<p>{esc(body[1])}</p>
{ps(body[2:6])}
<p style="text-align:right">{esc(body[6])}</p>
<p style="text-align:right">{esc(body[7])}</p>
  </div>
  <div class="article-attach">附件下载：<a href="/wsjk/uploadfile/2023/06/19/甘卫基层发〔2023〕56号.pdf">甘卫基层发〔2023〕56号.pdf</a></div>
  <div class="article-tools"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="jyh-foot"><p>主办单位：甘肃省卫生健康委员会　承办单位：甘肃省卫生健康统计信息中心</p><p>网站标识码：6200000032　<a href="https://beian.miit.gov.cn">陇ICP备05001010号</a>　甘公网安备 62010202000678号</p></div>
</body>
</html>
'''
write('tpl_xxgk_ul', page, gold(title, '2023-06-19', body, '甘肃省卫生健康委员会',
      attachments=['甘卫基层发〔2023〕56号.pdf'],
      url='http://wsjk.gansu.gov.cn/wsjk/tzgg/202306/a1b2c3d4e5f6.shtml',
      expect={'doc_number': '甘卫基层发〔2023〕56号', 'signed_by': '甘肃省卫生健康委员会', 'signed_date': '2023-06-15',
              'attachment_kinds': ['pdf'], 'channel': ['信息公开', '通知公告']}))

# ================================================================== 来源/编辑/审核 credits at the end of the content block
title = '我县启动2023年“三夏”农机跨区作业服务'
body = [
    '6月1日，我县2023年“三夏”农机跨区作业服务启动仪式在南湖镇举行，来自全县各乡镇的120余台联合收割机整装待发。',
    '今年，县农业农村局提前组织开展农机检修和机手培训，设立农机跨区作业接待服务站5个，为机手提供信息咨询、维修保养、油料供应等服务，确保夏收工作顺利进行。',
    '据了解，今年全县小麦种植面积32.6万亩，预计6月20日前基本完成收获任务。',
]
page = f'''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{title}_清水县人民政府</title>
<link rel="stylesheet" href="/css/article.css">
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/zwfw/">政务服务</a> | <a href="/hdjl/">互动交流</a></div>
<div class="main">
  <div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="/xwzx/bmdt/">部门动态</a></div>
  <h1>{title}</h1>
  <div class="info">发布时间：2023-06-02 11:20:35　浏览次数：<span id="hits">96</span></div>
  <div class="article_content">
{ps(body)}
<p style="text-align:right">来源：县融媒体中心</p>
<p style="text-align:right">编辑：张丽　审核：李刚　终审：王宏</p>
  </div>
</div>
<div class="foot"><p>清水县人民政府办公室主办　<a href="https://beian.miit.gov.cn">陇ICP备09001287号-1</a></p></div>
</body>
</html>
'''
write('tpl_trailing_credits', page, gold(title, '2023-06-02', body, '县融媒体中心',
      url='http://www.qingshui.gov.cn/xwzx/bmdt/202306/t20230602_3312.html',
      expect={'source': '县融媒体中心', 'channel': ['新闻中心', '部门动态']}))

# ================================================================== page 1 of a paginated article, pager inside the content
title = '关于全市政协系统加强委员履职能力建设的调研报告'
body = [
    '为深入了解全市政协系统委员履职能力建设情况，今年3月至5月，市政协组成调研组，采取实地走访、座谈交流、问卷调查等方式，对全市7个县区政协开展专题调研。现将调研情况报告如下。',
    '一、基本情况',
    '全市共有各级政协委员2186名，其中中共党员委员占39.2%，非中共党员委员占60.8%。近年来，各级政协坚持把加强委员履职能力建设作为基础性工作来抓，建立健全委员学习培训、履职考评、联系服务等制度，委员履职积极性和履职质量明显提升。',
    '二、存在的问题',
    '调研中也发现，部分委员履职意识不强，参加活动不够积极；一些委员调查研究不够深入，提出的意见建议针对性和可操作性不强；委员履职管理和服务保障机制还需进一步完善。',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title}_理论研究_政协白银市委员会</title><link rel="stylesheet" href="/css/detail.css"></head>
<body>
<div class="header"><div class="logo">政协白银市委员会</div><div class="nav"><a href="/">首页</a><a href="/zxyw/">政协要闻</a><a href="/llyj/">理论研究</a><a href="/dcyj/">调查研究</a><a href="/wyfc/">委员风采</a></div></div>
<div class="container">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/llyj/">理论研究</a></div>
  <div class="detail">
    <h1>{title}</h1>
    <div class="meta">发布时间：2023-06-08　来源：市政协研究室　作者：市政协调研组</div>
    <div class="detail-content">
{ps(body)}
      <div class="pagebar"><span>共3页</span> <span class="cur">1</span> <a href="4620_2.html">2</a> <a href="4620_3.html">3</a> <a href="4620_2.html">下一页</a> <a href="4620_3.html">尾页</a></div>
    </div>
  </div>
</div>
<div class="footer"><p>版权所有：政协白银市委员会　<a href="https://beian.miit.gov.cn">陇ICP备12003456号</a></p></div>
</body>
</html>
'''
write('tpl_paginated', page, gold(title, '2023-06-08', body, '市政协研究室',
      url='http://www.byzx.gov.cn/llyj/4620.html',
      expect={'source': '市政协研究室', 'author': '市政协调研组', 'channel': ['理论研究']}))

# ================================================================== 引题 above and 副题 below the headline (newspaper style)
title = '省政协委员深入基层开展“送医下乡”活动'
kicker = '践行为民宗旨 助力健康乡村'
sub = '——省政协医卫界委员“走基层”活动侧记'
body = [
    '6月上旬，省政协组织20余名医卫界委员，分赴定西、陇南等地8个县区开展“送医下乡”活动，为基层群众提供义诊服务，为基层医务人员开展业务培训。',
    '在岷县人民医院，委员们通过教学查房、病例讨论、专题讲座等方式，与当地医务人员分享临床经验，帮助提升诊疗水平。',
    '“专家们把好的经验和技术送到了家门口，让我们受益匪浅。”当地一位年轻医生说。',
    '据统计，活动期间委员们共义诊群众1600余人次，开展专题讲座12场，培训基层医务人员500余人次。',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title}_甘肃省政协</title><link rel="stylesheet" href="/style/show.css"></head>
<body>
<div class="top"><div class="logo"><img src="/style/logo.png" alt="中国人民政治协商会议甘肃省委员会"></div>
<div class="nav"><a href="/">首页</a><a href="/zxyw/">政协要闻</a><a href="/lzdt/">履职动态</a><a href="/wyzc/">委员之窗</a><a href="/ztzl/">专题专栏</a></div></div>
<div class="wrap">
  <div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/wyzc/">委员之窗</a></div>
  <div class="show">
    <h3 class="yt">{kicker}</h3>
    <h1 class="title">{title}</h1>
    <h4 class="ft">{sub}</h4>
    <div class="info">2023-06-14 10:06　来源：甘肃政协报　作者：李文静</div>
    <div class="con">
{ps(body)}
    </div>
  </div>
</div>
<div class="foot"><p>中国人民政治协商会议甘肃省委员会办公厅　版权所有</p><p><a href="https://beian.miit.gov.cn">陇ICP备05000123号</a></p></div>
</body>
</html>
'''
write('tpl_kicker_subtitle', page, gold(title, '2023-06-14', body, '甘肃政协报',
      title_alts=[f'{title}{sub}', f'{kicker} {title}'],
      url='http://www.gszx.gov.cn/wyzc/20230614/3391.html',
      expect={'source': '甘肃政协报', 'author': '李文静', 'channel': ['委员之窗']}))

# ================================================================== Word paste: MsoNormal spans, o:p, the document title repeated
title = '关于报送2023年度社情民意信息工作情况的通知'
body = [
    '各县区政协，市政协各专门委员会：',
    '为做好2023年度社情民意信息工作总结和表彰，请各单位对本年度社情民意信息工作进行认真总结，重点总结信息报送、采用和转化情况，以及工作中的经验做法和存在问题。',
    '请于2023年12月10日前将工作总结报送市政协办公室信息科，电子版发送至指定邮箱。',
    '政协庆阳市委员会办公室',
    '2023年11月28日',
]
def mso(text, style='text-indent:32.0pt;line-height:28.0pt', align=None):
    a = f' align="{align}"' if align else ''
    return (f'<p class="MsoNormal"{a} style="{style}"><span style="font-family:仿宋_GB2312;font-size:16.0pt">'
            f'{esc(text)}</span><span lang="EN-US" style="font-size:16.0pt"><o:p></o:p></span></p>')
half = len(body[1]) // 2
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title}-政协庆阳市委员会</title><link rel="stylesheet" href="/css/main.css"></head>
<body>
<div class="header"><div class="logo">政协庆阳市委员会</div><div class="nav"><a href="/">首页</a><a href="/tzgg/">通知公告</a><a href="/zxyw/">政协要闻</a></div></div>
<div class="container">
  <div class="weizhi">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
  <h2 class="atitle">{title}</h2>
  <div class="ainfo">发布时间：2023-11-29　浏览：<span>75</span>次</div>
  <div class="acontent">
<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{{margin-top:0;margin-bottom:0;line-height:1.5;font-family:宋体;font-size:12pt;}}</style>
<div class="Section0">
<?xml:namespace prefix = o ns = "urn:schemas-microsoft-com:office:office" />
<p class="MsoNormal" align="center" style="text-align:center;line-height:28.0pt"><b><span style="font-family:方正小标宋简体;font-size:22.0pt">{esc(title)}</span></b><span lang="EN-US"><o:p></o:p></span></p>
<p class="MsoNormal"><span lang="EN-US"><o:p>&nbsp;</o:p></span></p>
{mso(body[0], style='line-height:28.0pt')}
<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt"><span style="font-family:仿宋_GB2312;font-size:16.0pt">{esc(body[1][:half])}</span><span style="font-family:仿宋_GB2312;font-size:16.0pt">{esc(body[1][half:])}</span></p>
{mso(body[2])}
<p class="MsoNormal"><span lang="EN-US"><o:p>&nbsp;</o:p></span></p>
{mso(body[3], style='text-align:right;line-height:28.0pt', align='right')}
{mso(body[4], style='text-align:right;line-height:28.0pt', align='right')}
</div></div>
  </div>
</div>
<div class="footer"><p>政协庆阳市委员会办公室主办　<a href="https://beian.miit.gov.cn">陇ICP备12001357号</a></p></div>
</body>
</html>
'''
write('tpl_word_paste', page, gold(title, '2023-11-29', body, None,
      url='http://www.qyzx.gov.cn/tzgg/2023/1129/698.html',
      expect={'signed_by': '政协庆阳市委员会办公室', 'signed_date': '2023-11-28', 'channel': ['通知公告']}))

# ================================================================== ministry TRS page with a dated 相关阅读 list (dl/dd)
title = '教育部部署做好2023年高校毕业生就业创业工作'
body = [
    '近日，教育部印发通知，部署各地各高校进一步做好2023年高校毕业生就业创业工作。',
    '通知要求，各地各高校要把促进高校毕业生就业作为重大政治任务，主要负责同志要亲自抓、负总责，深入开展书记校长访企拓岗促就业专项行动，积极拓展市场化社会化就业渠道。',
    '通知强调，要强化就业指导服务，加强对困难群体毕业生的帮扶，建立“一人一档”“一人一策”精准帮扶机制，优先推荐岗位、优先组织培训。要严格落实就业统计“四不准”“三不得”要求，确保就业数据真实准确。',
]
rel = ''.join(f'<dl><dt><a href="../../s5147/202305/t2023051{i}_1060{i}.html">{t}</a></dt><dd>{d}</dd></dl>' for i, (t, d) in enumerate([
    ('教育部召开2023届高校毕业生就业工作推进会', '2023-05-19'), ('教育部等部门开展“24365校园招聘服务”活动', '2023-05-12')]))
page = f'''<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>中华人民共和国教育部政府门户网站</title>
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2023-06-02 15:20">
<meta name="ContentSource" content="教育部政府门户网站">
<link href="/images/moe_content.css" rel="stylesheet" type="text/css" />
</head>
<body>
<div id="wrapper">
<div id="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="中华人民共和国教育部"></a></div>
<div class="nav"><a href="/">首页</a><a href="/jyb_xwfb/">新闻</a><a href="/jyb_xxgk/">公开</a><a href="/jyb_xwfb/xw_zt/">专题</a><a href="/s78/">服务</a><a href="/jyb_hd/">互动</a></div></div>
<div id="curpage"><a href="/">首页</a> &gt; <a href="/jyb_xwfb/">新闻</a> &gt; <a href="/jyb_xwfb/gzdt_gzdt/">工作动态</a></div>
<div id="content_body">
  <h1>{title}</h1>
  <div id="content_date_source"><span>来源：教育部政府门户网站</span> | <span>2023-06-02</span></div>
  <div class="moe-detail-shuxian"></div>
  <div id="content_body_txt">
<!--startprint-->
<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{{margin-top:5px;margin-bottom:10px;line-height:1.8;font-family:宋体;font-size:12pt;}}</style>
{ps(body)}
</div>
<!--endprint-->
  </div>
  <div id="content_editor">【<a href="javascript:window.print()">打印</a>】 【<a href="javascript:window.close()">关闭</a>】 责任编辑：张蕾</div>
  <div class="moe-detail-related"><div class="tit">相关阅读</div>{rel}</div>
</div>
<div id="footer"><p>主办单位：中华人民共和国教育部　版权所有：中华人民共和国教育部</p><p><a href="https://beian.miit.gov.cn">京ICP备10028400号</a>　京公网安备11040102700080号</p></div>
</div>
</body>
</html>
'''
write('tpl3_ministry_trs', page, gold(title, '2023-06-02', body, '教育部政府门户网站',
      url='http://www.moe.gov.cn/jyb_xwfb/gzdt_gzdt/s5987/202306/t20230602_1062518.html',
      expect={'source': '教育部政府门户网站', 'channel': ['新闻', '工作动态']}))

# ================================================================== provincial 信息公开: label+value in one cell, 附件 after the signature
title = '广东省人民政府办公厅关于印发广东省推进农业农村现代化若干措施的通知'
body = [
    '粤办函〔2023〕118号',
    '各地级以上市人民政府，省政府各部门、各直属机构：',
    '《广东省推进农业农村现代化若干措施》已经省人民政府同意，现印发给你们，请认真组织实施。实施过程中遇到的问题，请径向省农业农村厅反映。',
    '广东省人民政府办公厅',
    '2023年6月12日',
]
page = f'''<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{title} 广东省人民政府门户网站</title>
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2023-06-16 17:05:12">
<meta name="ContentSource" content="广东省人民政府办公厅">
<link rel="stylesheet" href="/css/xxgk.css">
</head>
<body>
<div class="top"><div class="w"><a href="/">首页</a><a href="/gdywdt/">要闻动态</a><a href="/zwgk/">政务公开</a><a href="/hdjlpt/">互动交流</a><a href="/zwfw/">政务服务</a><a href="/jjgd/">数据</a></div></div>
<div class="w main">
  <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/wjk/">文件库</a></div>
  <div class="classify">
    <table>
      <tr><td class="td-label" colspan="2"><label>索引号：</label><span>006939748/2023-00210</span></td><td><label>分类：</label><span>农业、畜牧业、渔业</span></td></tr>
      <tr><td colspan="2"><label>发布机构：</label><span>广东省人民政府办公厅</span></td><td><label>成文日期：</label><span>2023-06-12</span></td></tr>
      <tr><td colspan="3"><label>名称：</label><span>{title}</span></td></tr>
      <tr><td colspan="2"><label>文号：</label><span>粤办函〔2023〕118号</span></td><td><label>发布日期：</label><span>2023-06-16</span></td></tr>
    </table>
  </div>
  <div class="article">
    <h3 class="zw-title">{title}</h3>
    <div class="zw" id="zoomcon">
<p style="text-align: center;">{esc(body[0])}</p>
<p>{esc(body[1])}</p>
<p style="text-indent: 2em;">{esc(body[2])}</p>
<p style="text-align: right;">{esc(body[3])}</p>
<p style="text-align: right;">{esc(body[4])}</p>
    </div>
    <div class="fujian"><span>附件：</span><a href="/attachment/0/521/521873/4193245.pdf">广东省推进农业农村现代化若干措施.pdf</a></div>
    <div class="jiedu"><span class="tit">政策解读：</span><a href="/zwgk/zcjd/snzcsd/content/post_4193300.html">《广东省推进农业农村现代化若干措施》政策解读</a></div>
  </div>
</div>
<div class="footer"><p>主办：广东省人民政府办公厅　承办：南方网</p><p>网站标识码：4400000064　<a href="https://beian.miit.gov.cn">粤ICP备05070829号</a>　粤公网安备 44010402000153号</p></div>
</body>
</html>
'''
write('tpl3_province_xxgk', page, gold(title, '2023-06-16', body, '广东省人民政府办公厅',
      attachments=['广东省推进农业农村现代化若干措施.pdf'],
      url='http://www.gd.gov.cn/zwgk/wjk/qbwj/yfh/content/post_4193245.html',
      expect={'doc_number': '粤办函〔2023〕118号', 'signed_by': '广东省人民政府办公厅', 'signed_date': '2023-06-12',
              'attachment_kinds': ['pdf'], 'channel': ['政务公开', '文件库']}))

# ================================================================== modern template: date and source in unlabelled spans
title = '市政协举办委员履职能力提升培训班'
body = [
    '6月19日至21日，市政协在市委党校举办委员履职能力提升培训班，80余名市政协委员参加培训。',
    '培训班围绕人民政协理论、提案撰写、社情民意信息撰写等内容，邀请省政协和市委党校专家授课，并组织学员开展分组研讨。',
    '学员们纷纷表示，通过培训进一步加深了对人民政协性质定位的理解，掌握了履职方法，增强了履职本领。',
]
page = f'''<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}-政协陇南市委员会</title>
<link rel="stylesheet" href="/assets/css/app.css">
</head>
<body>
<div id="app">
<header class="header"><div class="container"><a href="/" class="logo"><img src="/assets/img/logo.png" alt="政协陇南市委员会"></a>
<ul class="menu"><li><a href="/">首页</a></li><li><a href="/news">政协要闻</a></li><li><a href="/duty">履职动态</a></li><li><a href="/member">委员风采</a></li><li><a href="/notice">通知公告</a></li></ul></div></header>
<section class="container detail">
  <nav class="crumbs"><a href="/">首页</a><i>/</i><a href="/duty">履职动态</a><i>/</i><span>详情</span></nav>
  <h1 class="detail-title">{title}</h1>
  <div class="detail-meta"><span class="time"><i class="icon-time"></i>2023-06-22 09:41</span><span class="origin"><i class="icon-origin"></i>市政协办公室</span><span class="views"><i class="icon-eye"></i>305</span></div>
  <div class="detail-content">
{ps(body, indent='')}
  </div>
  <div class="detail-nav"><a href="/duty/1207" class="prev"><span>上一篇</span>市政协召开机关干部大会</a><a href="/duty/1209" class="next"><span>下一篇</span>市政协开展专题视察</a></div>
</section>
<footer class="footer"><div class="container"><p>政协陇南市委员会 版权所有</p><p><a href="https://beian.miit.gov.cn">陇ICP备18000321号-1</a></p></div></footer>
</div>
</body>
</html>
'''
write('tpl3_unlabelled_meta', page, gold(title, '2023-06-22', body, '市政协办公室',
      url='http://www.lnzx.gov.cn/duty/1208', expect={'channel': ['履职动态']}))

# ================================================================== county media centre: video, 本报讯 dateline, credits at the end
title = '我县举办第三届农民丰收节暨特色农产品展销会'
body = [
    '本报讯（记者 赵明 通讯员 孙丽）9月23日，我县第三届农民丰收节暨特色农产品展销会在县城文化广场开幕。',
    '展销会设置特色农产品展区、非遗展示区和农耕文化体验区，来自全县15个乡镇的120余家企业、合作社和家庭农场参展，展出花椒、核桃、中药材等特色农产品300余种。',
    '活动现场还举行了农民趣味运动会、文艺演出和直播带货等活动，吸引了众多群众前来参观选购。据统计，开幕当天销售额达180余万元。',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title}_武都区融媒体中心</title><link rel="stylesheet" href="/static/css/news.css"></head>
<body>
<div class="head"><div class="logo"><img src="/static/img/logo.png" alt="武都区融媒体中心"></div>
<div class="nav"><a href="/">首页</a><a href="/list/bdxw">本地新闻</a><a href="/list/szxw">时政新闻</a><a href="/list/ms">民生</a><a href="/list/sp">视频</a></div></div>
<div class="main">
  <div class="crumb">您当前所在位置：<a href="/">首页</a> &gt; <a href="/list/bdxw">本地新闻</a></div>
  <div class="news-detail">
    <h2>{title}</h2>
    <div class="news-attr">时间：2023-09-24 08:30　来源：武都区融媒体中心　作者：赵明 孙丽</div>
    <div class="news-body">
<p style="text-align:center"><video src="/upload/video/2023/09/fsj.mp4" controls="controls" width="640" height="360" poster="/upload/video/2023/09/fsj.jpg">您的浏览器不支持视频播放</video></p>
{ps(body)}
<p>编辑：刘洋　　审核：陈晨</p>
    </div>
  </div>
</div>
<div class="foot"><p>武都区融媒体中心 版权所有　未经授权禁止复制或建立镜像</p><p><a href="https://beian.miit.gov.cn">陇ICP备19003456号</a></p></div>
</body>
</html>
'''
write('tpl3_media_centre_video', page, gold(title, '2023-09-24', body, '武都区融媒体中心',
      url='http://www.wdrmt.cn/news/2023/0924/8812.html',
      expect={'source': '武都区融媒体中心', 'channel': ['本地新闻']}))

# ================================================================== reply to a CPPCC proposal: letter form, contact and 抄送 after the date
title = '关于市政协十届二次会议第123号提案的答复'
body = [
    '王建华委员：',
    '您提出的《关于加快推进城区停车设施建设的提案》收悉。经认真研究，现答复如下：',
    '近年来，我局积极推进城区停车设施建设，累计新建公共停车场26处，新增停车泊位5800余个，城区停车难问题得到一定缓解。',
    '下一步，我们将认真吸纳您的建议，加快编制城区停车设施专项规划，鼓励社会资本参与停车设施建设，推进停车资源共享利用，不断提升停车服务水平。',
    '感谢您对住房和城乡建设工作的关心和支持。',
    '清水县住房和城乡建设局',
    '2023年6月28日',
    '（联系人：马强，联系电话：0938-6812456）',
    '抄送：市政协提案委员会，市政府督查室。',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title}-清水县人民政府</title><link rel="stylesheet" href="/css/zwgk.css"></head>
<body>
<div class="head"><div class="logo"><img src="/images/logo.png" alt="清水县人民政府"></div>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/zwfw/">政务服务</a><a href="/hdjl/">互动交流</a></div></div>
<div class="container">
  <div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/jyta/">建议提案办理</a></div>
  <div class="detail">
    <h1 class="detail-title">{title}</h1>
    <div class="detail-info">发布时间：2023-06-30 16:12:08　信息来源：县住建局　阅读次数：<span id="readNum"></span></div>
    <div class="detail-content" id="zoom">
<p>{esc(body[0])}</p>
{ps(body[1:5])}
<p style="text-align:right;">{esc(body[5])}</p>
<p style="text-align:right;">{esc(body[6])}</p>
<p>{esc(body[7])}</p>
<p>{esc(body[8])}</p>
    </div>
  </div>
</div>
<div class="footer"><p>清水县人民政府办公室主办　联系电话：0938-6812000</p><p><a href="https://beian.miit.gov.cn">陇ICP备09001287号-1</a></p></div>
</body>
</html>
'''
write('tpl3_proposal_reply', page, gold(title, '2023-06-30', body, '县住建局',
      url='http://www.qingshui.gov.cn/zwgk/jyta/art/2023/art_9120.html',
      expect={'signed_by': '清水县住房和城乡建设局', 'signed_date': '2023-06-28', 'source': '县住建局',
              'channel': ['政务公开', '建议提案办理']}))

# ================================================================== body set as a list of measures (<ul><li>), no <p>
title = '市政协2023年度协商工作计划'
items = [
    '围绕“推动县域经济高质量发展”开展专题议政性常委会会议协商，形成高质量协商建议报送市委、市政府。',
    '围绕“加快发展现代乡村产业”开展专题协商，组织委员深入县区、企业开展调研，提出务实管用的对策建议。',
    '围绕“完善基层医疗卫生服务体系”开展对口协商，邀请市卫生健康委等部门负责同志与委员协商交流。',
    '围绕“老旧小区改造后续管理”开展“有事好商量”协商议事活动，推动解决群众急难愁盼问题。',
]
body = ['经市委同意，现将市政协2023年度协商工作计划印发如下：', *items, '政协武威市委员会', '2023年2月20日']
lis = '\n'.join(f'<li>{esc(t)}</li>' for t in items)
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title}_政协武威市委员会</title><link rel="stylesheet" href="/css/a.css"></head>
<body>
<div class="top">{''.join(f'<a href="/c{i}/">{t}</a>' for i, t in enumerate(['首页', '政协要闻', '协商议政', '通知公告', '委员风采']))}</div>
<div class="wrap">
  <div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/c3/">通知公告</a></div>
  <h1>{title}</h1>
  <div class="sj">发布日期：2023-02-21　来源：市政协办公室</div>
  <div class="nr">
<!--startprint-->
<p>　　{esc(body[0])}</p>
<ul class="plan">
{lis}
</ul>
<p style="text-align:right">{esc(body[-2])}</p>
<p style="text-align:right">{esc(body[-1])}</p>
<!--endprint-->
  </div>
  <div class="related"><h3>相关文章</h3><ul><li><a href="/c3/1101.html">市政协2022年度协商工作计划</a></li><li><a href="/c3/1050.html">市政协2021年度协商工作计划</a></li></ul></div>
</div>
<div class="foot">版权所有：政协武威市委员会　<a href="https://beian.miit.gov.cn">陇ICP备10002211号</a></div>
</body>
</html>
'''
write('tpl3_list_body', page, gold(title, '2023-02-21', body, '市政协办公室',
      url='http://www.wwzx.gov.cn/c3/1188.html',
      expect={'signed_by': '政协武威市委员会', 'signed_date': '2023-02-20', 'source': '市政协办公室',
              'channel': ['通知公告']}))

# ================================================================== old ASP layout: info row under the headline cell, dated 相关新闻 list
title = '县政协组织委员视察城乡供水工程建设'
body = [
    '5月16日，县政协组织部分委员视察全县城乡供水工程建设情况。',
    '委员们先后深入县第二水厂、东部片区供水管网改造工程等项目现场，详细了解工程进度、水质保障和群众用水等情况。',
    '委员们建议，要加快工程建设进度，强化水质监测，完善运行管理机制，确保群众喝上放心水、安全水。',
]
page = f'''<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>县政协组织委员视察城乡供水工程建设-政协甘谷县委员会</title>
<link href="style.css" rel="stylesheet" type="text/css">
</head>
<body>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td><img src="images/banner.jpg" width="960" height="130"></td></tr></table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="menu"><tr>
<td><a href="index.asp">首页</a></td><td><a href="list.asp?id=1">政协要闻</a></td><td><a href="list.asp?id=2">视察调研</a></td><td><a href="list.asp?id=3">提案工作</a></td><td><a href="list.asp?id=4">文史资料</a></td></tr></table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="30" class="weizhi">您现在的位置：<a href="index.asp">首页</a> &gt;&gt; <a href="list.asp?id=2">视察调研</a> &gt;&gt; 正文</td></tr>
<tr><td align="center" height="50" class="bt">{title}</td></tr>
<tr><td align="center" class="xx">作者：县政协办公室　来源：本站原创　发布时间：2023年5月17日　点击数：<font color="red">156</font></td></tr>
<tr><td class="zw">
<p>　　{esc(body[0])}</p>
<p>　　{esc(body[1])}</p>
<p>　　{esc(body[2])}</p>
</td></tr>
<tr><td class="xgxw"><b>相关新闻：</b><br>
<a href="show.asp?id=1520">县政协视察农村人居环境整治工作</a>（2023-04-20）<br>
<a href="show.asp?id=1498">县政协开展城区道路建设民主监督</a>（2023-03-28）<br></td></tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td align="center" class="bottom">政协甘谷县委员会 版权所有 地址：甘谷县大像山镇康庄路1号<br><a href="https://beian.miit.gov.cn">陇ICP备08000567号</a></td></tr></table>
</body>
</html>
'''
write('tpl3_asp_info_row', page, gold(title, '2023-05-17', body, '本站原创',
      url='http://www.ggzx.gov.cn/show.asp?id=1531',
      expect={'author': '县政协办公室', 'source': '本站原创', 'channel': ['视察调研']}), encoding='gbk')

# ================================================================== a picture with its 图为 caption above the text
title = '市政协党组理论学习中心组召开专题学习会'
body = [
    '图为学习会现场。',
    '7月4日，市政协党组理论学习中心组召开专题学习会，深入学习习近平总书记关于加强和改进人民政协工作的重要思想。',
    '会议强调，要坚持党对人民政协工作的全面领导，坚持团结和民主两大主题，在建言资政和凝聚共识上双向发力，不断提高政协工作质量和水平。',
]
page = f'''<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title}_政协嘉峪关市委员会</title><link rel="stylesheet" href="/css/main.css"></head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="政协嘉峪关市委员会"></div><div class="nav"><a href="/">首页</a><a href="/zxyw/">政协要闻</a><a href="/dwgz/">党的建设</a><a href="/lzdt/">履职动态</a></div></div>
<div class="main">
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/dwgz/">党的建设</a></div>
  <h1 class="news-title">{title}</h1>
  <div class="news-info">发布时间：2023-07-05　来源：市政协办公室</div>
  <div class="news-con">
<p style="text-align:center"><img src="/uploads/2023/07/05/xxh.jpg" alt="" width="600"></p>
<p style="text-align:center">{esc(body[0])}</p>
{ps(body[1:])}
  </div>
</div>
<div class="footer"><p>版权所有：政协嘉峪关市委员会　<a href="https://beian.miit.gov.cn">甘ICP备12000789号</a></p></div>
</body>
</html>
'''
write('tpl3_photo_first', page, gold(title, '2023-07-05', body, '市政协办公室',
      url='http://www.jygzx.gov.cn/dwgz/2023/0705/712.html',
      expect={'captions': [body[0]], 'source': '市政协办公室', 'channel': ['党的建设']}))

print('written')
