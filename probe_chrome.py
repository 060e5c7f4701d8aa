"""Throwaway probe (helper lines2; drop before merge): fresh chrome variants, written by hand in
wordings absent from dev and dev2, placed where pages put them; counts how many the cleaner removes.

    python probe_chrome.py [-v] [-2 … -7]   # batch 1 by default; -v lists the misses
"""

import random
import sys

from bench.corpus import load_gold
from bench.corrupt import join_paragraphs, split_paragraphs
from cleaner import Cleaner

# (family, place, line): place H = above the title, F = after the closing call, B = between paragraphs
VARIANTS = [
    # forum: Discuz / phpwind / 贴吧 / 天涯 / 知乎 / 豆瓣 / 小红书
    ("forum", "F", "沙发"),
    ("forum", "F", "板凳　　地板"),
    ("forum", "F", "#2楼"),
    ("forum", "F", "2楼　　2022-11-03 08:17"),
    ("forum", "F", "引用　　举报　　回复"),
    ("forum", "F", "支持(0)　反对(0)"),
    ("forum", "F", "支持（3）｜反对（1）｜引用｜举报"),
    ("forum", "F", "回复 3# 清溪居士 的帖子"),
    ("forum", "F", "回复 @柳岸闻莺：写得真好，收藏了"),
    ("forum", "H", "发表于 2021-5-6 14:22 | 只看该作者"),
    ("forum", "H", "楼主　发表于 2019-3-7 08:05:11"),
    ("forum", "F", "积分 1208　威望 30　金币 455"),
    ("forum", "F", "帖子 322　主题 17　精华 2"),
    ("forum", "F", "UID：88213"),
    ("forum", "F", "在线时间：351 小时"),
    ("forum", "F", "注册时间：2015-8-9　最后登录：2023-2-1"),
    ("forum", "F", "收起　展开"),
    ("forum", "F", "阅读原文"),
    ("forum", "F", "在看　点赞"),
    ("forum", "F", "写留言"),
    ("forum", "F", "留言区"),
    ("forum", "F", "喜欢此内容的人还喜欢"),
    ("forum", "F", "赞赏　分享　在看"),
    ("forum", "F", "精选留言"),
    ("forum", "F", "2条回复 · 打开App查看"),
    ("forum", "F", "发布于 2023-04-12 · 著作权归作者所有"),
    ("forum", "F", "赞同 12　　添加评论　　分享　　收藏　　喜欢"),
    ("forum", "F", "来自 豆瓣App"),
    ("forum", "F", "编辑于 03-14 湖北"),
    ("forum", "F", "IP属地：四川"),
    ("forum", "H", "天涯社区 > 天涯杂谈 > 浏览帖子"),
    ("forum", "F", "楼主：野渡无人舟　回复日期：2012-06-03 10:22:45"),
    ("forum", "F", "该帖子已被管理员隐藏"),
    ("forum", "F", "本帖最后由 野鹤 于 2018-10-2 09:33 编辑"),
    ("forum", "F", "高级会员　积分：3456"),
    ("forum", "F", "[ 本帖最后由 老木匠 于 2016-5-3 21:40 编辑 ]"),
    ("forum", "F", "举报 | 回复 | 评分"),
    ("forum", "F", "顶！楼主辛苦了"),
    ("forum", "F", "mark一下，慢慢看"),
    ("forum", "F", "感谢分享，学习了"),
    ("forum", "F", "金币 +5 　收起理由"),
    ("forum", "F", "点评　回复　使用道具　举报"),
    ("forum", "F", "第3楼　清风明月　发表于：2020-12-02"),
    ("forum", "F", "小红书号：39281745"),
    ("forum", "F", "共 86 条评论"),
    ("forum", "F", "点赞 23　评论 5　收藏 41"),
    # WeChat / 头条号 article chrome
    ("forum", "H", "原创 机关笔杆子 乡镇写作圈 2023-03-02 07:30 发表于湖南"),
    ("forum", "F", "预览时标签不可点"),
    ("forum", "F", "微信扫一扫关注该公众号"),
    ("forum", "F", "继续滑动看下一个"),
    ("forum", "F", "轻触阅读原文"),
    ("forum", "F", "知道了"),
    ("forum", "F", "向上滑动看下一个"),
    ("forum", "F", "微信扫一扫可打开此内容，使用完整服务"),
    ("forum", "F", "：，。视频小程序赞，轻点两下取消赞在看，轻点两下取消在看"),
    ("forum", "F", "免责声明：本号转载文章仅用于学习交流"),
    # doc-share
    ("doc-share", "H", "下载券：2　　文档格式：DOC　　页数：12页"),
    ("doc-share", "H", "大小：45.6KB　上传时间：2022-07-19"),
    ("doc-share", "H", "浏览 1.2万次　下载 356次　收藏 18"),
    ("doc-share", "F", "全文阅读已结束，如果需要下载本文请点击"),
    ("doc-share", "F", "猜你喜欢"),
    ("doc-share", "F", "相关搜索"),
    ("doc-share", "F", "热门标签：工作报告 镇政府 总结"),
    ("doc-share", "F", "VIP专享文档　开通VIP免费下载"),
    ("doc-share", "H", "贡献者：乡镇材料库　上传于2021-12-01"),
    ("doc-share", "F", "您还可以下载此文档的完整版"),
    ("doc-share", "F", "本文档共8页，当前预览前3页"),
    ("doc-share", "B", "— 3 —"),
    ("doc-share", "B", "第 4 页 / 共 11 页"),
    ("doc-share", "F", "文档评分：4.5分（23人评分）"),
    ("doc-share", "F", "用APP打开，阅读体验更佳"),
    ("doc-share", "F", "限时免费下载　仅需1下载券"),
    ("doc-share", "F", "加入VIP，海量文档随心下"),
    ("doc-share", "F", "文档价格：5 金币"),
    ("doc-share", "F", "★★★★☆ 4.0分"),
    ("doc-share", "F", "举报　　收藏　　分享"),
    ("doc-share", "H", "格式：docx　类型：工作总结"),
    ("doc-share", "F", "还剩 9 页未读，继续阅读"),
    # portal footers
    ("page-footer", "F", "主办：临湘市羊楼司镇人民政府　承办：羊楼司镇党政办"),
    ("page-footer", "F", "联系电话：0730-3712345　邮编：414300"),
    ("page-footer", "F", "地址：湘潭县易俗河镇金霞路99号"),
    ("page-footer", "F", "网站地图 | 联系我们 | 隐私声明"),
    ("page-footer", "F", "政府网站标识码：4303210012"),
    ("page-footer", "F", "湘公网安备 43032102000123号"),
    ("page-footer", "F", "湘ICP备12003456号-1"),
    ("page-footer", "F", "建议使用1366*768以上分辨率浏览本站"),
    ("page-footer", "F", "您是本站第 1023456 位访客"),
    ("page-footer", "F", "党政机关"),
    ("page-footer", "F", "我要纠错　　适老化服务"),
    ("page-footer", "F", "关于本站 | 使用帮助 | 免责条款"),
    ("page-footer", "F", "技术支撑：湖南省某某软件公司"),
    ("page-footer", "F", "访问统计：今日 312　累计 98211"),
    ("page-footer", "F", "传真：0731-8223456"),
    ("page-footer", "F", "E-mail：xzb@163.com"),
    ("page-footer", "F", "政府网站找错"),
    ("page-footer", "F", "主管单位：溆浦县人民政府办公室"),
    ("page-footer", "F", "打印本页　　关闭窗口"),
    ("page-footer", "F", "【打印】【关闭】"),
    ("page-footer", "F", "扫一扫在手机打开当前页"),
    # related lists
    ("related", "F", "延伸阅读"),
    ("related", "F", "相关文章推荐："),
    ("related", "F", "为您精选\n· 2023年度安仁县财政预算执行情况　03-01\n· 关于印发防汛预案的通知　02-17\n· 某乡第一季度经济运行分析　04-09"),
    ("related", "F", "大家都在搜\n• 关于做好春季森林防火工作的通知 [2023.02.11]\n• 某镇扫黑除恶工作总结 [2022.12.30]\n• 乡镇年度述职报告 [2023.01.05]"),
    ("related", "F", "本周热读\n> 平江县2022年政府工作报告\n> 汨罗市统计公报\n> 某街道办年度工作计划"),
    ("related", "F", "同栏目文章\n1. 《关于开展冬春水利建设的实施方案》\n2. 《某镇农村人居环境整治三年行动》\n3. 《关于调整城乡低保标准的通知》"),
    ("related", "F", "网友还看了：\n某镇2022年上半年工作总结　2022年7月15日\n某乡人大主席团工作报告　2023年1月9日\n村级财务公开情况　2023年2月1日"),
    ("related", "F", "今日热榜\n01 某县召开经济工作会议\n02 春耕备耕全面展开\n03 乡村振兴示范村名单公布"),
    ("related", "F", "编辑推荐\n◇ 溆浦县统计公报发布 2023年03月20日\n◇ 某镇召开安全生产会议 2023年03月18日\n◇ 全县重点项目观摩 2023年03月11日"),
    ("related", "F", "看了本文的人还看了"),
    ("related", "F", "热门文章排行"),
    ("related", "F", "其他人还在搜"),
    ("related", "F", "随便看看\n▪ 某镇2022年上半年工作总结（2022/07/15）\n▪ 某乡财政预算报告（2022/03/02）\n▪ 关于春节值班安排的通知（2022/01/20）"),
    ("related", "F", "【往期推荐】"),
    ("related", "F", "往期回顾"),
    ("related", "F", "推荐阅读 >>"),
    ("related", "F", "最新文章"),
    ("related", "F", "本栏目更多信息"),
    # ads in farms
    ("farm-ads", "B", "想要获取更多精品范文，请关注本站"),
    ("farm-ads", "B", "↓↓↓点击下方链接领取全套材料↓↓↓"),
    ("farm-ads", "B", "更多同类文章：工作报告专题"),
    ("farm-ads", "B", "本文由会员投稿发布，若有疑问请联系管理员"),
    ("farm-ads", "B", "【写作素材包】50篇优质政府工作报告合集"),
    ("farm-ads", "B", "需要原版Word请私聊"),
    ("farm-ads", "B", "文章底部有完整版下载地址"),
    ("farm-ads", "B", "公文写作交流群：123456789"),
]

# batch 2: written after the first round of rule changes, measured before any tuning on it
VARIANTS2 = [
    ("forum", "F", "板凳　发表于 2020-9-12 18:03:27"),
    ("forum", "F", "5#　霜叶红于二月花"),
    ("forum", "F", "评论 (12)　　赞 (31)"),
    ("forum", "F", "查看全部 27 条回复"),
    ("forum", "F", "只看作者　　倒序浏览　　阅读模式"),
    ("forum", "F", "该用户从未签到"),
    ("forum", "F", "签名被屏蔽"),
    ("forum", "F", "提示: 作者被禁止或删除 内容自动屏蔽"),
    ("forum", "F", "最佳答案"),
    ("forum", "F", "分享到:  微信  新浪  人人"),
    ("forum", "F", "收藏本帖"),
    ("forum", "F", "楼主很有才，顶一下"),
    ("forum", "F", "点击展开全文"),
    ("forum", "F", "喜欢作者"),
    ("forum", "F", "写下你的评论..."),
    ("forum", "F", "发表于 2小时前　来自 Android 客户端"),
    ("forum", "F", "在线时间 1088 小时　注册时间 2014-3-3"),
    ("forum", "F", "作者的其他帖子"),
    ("forum", "F", "点击关注，第一时间获取最新公文"),
    ("forum", "F", "本文为作者原创，未经授权不得转载"),
    ("forum", "F", "喜欢就点个在看吧"),
    ("forum", "H", "2023-03-15 20:41 · 阅读 2.1万"),
    ("forum", "F", "全部评论（3）"),
    ("forum", "F", "回复　　赞　　踩"),
    # doc-share
    ("doc-share", "H", "文档页数：15页　文档大小：32KB　所需积分：3"),
    ("doc-share", "H", "上传者：rich_doc　时间：2021-5-5　浏览：892"),
    ("doc-share", "F", "下载此文档"),
    ("doc-share", "F", "阅读已结束，下载本文需要使用2下载券"),
    ("doc-share", "F", "开通会员可免费下载本文档"),
    ("doc-share", "F", "文档贡献者"),
    ("doc-share", "F", "该文档为用户上传，仅供参考"),
    ("doc-share", "B", "- 5 -"),
    ("doc-share", "F", "点击查看更多相关文档"),
    ("doc-share", "F", "付费阅读　¥2.00"),
    # portal footers
    ("page-footer", "F", "主办单位：平江县人民政府　　承办单位：平江县政务服务中心"),
    ("page-footer", "F", "网站维护单位：县大数据中心"),
    ("page-footer", "F", "邮政编码：414500　传真号码：0730-6223345"),
    ("page-footer", "F", "备案序号：湘ICP备05003214号"),
    ("page-footer", "F", "网站声明　|　网站纠错　|　网站地图"),
    ("page-footer", "F", "总访问量：3201992"),
    ("page-footer", "F", "推荐使用Edge、360浏览器"),
    ("page-footer", "F", "（请使用IE8.0以上版本浏览器）"),
    ("page-footer", "F", "政务服务热线：12345"),
    ("page-footer", "F", "办公地址：县行政中心3楼"),
    ("page-footer", "F", "关注我们：微信公众号　官方微博　今日头条号"),
    # related
    ("related", "F", "更多报告\n· 某镇2021年工作报告\n· 某乡2022年工作报告\n· 某街道2023年工作计划"),
    ("related", "F", "阅读下一篇\n某县2023年国民经济和社会发展统计公报"),
    ("related", "F", "本类排行\n1 某镇工作总结\n2 某乡工作计划\n3 某村述职报告"),
    ("related", "F", "近期文章：\n》某镇召开春耕工作会议 2023-03-01\n》某乡开展安全检查 2023-02-28\n》某村举行表彰大会 2023-02-20"),
    # farm ads
    ("farm-ads", "B", "（本文共计3500字，建议收藏后阅读）"),
    ("farm-ads", "B", "温馨提示：全文较长，可先收藏"),
    ("farm-ads", "B", "点击蓝字关注我们"),
    ("farm-ads", "B", "▼ 下滑查看全文 ▼"),
    ("farm-ads", "B", "范文网提供各类公文写作模板"),
    ("farm-ads", "B", "广告"),
    ("farm-ads", "B", "以下内容为付费内容，请购买后阅读"),
]

# batch 3: written after round two, measured before any tuning on it
VARIANTS3 = [
    # header chrome
    ("page-chrome", "H", "当前所在：首页 » 政务公开 » 规划计划"),
    ("page-chrome", "H", "【大 中 小】　【打印本页】"),
    ("page-chrome", "H", "视力保护色：　　　　　"),
    ("page-chrome", "H", "阅读模式　　语音播报"),
    ("page-chrome", "H", "无障碍阅读 | 老年模式 | 繁体版"),
    ("page-chrome", "H", "发布机构：县政府办　　发文日期：2023-02-14"),
    ("page-chrome", "H", "索引号：431121/2023-00012"),
    ("page-chrome", "F", "【我要打印】【关闭窗口】【返回顶部】"),
    ("page-chrome", "F", "分享到：　"),
    ("page-chrome", "H", "头条号　乡镇公文研究所　2022-12-01 16:44"),
    ("page-chrome", "H", "百家号 04-18 09:12 关注"),
    ("page-chrome", "H", "原创　2023-01-06 09:58 · 县政府办公室"),
    # forum / social
    ("forum", "F", "赞同了该回答"),
    ("forum", "F", "已赞同 58　　收藏　　举报"),
    ("forum", "F", "↑ 57 ↓　　评论 4"),
    ("forum", "F", "该内容已被作者删除"),
    ("forum", "F", "本主题由 管理员 于 2019-1-3 设置高亮"),
    ("forum", "F", "楼层直达"),
    ("forum", "F", "【已解决】"),
    ("forum", "F", "吧务　　　　帖子：8211"),
    ("forum", "F", "回复(0)　分享　举报"),
    ("forum", "F", "共 3 页　1　2　3　下一页"),
    ("forum", "F", "欢迎来到本社区，请先登录"),
    ("forum", "F", "游客，如果您要查看本帖隐藏内容请回复"),
    ("forum", "F", "热门回复"),
    ("forum", "F", "关注　私信"),
    ("forum", "F", "作者：笔耕不辍　｜　2021年03月08日"),
    ("forum", "F", "1 人赞赏"),
    ("forum", "F", "该文章作者已设置需关注才可以留言"),
    ("forum", "F", "#政府工作报告#　#乡村振兴#"),
    # doc-share
    ("doc-share", "H", "文档分类：行政公文　　文档标签：报告"),
    ("doc-share", "H", "上传用户：sy_2398　　上传日期：2022年11月2日"),
    ("doc-share", "F", "如要提出意见建议，请点击这里"),
    ("doc-share", "F", "内容提供方：县域材料"),
    ("doc-share", "F", "版权申诉　　举报"),
    ("doc-share", "B", "第 2 页"),
    ("doc-share", "B", "4/12"),
    ("doc-share", "F", "预览结束，剩余12页可下载查看"),
    ("doc-share", "F", "¥ 3.9　立即购买"),
    ("doc-share", "F", "本文档由用户提供并上传，收益归属内容提供方"),
    # portal footers
    ("page-footer", "F", "承办单位：县融媒体中心　　网站标识码：4309230001"),
    ("page-footer", "F", "湘ICP备2021012345号　　湘公网安备43092302000211号"),
    ("page-footer", "F", "信箱：zfb@xx.gov.cn"),
    ("page-footer", "F", "Tel：0736-7221345　Fax：0736-7221346"),
    ("page-footer", "F", "本网站支持IPv6访问"),
    ("page-footer", "F", "今日访问：1024　　总访问：2356890"),
    ("page-footer", "F", "中国政府网　｜　省政府门户　｜　市政府门户"),
    ("page-footer", "F", "友情链接："),
    ("page-footer", "F", "网站管理：县政府信息中心"),
    ("page-footer", "F", "隐私政策　使用条款　联系我们"),
    # related
    ("related", "F", "你可能错过了\n某镇召开年度表彰大会　2023-02-01\n某乡开展冬季送温暖活动　2023-01-18\n某村获评省级美丽乡村　2023-01-05"),
    ("related", "F", "相关报道：\n· 某县政协会议开幕\n· 某县人代会闭幕\n· 某县召开经济工作会"),
    ("related", "F", "◆ 推荐 ◆\n1、某县政府工作报告\n2、某镇工作总结\n3、某乡工作计划"),
    ("related", "F", "相关阅读\n[工作报告] 某镇2020年政府工作报告\n[工作总结] 某乡2021年上半年总结\n[述职报告] 某局长述职报告"),
    # farm ads
    ("farm-ads", "B", "=== 下载完整版请访问本站 ==="),
    ("farm-ads", "B", "本文来自投稿，不代表本站立场"),
    ("farm-ads", "B", "【优质范文推荐】点此查看100篇"),
    ("farm-ads", "B", "更多精彩内容，尽在某某范文网"),
    ("farm-ads", "B", "想要更多材料？加我微信：xzgw2023"),
    ("farm-ads", "B", "（此处已添加小程序，请到今日头条客户端查看）"),
]

# batch 4: written after round three, measured before any tuning on it
VARIANTS4 = [
    ("forum", "H", "【原创】某镇2022年政府工作报告（全文）"),
    ("forum", "H", "楼主 | 发帖时间：2018年5月3日 14:20"),
    ("forum", "H", "主题：某镇政府工作报告　　作者：青山依旧"),
    ("forum", "H", "发表于 2022-2-8 09:01:44 | 显示全部楼层"),
    ("forum", "H", "[复制链接]"),
    ("forum", "H", "[公文写作] 某镇年度工作报告分享"),
    ("forum", "H", "青山依旧 发表于 2017-6-9 20:12"),
    ("forum", "F", "青山依旧　　等级：秀才　　经验值：326"),
    ("forum", "F", "Lv.5 常驻居民"),
    ("forum", "F", "个人签名：笔下有乾坤"),
    ("forum", "F", "—— 来自 华为 P40"),
    ("forum", "F", "回复 支持 反对"),
    ("forum", "F", "下一楼 >"),
    ("forum", "F", "分享：QQ　微博　豆瓣"),
    ("forum", "F", "您需要登录后才可以回帖 登录 | 注册"),
    ("forum", "F", "本版积分规则"),
    ("forum", "F", "快速回复　返回顶部　返回列表"),
    ("forum", "F", "相关帖子"),
    ("forum", "F", "帖子推荐：\n· 某乡政府工作报告\n· 某镇工作总结（2021）\n· 某村两委述职"),
    ("forum", "F", "浏览 9834 | 回复 27"),
    ("forum", "F", "发帖 2 天前"),
    ("forum", "F", "3 小时前 · 湖南"),
    ("forum", "F", "赞(5) | 回复(2)"),
    ("forum", "F", "展开全部 ∨"),
    ("forum", "F", "查看更多回复 >"),
    ("forum", "F", "该贴已经同步到 某某的微博"),
    ("forum", "F", "网友 **9238 发表"),
    ("forum", "F", "匿名用户"),
    ("forum", "F", "最新回复 (15)"),
    ("forum", "F", "打赏 0　评论 3　喜欢 12"),
    # farm ads between paragraphs
    ("farm-ads", "B", "【范文网整理】"),
    ("farm-ads", "B", "--------（此处省略若干字，完整内容请下载）--------"),
    ("farm-ads", "B", "相关推荐：某镇政府工作报告大全"),
    ("farm-ads", "B", "最新公文写作资料免费领，戳这里→"),
    ("farm-ads", "B", "本文链接：www.gongwen123.com/a/8821.html"),
    ("farm-ads", "B", "★ 收藏本站，方便下次阅读 ★"),
    ("farm-ads", "B", "公众号后台回复“报告”获取完整版"),
    ("farm-ads", "B", "下一页更精彩"),
    ("farm-ads", "B", "本篇文章由会员“笔尖”上传"),
    ("farm-ads", "B", "（图片来源于网络，侵删）"),
    # doc-share
    ("doc-share", "H", "某镇2022年政府工作报告 - 道客巴巴"),
    ("doc-share", "H", "文档信息　　页数：9　　分类：其他"),
    ("doc-share", "F", "1/9 页"),
    ("doc-share", "F", "下载文档到电脑，查找使用更方便"),
    ("doc-share", "F", "还剩6页未读，继续阅读"),
    ("doc-share", "F", "免费下载　　VIP免费下载"),
    ("doc-share", "F", "此文档下载收益归作者所有"),
    ("doc-share", "F", "下载积分：10　　下载次数：82"),
    # page footer / related
    ("page-footer", "F", "网站主办：某县人民政府办公室"),
    ("page-footer", "F", "Copyright 2010-2023 All Rights Reserved"),
    ("page-footer", "F", "地址：某县城关镇人民路1号　电话：0731-1234567"),
    ("page-footer", "F", "首页 | 政务公开 | 办事服务 | 互动交流"),
    ("page-footer", "F", "返回首页　　打印本文"),
    ("related", "F", "▍相关阅读\n某镇工作总结\n某乡工作计划\n某县统计公报"),
    ("related", "F", "本文关键词：工作报告，乡镇，2023"),
    ("related", "F", "猜你想看：\n→ 某镇2019年工作报告\n→ 某乡2020年工作报告\n→ 某街道2021年工作报告"),
]

# batch 5: written after round four, measured before any tuning on it
VARIANTS5 = [
    ("forum", "H", "贴吧用户_0xK2a9 楼主"),
    ("forum", "H", "【转帖】某乡镇2021年政府工作报告"),
    ("forum", "H", "发帖人：山间小路 | 人气：1325 | 回复：9"),
    ("forum", "F", "#1楼　　2019-07-02 21:13"),
    ("forum", "F", "沙发！"),
    ("forum", "F", "顶顶顶"),
    ("forum", "F", "好帖，必须顶起"),
    ("forum", "F", "回复 山间小路：同感"),
    ("forum", "F", "注册于 2016-02-18"),
    ("forum", "F", "最后登录 2023-3-7"),
    ("forum", "F", "主题 12　帖子 210　积分 3021"),
    ("forum", "F", "加关注　发私信　送礼物"),
    ("forum", "F", "TA的主页"),
    ("forum", "F", "已有 3 人评分　收起理由"),
    ("forum", "F", "踩(1)　赞(6)"),
    ("forum", "F", "点我查看更多精彩回复"),
    ("forum", "F", "帖子热度 1.3万"),
    ("forum", "F", "评论区已关闭"),
    ("forum", "F", "作者最近更新"),
    ("forum", "F", "阅读 5.6万　在看 128"),
    ("forum", "F", "留言 12"),
    ("forum", "F", "听全文"),
    ("forum", "F", "文章已于2023-03-02修改"),
    ("forum", "F", "原标题：某镇政府工作报告全文"),
    ("forum", "F", "本文转载自微信公众号“乡镇观察”"),
    ("page-chrome", "H", "今天是：2023年3月8日 星期三　　天气：晴"),
    ("page-chrome", "H", "登录　|　注册　|　English"),
    ("page-chrome", "H", "请输入关键词　搜索"),
    ("page-chrome", "H", "您现在的位置：网站首页 > 信息公开 > 工作报告"),
    ("page-chrome", "F", "【字体：大 中 小】【打印】【关闭】"),
    ("page-chrome", "F", "扫一扫 手机看"),
    ("doc-share", "H", "上传人：sh***76　　IP属地：湖南"),
    ("doc-share", "H", "本资源为会员资源，开通会员免费下载"),
    ("doc-share", "F", "文档星级：★★★★"),
    ("doc-share", "F", "下载所得收益归上传人"),
    ("doc-share", "F", "全文预览已结束"),
    ("doc-share", "F", "文档来源：互联网，如有侵权请联系客服"),
    ("doc-share", "B", "第3页／共10页"),
    ("page-footer", "F", "网站备案号：湘ICP备1008899号"),
    ("page-footer", "F", "联系邮箱：xzfb@qq.com　　联系电话：0731-8899000"),
    ("page-footer", "F", "技术维护：某某网络科技公司"),
    ("page-footer", "F", "本站由某县政府办公室主办"),
    ("page-footer", "F", "本网站已支持无障碍浏览"),
    ("page-footer", "F", "手机版　｜　电脑版"),
    ("related", "F", "大家也在读\n◎ 某镇工作报告（2018）\n◎ 某乡工作报告（2019）\n◎ 某县工作报告（2020）"),
    ("related", "F", "精品推荐　更多>>\n·某县召开经济工作会议[03-01]\n·某镇召开人大会议[02-25]\n·某乡部署春耕生产[02-20]"),
    ("farm-ads", "B", "本文版权归原作者所有"),
    ("farm-ads", "B", ">>>更多范文请搜索本站<<<"),
    ("farm-ads", "B", "【VIP会员】开通即可下载全站资料"),
    ("farm-ads", "B", "看完记得点赞收藏哦"),
    ("farm-ads", "B", "写材料不求人，关注我就够了"),
    ("farm-ads", "B", "（未完待续）"),
]

# batch 6: written after round five, measured before any tuning on it
VARIANTS6 = [
    ("forum", "H", "[求助] 谁有今年的镇政府工作报告？"),
    ("forum", "H", "作者：老实人｜时间：2016-08-09 11:11｜字数：8021"),
    ("forum", "H", "楼主：风吹麦浪 (UID:39812)"),
    ("forum", "F", "[quote]原帖由 风吹麦浪 于 2016-8-9 11:11 发表[/quote]"),
    ("forum", "F", "地板　占个位置"),
    ("forum", "F", "用户名：　密码：　登录"),
    ("forum", "F", "积分 56, 距离下一级还需 44 积分"),
    ("forum", "F", "论坛徽章：2"),
    ("forum", "F", "新手上路"),
    ("forum", "F", "离线"),
    ("forum", "F", "在线"),
    ("forum", "F", "编辑 | 删除 | 置顶"),
    ("forum", "F", "分享到朋友圈"),
    ("forum", "F", "此回复已被折叠"),
    ("forum", "F", "发布于 湖南 · 2023-02-28"),
    ("forum", "F", "已关注　　+ 关注"),
    ("forum", "F", "赞同 1.2 万 · 评论 388"),
    ("forum", "F", "禁止发言"),
    ("forum", "F", "楼上说得对"),
    ("forum", "F", "顶上去，让更多人看到"),
    ("forum", "F", "回复：某镇政府工作报告"),
    ("forum", "F", "Re: 某镇政府工作报告"),
    ("forum", "F", "投票　　悬赏　　活动"),
    ("forum", "F", "举报该楼层"),
    ("forum", "F", "复制本帖地址"),
    ("doc-share", "H", "资料大小：68.5KB　资料格式：DOCX　资料页数：14"),
    ("doc-share", "H", "浏览量：2563　下载量：118　评分：4.7"),
    ("doc-share", "F", "本文件共 14 页，仅展示前 5 页"),
    ("doc-share", "F", "点击下载完整版文档（DOCX）"),
    ("doc-share", "F", "相似文档"),
    ("doc-share", "F", "文档热度：★★★★★"),
    ("doc-share", "B", "——第 7 页——"),
    ("page-footer", "F", "主办：某县人民政府　ICP备案：湘ICP备000001号"),
    ("page-footer", "F", "网站运营：县政务数据中心　联系方式：0731-88888888"),
    ("page-footer", "F", "为确保最佳浏览效果，建议使用谷歌浏览器"),
    ("page-footer", "F", "本站访问人次：1234567"),
    ("page-footer", "F", "政务微博　政务微信　政务抖音"),
    ("page-footer", "F", "【返回顶部】"),
    ("page-footer", "F", "邮箱：gov@xx.gov.cn　　电话：0731-1234567"),
    ("related", "F", "你也许还想看\n· 某镇工作报告\n· 某乡工作计划\n· 某村工作总结"),
    ("related", "F", "【同类信息】\n某镇召开党委会　2023-02-11\n某乡开展普法宣传　2023-02-09\n某村召开村民大会　2023-02-01"),
    ("farm-ads", "B", "（更多内容请翻页）"),
    ("farm-ads", "B", "↓ 下一页 ↓"),
    ("farm-ads", "B", "温馨提示：本文仅供学习交流"),
    ("farm-ads", "B", "喜欢这篇文章的朋友请分享给身边的人"),
    ("farm-ads", "B", "范文写作网 www.fwxz123.com 整理"),
    ("farm-ads", "B", "本资料由网友提供，版权归原作者"),
    ("farm-ads", "B", "==> 点击进入公文写作专区 <=="),
]

# batch 7: the last, written after all tuning and never tuned on (the honest number)
VARIANTS7 = [
    ("forum", "H", "帖子作者：田间地头　　发帖日期：2020-05-18 16:40"),
    ("forum", "H", "【转载】某镇政府工作报告（2021）"),
    ("forum", "F", "附议"),
    ("forum", "F", "路过学习一下，谢谢楼主"),
    ("forum", "F", "回复数：31　查看数：2089"),
    ("forum", "F", "返回版块　　下一主题"),
    ("forum", "F", "#5　2019-11-02 07:58"),
    ("forum", "F", "点赞 0　回复 0"),
    ("forum", "F", "来自手机网易"),
    ("forum", "F", "此楼已删除"),
    ("forum", "F", "楼主的签名：天道酬勤"),
    ("forum", "F", "关注作者　　收藏文章"),
    ("forum", "F", "本帖被 管理员 加入精华"),
    ("forum", "F", "已收藏　分享"),
    ("forum", "F", "写评论…"),
    ("doc-share", "H", "上传：兰亭序　日期：2019-4-2　大小：1.2M"),
    ("doc-share", "F", "下载提示：本站不保证文档完整性"),
    ("doc-share", "F", "需要 3 积分　立即下载"),
    ("doc-share", "F", "全文共 6 页，可免费试读 2 页"),
    ("doc-share", "B", "— 8 / 16 —"),
    ("page-footer", "F", "承办：县政府办公室信息科　　电话：0735-5551234"),
    ("page-footer", "F", "网站纠错 | 意见建议 | 网站地图"),
    ("page-footer", "F", "版权所有：某县人民政府"),
    ("page-footer", "F", "浏览器兼容：IE10+/Chrome/360"),
    ("page-footer", "F", "某公网安备 4301xxxxxx 号"),
    ("related", "F", "最近更新\n· 某镇召开人代会\n· 某乡财政报告\n· 某县统计公报"),
    ("related", "F", "其他文章：\n1、某镇2022年工作总结\n2、某乡2023年工作计划\n3、某村年度述职"),
    ("farm-ads", "B", "（本站整理，转载请注明出处）"),
    ("farm-ads", "B", "更多政府工作报告范文，尽在本站专题"),
    ("farm-ads", "B", "写作技巧：开头要点题"),
    ("farm-ads", "B", "↑ 收藏本页，随时查阅 ↑"),
    ("farm-ads", "B", "广告位招租"),
]

# report lines that must stay (fresh keeps)
KEEPS = [
    "主办单位为县文旅局，承办单位为各乡镇。",
    "热线电话受理群众诉求1.2万件，办结率99%。",
    "地址：县政务服务中心一楼（供群众查询）",
    "更多精彩，敬请期待",
    "相关工作",
    "二〇二三年工作安排",
    "广告牌整治",
    "推进政务服务“一网通办”",
    "建设单位：县交通局",
    "全年共回复群众诉求326件，满意率98%。",
    "支持（0）个体工商户发展",
    "积分制管理推广到全镇",
    "在线办理事项达到186项",
    "政务服务“好差评”满意度100%",
    "联系电话公开率100%",
    "（三）加强基层党组织建设",
    "二〇二三年三月一日",
    "镇长 李明",
    "建成村级文化广场12个，举办文艺演出36场。",
]


def main(verbose: bool) -> None:
    global VARIANTS
    if "-2" in sys.argv:
        VARIANTS = VARIANTS2
    if "-7" in sys.argv:
        VARIANTS = VARIANTS7
    if "-6" in sys.argv:
        VARIANTS = VARIANTS6
    if "-5" in sys.argv:
        VARIANTS = VARIANTS5
    if "-4" in sys.argv:
        VARIANTS = VARIANTS4
    if "-3" in sys.argv:
        VARIANTS = VARIANTS3
    gold = load_gold()
    names = sorted(gold)
    cleaner = Cleaner()
    rng = random.Random(7)
    gone = 0
    by_family: dict[str, list[int]] = {}
    missed = []
    for family, place, line in VARIANTS:
        name = rng.choice(names)
        paragraphs = split_paragraphs(gold[name])
        if place == "H":
            out = [*line.split("\n"), *paragraphs]
        elif place == "F":
            out = [*paragraphs, *line.split("\n")]
        else:
            at = rng.randint(3, max(3, len(paragraphs) - 2))
            out = [*paragraphs[:at], line, *paragraphs[at:]]
        result = cleaner.clean_text(join_paragraphs(out), explain=False).text
        kept_lines = set(result.split("\n"))
        removed = all(part not in kept_lines for part in line.split("\n"))
        stats = by_family.setdefault(family, [0, 0])
        stats[1] += 1
        if removed:
            gone += 1
            stats[0] += 1
        else:
            missed.append((family, line))
    for family, (ok, total) in by_family.items():
        print(f"{family:12} {ok}/{total}")
    print(f"removed {gone}/{len(VARIANTS)} = {gone / len(VARIANTS):.1%}")
    body = split_paragraphs(gold[names[0]])
    out = [*body[:5], *KEEPS, *body[5:]]
    result = cleaner.clean_text(join_paragraphs(out), explain=False).text
    lost = [k for k in KEEPS if k not in result]
    print(f"keeps lost: {lost}")
    if verbose:
        for family, line in missed:
            print(f"  MISS {family}: {line}")


if __name__ == "__main__":
    main("-v" in sys.argv)


def scores(lines):
    from pathlib import Path

    from cleaner.ruleset import parse_rule_file
    rule = next(r for r in parse_rule_file(Path("rules/chrome-score.toml"), ["boilerplate"]))
    for line in lines:
        s = rule.scorer.score(line, lambda z: z == "edges")
        print(f"{line}  ->  {s.reason(rule.scorer.threshold)}")
