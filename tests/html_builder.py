"""Saved web pages of a disclosure, as Chinese government sites serve them: the site's chrome (top bar,
header with search, navigation, breadcrumb, related links, footer with 版权所有/ICP备) around an
article (title, publication-info line, body, 附件 links, share buttons, 打印本页/关闭窗口).

``gov_page`` is a modern <div> layout; ``table_layout_page`` the older one that lays the page out
with nested tables and holds a Word export (MsoNormal paragraphs, <o:p>) as its body."""

from __future__ import annotations

import html
import re

from juesuan.model.document import Grid

# Every piece of the chrome: none of these may reach the Document.
FURNITURE = ("欢迎访问", "无障碍", "繁體版", "请输入关键词", "政务服务", "互动交流", "走进安居", "当前位置", "发布时间",
             "浏览次数", "字号", "附件", "部门决算附表.xls", "分享到", "微信", "微博", "QQ空间", "打印本页", "关闭窗口",
             "相关链接", "财政局2023年度部门决算", "主办单位", "版权所有", "ICP备", "公网安备", "网站标识码",
             "您现在的位置", "网站首页", "办事服务", "技术支持", "点击数")

ARTICLE_TITLE = "遂宁市安居区人民政府办公室2023年度部门决算"

# The article as it should read: one line per block.
ARTICLE_LINES = [
    ARTICLE_TITLE,
    "第一部分 部门概况",
    "一、部门职责",
    "（一）负责区政府全体会议、常务会议和专题会议的准备、组织和会务工作。",
    "（二）协助区政府领导同志组织起草或审核以区政府名义发布的公文。",
    "二、机构设置",
    "区政府办公室属独立核算机关行政单位。",
    "第二部分 2023年度部门决算情况说明",
    "一、收入支出决算总体情况说明",
    "2023年度收、支总计1050.28万元。与2022年相比，收、支总计各增加40.18万元，增长3.98%。",
    "好",
    "（图1：收、支决算总计变动情况图）",
    "二、收入决算情况说明",
    "2023年本年收入合计1050.28万元，其中：一般公共预算财政拨款收入1050.28万元，占100%。",
    "第二行在换行之后。",
    "收入支出决算总表",
    "部门：遂宁市安居区人民政府办公室\u3000\u3000金额单位：万元",
    "注：本表反映部门本年度的总收支和年末结转结余情况。",
    "三、支出决算情况说明",
    "2023年本年支出合计1050.28万元，其中：基本支出710.78万元，占67.68%；项目支出339.50万元，占32.32%。",
    "（一）基本支出",
    "主要用于人员经费和公用经费。",
]

# 收入支出决算总表 with a two-row header: 收入/支出 over three columns each; 金额 over 决算数.
SUMMARY_TABLE = """<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">
<tbody>
<tr><td colspan="3" style="text-align:center"><b>收入</b></td><td colspan="3"><b>支出</b></td></tr>
<tr><td rowspan="2">项　　目</td><td rowspan="2">行次</td><td rowspan="2">金额</td><td rowspan="2">项目</td><td rowspan="2">行次</td><td>金额</td></tr>
<tr><th>决算<br>数</th></tr>
<tr><td>栏次</td><td>&nbsp;</td><td>1</td><td>栏次</td><td></td><td>2</td></tr>
<tr><td>一、一般公共预算财政拨款收入</td><td>1</td><td>1,050.28</td><td>一、一般公共服务支出</td><td>32</td><td>710.78</td></tr>
<tr><td>本年收入合计</td><td>30</td><td>1,050.28</td><td>本年支出合计</td><td>57</td><td>1,050.28</td></tr>
</tbody></table>"""

SUMMARY_CELLS = (
    ("收入支出决算总表", "", "", "", "", ""),
    ("部门：遂宁市安居区人民政府办公室\u3000\u3000金额单位：万元", "", "", "", "", ""),
    ("收入", "", "", "支出", "", ""),
    ("项\u3000\u3000目", "行次", "金额", "项目", "行次", "金额"),  # full-width spaces are not white space to HTML
    ("", "", "", "", "", "决算数"),
    ("栏次", "", "1", "栏次", "", "2"),
    ("一、一般公共预算财政拨款收入", "1", "1,050.28", "一、一般公共服务支出", "32", "710.78"),
    ("本年收入合计", "30", "1,050.28", "本年支出合计", "57", "1,050.28"),
    ("注：本表反映部门本年度的总收支和年末结转结余情况。", "", "", "", "", ""),
)
SUMMARY_MERGES = (((2, 0), (2, 2)), ((2, 3), (2, 5)), ((3, 0), (4, 0)), ((3, 1), (4, 1)), ((3, 2), (4, 2)),
                  ((3, 3), (4, 3)), ((3, 4), (4, 4)))

ARTICLE_BODY = f"""<p style="text-align:center"><strong>第一部分 部门概况</strong></p>
<h3>一、部门职责</h3>
<p style="text-indent:2em">（一）负责区政府全体会议、常务会议和专题会议的准备、组织和会务工作。</p>
<p style="text-indent:2em">&nbsp;&nbsp;（二）协助区政府领导同志组织起草或审核以区政府名义发布的公文。</p>
<p><strong>二、机构设置</strong></p>
<p style="text-indent:2em">区政府办公室属独立核算机关行政单位。</p>
<p style="text-align:center"><strong>第二部分 <span>2023</span>年度部门决算情况说明</strong></p>
<p><strong>一、收入支出决算总体情况说明</strong></p>
<p style="text-indent:2em"><span style="font-family:仿宋">2023年度收、支总计1050.28万元。</span><span>与2022年相比，
收、支总计各增加40.18万元，增长3.98%。</span></p>
<p>好</p>
<p style="text-align:center"><img src="chart1.png" alt="图1"></p>
<p style="text-align:center">（图1：收、支决算总计变动情况图）</p>
<p><strong>二、收入决算情况说明</strong></p>
<div>2023年本年收入合计1050.28万元，其中：一般公共预算财政拨款收入1050.28万元，占100%。<br>第二行在换行之后。</div>
<p style="text-align:center"><strong>收入支出决算总表</strong></p>
<p>部门：遂宁市安居区人民政府办公室　　金额单位：万元</p>
{SUMMARY_TABLE}
<p>注：本表反映部门本年度的总收支和年末结转结余情况。</p>
<p><strong>三、支出决算情况说明</strong></p>
<p style="text-indent:2em">2023年本年支出合计1050.28万元，其中：基本支出710.78万元，占67.68%；项目支出339.50万元，占32.32%。</p>
<ul><li>（一）基本支出</li><li><p>主要用于人员经费和公用经费。</p></li></ul>
<!-- 正文结束 -->"""


def gov_page(body: str = ARTICLE_BODY, *, charset: str = "utf-8", title: str = ARTICLE_TITLE) -> str:
    """A page of a modern government site: the article ``body`` inside the site's chrome."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}_遂宁市安居区人民政府</title>
<meta name="ArticleTitle" content="{title}">
<link rel="stylesheet" href="/css/common.css">
<script type="text/javascript">var _hmt = _hmt || []; document.write("<p>脚本写入的文字</p>");</script>
<style>.nav li {{ float: left; }}</style>
</head>
<body>
<div class="top-bar"><span>欢迎访问遂宁市安居区人民政府网站！</span><a href="/wza">无障碍</a><a href="/fanti">繁體版</a></div>
<div class="header"><img src="/logo.png" alt="遂宁市安居区人民政府">
<form class="search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/zjaj">走进安居</a></li></ul></div>
<div class="main">
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/czzj">财政资金</a> &gt; 部门决算</div>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info"><span>发布时间：2024-09-10 16:30</span><span>来源：区政府办公室</span>
<span>浏览次数：<em id="hits">128</em></span><span>字号：<a href="javascript:doZoom(16)">大</a> <a>中</a> <a>小</a></span></div>
<div class="TRS_Editor" id="zoom">
{body}
</div>
<div class="attachments"><p>附件：</p><ul>
<li><a href="/files/1.pdf">1.遂宁市安居区人民政府办公室2023年度部门决算.pdf</a></li>
<li><a href="/files/2.xls">2.部门决算附表.xls</a></li></ul></div>
<div class="share">分享到：<a class="wx" href="javascript:;">微信</a><a class="wb" href="javascript:;">微博</a><a class="qq" href="javascript:;">QQ空间</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">遂宁市安居区财政局2023年度部门决算</a></li>
<li><a href="/b">遂宁市安居区教育局2023年度部门决算</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：遂宁市安居区人民政府办公室　　承办单位：遂宁市安居区政务公开服务中心</p>
<p>版权所有：遂宁市安居区人民政府　<a href="https://beian.example/">蜀ICP备12345678号</a>　川公网安备 51090402000123号　网站标识码：5109040001</p></div>
</body>
</html>
"""


WORD_BODY = """<div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:16.0pt;font-family:黑体'>第一部分 部门概况<o:p></o:p></span></b></p>
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>一、部门职责<o:p></o:p></span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>负责全县教育工作。</span></p>
<p class=MsoNormal><span>二、收入决算情况说明</span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span>2023</span><span>年本年收入合计</span><span lang=EN-US>1050.28</span><span>万元。</span></p>
<p class=MsoNormal align=center><b><span>项目支出绩效自评表</span></b></p>
<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>
 <tr><td width=100 colspan=2><p class=MsoNormal><span>项目名称</span></p></td><td colspan=3><p class=MsoNormal><span>督导调研工作经费</span></p></td></tr>
 <tr><td rowspan=2><p class=MsoNormal><span>预算执行情况</span></p></td><td><p class=MsoNormal><span>年初预算数</span></p></td><td><p>50</p></td><td><p>执行率</p></td><td><p>100%</p></td></tr>
 <tr><td><p class=MsoNormal><span>全年执行数</span></p></td><td><p>50</p></td><td><p>得分</p></td><td><p>10</p></td></tr>
</table>
<p class=MsoNormal><span>三、支出决算情况说明</span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span>2023年本年支出合计
1050.28万元。</span></p>
</div>"""

WORD_LINES = ["某某县教育局2023年度部门决算公开", "第一部分 部门概况", "一、部门职责", "负责全县教育工作。",
              "二、收入决算情况说明", "2023年本年收入合计1050.28万元。", "项目支出绩效自评表", "三、支出决算情况说明",
              "2023年本年支出合计1050.28万元。"]


def table_layout_page(body: str = WORD_BODY, *, charset: str = "gb2312") -> str:
    """An older county site: the page laid out by nested tables, the body a Word export."""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>某某县教育局2023年度部门决算公开</title></head>
<body>
<table width="1000" align="center"><tr><td><img src="banner.jpg"></td></tr>
<tr><td class="nav"><a href="/">网站首页</a> | <a href="/zw">政务公开</a> | <a href="/bs">办事服务</a> | <a href="/hd">互动交流</a></td></tr></table>
<table width="1000" align="center"><tr>
<td width="200" valign="top" class="left"><div class="menu"><a href="/a">机构职能</a><br><a href="/b">政策文件</a><br>
<a href="/c">财政预决算</a><br><a href="/d">人事信息</a></div></td>
<td width="800" valign="top">
<table width="100%"><tr><td class="location">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/zw">政务公开</a> &gt;&gt; 财政预决算</td></tr></table>
<table width="100%"><tr><td align="center" class="biaoti">某某县教育局2023年度部门决算公开</td></tr>
<tr><td align="center" class="xinxi">发布日期：2024年9月20日　作者：　点击数：356</td></tr>
<tr><td class="content" id="content">
{body}
</td></tr>
<tr><td>附件：<a href="/u/1.xls">附表.xls</a></td></tr>
<tr><td align="right"><a href="#" onclick="window.print()">[打印本页]</a> <a href="#" onclick="window.close()">[关闭窗口]</a></td></tr>
</table>
</td></tr></table>
<table width="1000" align="center"><tr><td class="foot">版权所有：某某县人民政府 技术支持：某某科技有限公司<br>
备案号：蜀ICP备05000000号-1 政府网站标识码：5100000000</td></tr></table>
</body></html>
"""


_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


def paragraphs(text: str) -> str:
    """A text export's lines as the paragraphs of a page (export markers and blank lines left out)."""
    lines = (_BOOKMARK.sub("", line) for line in text.split("\n"))
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())


def grid_table(grid: Grid, first: int = 0) -> str:
    """A workbook sheet's rows from ``first`` on as an HTML table, its merged ranges as rowspan/colspan."""
    covered, spans = set(), {}
    for (r0, c0), (r1, c1) in grid.merges:
        if r0 < first:
            continue
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    rows = []
    for r in range(first, len(grid.cells)):
        cells = []
        for c, value in enumerate(grid.cells[r]):
            if (r, c) in covered:
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            text = format(value, "f").rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
            cells.append(f"<td{attrs}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0">\n' + "\n".join(rows) + "\n</table>"
