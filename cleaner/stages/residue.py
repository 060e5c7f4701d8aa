"""Residue: the chrome the boilerplate rules left, judged once lines are whole.

The boilerplate stage runs on the text as it came: a title spaced out (``政 府 工 作 报 告``), a
meeting line a hard wrap cut in two, Traditional characters. A rule that judges a line by how it
reads (a line model: ``cleaner.line_model``) would take such pieces of a report for chrome. This
stage runs the rules of stage ``residue`` after layout and normalization, on lines that are whole
and canonical, the way the model was trained: what is left is a report's own lines and chrome
no rule named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.change import ChangeLog
from cleaner.stages import layout
from cleaner.stages.boilerplate import apply_stage_rules

if TYPE_CHECKING:
    from cleaner.pipeline import StageContext

NAME = "residue"


def run(text: str, context: StageContext, log: ChangeLog | None) -> str:
    fixed = apply_stage_rules(NAME, text, context, log, document=True)
    if fixed != text:
        # a line gone from between two halves of a sentence a page break cut (全镇新建 / 余文加载
        # 失败，点击重试 / 公路18公里。): the halves are joined now, as layout would have had the
        # chrome not stood between them, so that a second run finds nothing to do
        fixed = layout.run(fixed, context, log)
    return fixed
