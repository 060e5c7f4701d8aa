"""Report text glued onto chrome: does a cleaner keep the sentence and drop the chrome?

Each chrome snippet is glued before and after each report sentence or heading, with and
without a space, and the line is put in a report's body. A run counts the gluings whose
report text is lost and, of those kept, the ones whose chrome went too. The chrome snippets
and report texts are written here, not taken from a held-out set.

    python -m bench.glued_text            # totals
    python -m bench.glued_text --lost     # and every gluing whose report text was lost, with its rules
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from cleaner import clean_text

CHROME = (
    "来源：新安镇人民政府 发布时间：2024-01-12",
    "【字体：大 中 小】",
    "扫描二维码关注我们",
    "本文档共5页，下载后可编辑",
    "更多范文请关注公众号“笔杆子素材”",
    "（本文来源于网络，如有侵权请联系删除）",
    "责任编辑：李明",
    "浏览次数：1256",
    "【打印本页】【关闭窗口】",
    "点击下载完整版",
    "相关阅读：",
    "上一篇：关于做好春节期间安全生产工作的通知",
    "第2页 共5页",
    "VIP会员免费下载",
)
REPORT_TEXTS = (
    "全年完成地区生产总值32.5亿元，同比增长6.2%。",
    "新建农村公路18公里，改造危桥3座。",
    "（三）持续改善民生福祉。",
    "二、2024年工作安排",
)
HEAD = ("新安镇2023年政府工作报告\n各位代表：\n现在，我代表镇人民政府向大会报告工作，请予审议。\n"
        "一、2023年工作回顾\n过去一年，全镇经济社会持续健康发展。")
TAIL = ("今年工作的总体要求是：坚持以人民为中心的发展思想。\n"
        "各位代表，让我们团结一心，为建设美丽新安而努力奋斗！")
PLACES = {"before": "{c}{t}", "before, spaced": "{c} {t}", "after": "{t}{c}", "after, spaced": "{t} {c}"}


@dataclass(frozen=True)
class Gluing:
    """One line of chrome and report text, and what cleaning left of it."""

    chrome: str
    text: str
    place: str
    lost: bool
    chrome_left: bool
    rules: tuple[str, ...]


def run() -> list[Gluing]:
    """Clean every gluing in a report's body."""
    results = []
    for chrome in CHROME:
        for text in REPORT_TEXTS:
            for place, shape in PLACES.items():
                line = shape.format(c=chrome, t=text)
                result = clean_text(f"{HEAD}\n{line}\n{TAIL}\n")
                rules = tuple(sorted({change.rule for change in result.changes
                                      if change.before and text[:5] in change.before}))
                results.append(Gluing(chrome, text, place, text not in result.text,
                                      chrome.strip() in result.text, rules))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lost", action="store_true", help="list every gluing whose text was lost")
    args = parser.parse_args()
    results = run()
    lost = [g for g in results if g.lost]
    clean = [g for g in results if not g.lost and not g.chrome_left]
    if args.lost:
        for g in lost:
            print(f"lost  {g.place:<15} {g.chrome} | {g.text}  ({', '.join(g.rules) or '?'})")
    print(f"{len(results)} gluings: report text lost in {len(lost)}, "
          f"kept with the chrome gone in {len(clean)}, kept with the chrome left in "
          f"{len(results) - len(lost) - len(clean)}")


if __name__ == "__main__":
    main()
