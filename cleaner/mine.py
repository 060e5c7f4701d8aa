"""Discover boilerplate the rules do not know yet: lines that recur but are not report content.

A report's real sentences rarely repeat word for word; web chrome, ads and watermarks do, across
documents and within a compilation. ``mine`` cleans each document with the current rules (so
known junk is gone), abstracts digits and dates into a *shape*, counts how often each shape
recurs, drops shapes that look like report structure (titles, headings, ``各位代表：``) or prose,
and prints the rest as ready-to-paste TOML rules, with examples taken from the corpus.
A mined rule has no keeps: the printout asks you to add real sentences it must leave alone,
and the rule file will not load until you do.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cleaner.errors import InputError

# Digits (with separators) and dates/times become one placeholder each, so that
# "发布时间:2023-03-22 09:51" and "发布时间:2024-01-10 10:02" share a shape.
_NUMBER_RE = re.compile(r"\d+(?:[-:./年月日]\d+)*[年月日号]?")
NUMBER_MARK = "\x00"
# Report structure that recurs by nature: titles, the greeting, headings, closing calls.
_STRUCTURE_RE = re.compile(
    r"^(?:各位代表|同志们|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|"
    r"\d{1,2}[.．、]|第[一二三四五六七八九十]+[章节部分]|——)"
    r"|(?:工作报告|工作总结|工作回顾|工作安排|工作思路|工作计划|主要工作|目标任务)$")
# Evidence that a line is page furniture rather than report text: each kind counts once.
JUNK_SIGNS = {
    "latin letters": re.compile(r"[A-Za-z]{2,}"),
    "link": re.compile(r"https?://|www\.|\.(?:com|cn|net|html?)\b"),
    "table cell": re.compile(r"[|｜]"),
    "label": re.compile(r"^\S{2,5}\s*[:：]"),
    "call to action": re.compile(r"扫描|扫一扫|二维码|关注|好友|点击|下载|登录|注册|分享|收藏|打印|"
                                 r"阅读|浏览|来源|编辑|版权|转载|素材|范文|会员|客服"),
    "brackets": re.compile(r"[【\[].{0,8}[】\]]"),
}
_SENTENCE_END = tuple("。！？；!?;")
_PROSE_PUNCTUATION = re.compile("[，,、]")


@dataclass
class Candidate:
    """A line shape and where it was seen."""

    shape: str
    occurrences: int = 0
    documents: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)

    @property
    def document_count(self) -> int:
        return len(self.documents)

    @property
    def signs(self) -> list[str]:
        """Which kinds of junk evidence its examples show."""
        return [name for name, sign in JUNK_SIGNS.items()
                if any(sign.search(example) for example in self.examples)]


def line_shape(line: str) -> str:
    """The line with numbers and dates abstracted.

    >>> line_shape("发布时间:2023-03-22 09:51 阅读:1407") == line_shape("发布时间:2024-1-10 10:02 阅读:7")
    True
    """
    return _NUMBER_RE.sub(NUMBER_MARK, line.strip())


def looks_like_content(line: str) -> bool:
    """Lines that are report text or structure, never proposed as boilerplate.

    >>> looks_like_content("一、2022年工作回顾"), looks_like_content("各位代表：")
    (True, True)
    >>> looks_like_content("现在，我代表镇人民政府向大会报告工作，请予审议。")
    True
    >>> looks_like_content("扫描上面二维码加QQ好友,获得更多文稿实用素材")
    False
    """
    body = line.strip()
    if len(body) < 2 or _STRUCTURE_RE.search(re.sub(r"\s+", "", body)):
        return True
    # prose: a sentence with clause punctuation, or any line ending like a sentence
    return body.endswith(_SENTENCE_END) or len(_PROSE_PUNCTUATION.findall(body)) >= 2


def collect(documents: Iterable[tuple[str, str]], *, max_length: int = 120) -> dict[str, Candidate]:
    """Count line shapes over ``(name, text)`` documents."""
    found: dict[str, Candidate] = {}
    for name, text in documents:
        for line in text.split("\n"):
            body = line.strip()
            if not body or len(body) > max_length or looks_like_content(body):
                continue
            shape = line_shape(body)
            candidate = found.setdefault(shape, Candidate(shape))
            candidate.occurrences += 1
            candidate.documents.add(name)
            if body not in candidate.examples and len(candidate.examples) < 3:
                candidate.examples.append(body)
    return found


def rank(found: dict[str, Candidate], *, min_occurrences: int = 2) -> list[Candidate]:
    """Candidates that recur: the most junk evidence first, then document frequency, then
    occurrences (a compilation repeats its ads within one file), then shape."""
    kept = [c for c in found.values() if c.occurrences >= min_occurrences]
    return sorted(kept, key=lambda c: (-len(c.signs), -c.document_count, -c.occurrences, c.shape))


def shape_pattern(shape: str) -> str:
    r"""A regex for a shape: the literal text escaped, each number placeholder as ``\d+…``.

    >>> shape_pattern("阅读:" + NUMBER_MARK)
    '阅读:\\d+(?:[-:./年月日]\\d+)*[年月日号]?'
    """
    return _NUMBER_RE.pattern.join(re.escape(part) for part in shape.split(NUMBER_MARK))


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _literal(pattern: str) -> str:
    """A TOML literal string for a pattern (no escapes to double), or a basic one if it has '."""
    return f"'{pattern}'" if "'" not in pattern and "\n" not in pattern else _toml_string(pattern)


def _trigger(shape: str) -> str:
    """The longest run without a number or space: the cheap pre-check for the rule."""
    parts = [p for p in re.split(rf"[{NUMBER_MARK}\s]+", shape) if p]
    return max(parts, key=len) if parts else shape


def as_toml(candidate: Candidate, number: int, related: list[str]) -> str:
    """A ``[[rule]]`` table for a candidate, with a request for keeps."""
    trigger = _trigger(candidate.shape)
    examples = ",\n".join(f"  {{ input = {_toml_string(e)}, output = \"\" }}"
                          for e in candidate.examples)
    keep_lines = "\n".join(f"#   {_toml_string(r)}," for r in related[:3]) or '#   "…",'
    seen = (f"seen {candidate.occurrences} times in {candidate.document_count} "
            f"document{'s' if candidate.document_count != 1 else ''}"
            + (f"; signs: {', '.join(candidate.signs)}" if candidate.signs else ""))
    return f"""[[rule]]
id = "mined.line-{number:03d}"
stage = "boilerplate"
description = "Mined: a recurring line ({seen}). Say what it is."
scope = "line"
pattern = {_literal(shape_pattern(candidate.shape))}
triggers = [{_toml_string(trigger)}]
max_length = {max(len(e) for e in candidate.examples) + 20}
tags = ["mined"]
examples = [
{examples},
]
# Add real report sentences this rule must leave alone, then uncomment (a rule needs keeps).
# Lines of this corpus that share its words, as a start:
# keeps = [
{keep_lines}
# ]
"""


def related_lines(candidate: Candidate, documents: list[tuple[str, str]], limit: int = 3) -> list[str]:
    """Content lines that contain the candidate's trigger: the natural keeps to check."""
    trigger = _trigger(candidate.shape)
    pattern = re.compile(shape_pattern(candidate.shape))
    found: list[str] = []
    for _, text in documents:
        for line in text.split("\n"):
            body = line.strip()
            if trigger in body and not pattern.fullmatch(body) and body not in found:
                found.append(body)
                if len(found) >= limit:
                    return found
    return found


# --- command line ----------------------------------------------------------------------------

MINE_EPILOG = """\
examples:
  cleaner mine raw/
      recurring lines the current rules leave behind, as TOML rules to review
  cleaner mine raw/ --no-default-rules --top 10
      what would be found with no rules at all (shows what the shipped rules cover)
  cleaner mine raw/ --json
      the same as JSON, for scripts"""


def add_mine_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "mine", help="discover recurring boilerplate the rules do not know yet",
        description=__doc__, epilog=MINE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(run=run_mine)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of raw documents")
    parser.add_argument("--glob", default="*.txt", help="files to take from folders (default *.txt)")
    parser.add_argument("--rules", action="append", metavar="FILE_OR_DIR",
                        help="extra rule files to apply before mining (repeatable)")
    parser.add_argument("--no-default-rules", action="store_true",
                        help="do not apply the shipped rules before mining")
    parser.add_argument("--min-occurrences", type=int, default=2, metavar="N",
                        help="propose shapes seen at least N times (default 2)")
    parser.add_argument("--top", type=int, default=20, metavar="N", help="at most N proposals")
    parser.add_argument("--json", action="store_true", help="print JSON instead of TOML")


def _documents(paths: list[str], glob: str, cleaner: Any) -> list[tuple[str, str]]:
    from cleaner.files import Input, discover

    documents: list[tuple[str, str]] = []
    for item in discover(paths, glob):
        if not isinstance(item, Input) or item.source is None:
            print(f"cleaner: error: {item.display}: {getattr(item, 'message', 'not a file')}",
                  file=sys.stderr)
            continue
        try:
            result = cleaner.clean_bytes(item.source.read_bytes(), explain=False)
        except (InputError, OSError) as exc:
            print(f"cleaner: error: {item.display}: {exc}", file=sys.stderr)
            continue
        documents.append((item.display, result.text))
    return documents


def run_mine(args: argparse.Namespace) -> int:
    from cleaner.config import build_config
    from cleaner.pipeline import Cleaner
    from cleaner.stages import default_registry

    config = build_config({}, rule_paths=args.rules, default_rules=not args.no_default_rules)
    # Lines as the source has them: layout would glue an unknown junk line to its neighbours,
    # and normalization would make variants of one line look different.
    registry = default_registry()
    for stage in ("layout", "normalization"):
        registry.deregister(stage)
    documents = _documents(args.paths, args.glob, Cleaner(config, registry=registry))
    if not documents:
        print("cleaner: error: no readable documents to mine", file=sys.stderr)
        return 1
    ranked = rank(collect(documents), min_occurrences=args.min_occurrences)[: args.top]
    if args.json:
        print(json.dumps([{"shape": c.shape.replace(NUMBER_MARK, "<n>"),
                           "pattern": shape_pattern(c.shape), "occurrences": c.occurrences,
                           "documents": c.document_count, "signs": c.signs,
                           "examples": c.examples}
                          for c in ranked], ensure_ascii=False, indent=2))
        return 0
    if not ranked:
        print(f"# nothing recurs at least {args.min_occurrences} times outside report text")
        return 0
    print(f"# {len(ranked)} recurring line shape(s) in {len(documents)} document(s), most "
          "widespread first.\n# Review each: keep the ones that are junk, add keeps, and save "
          "them in a rule file (cleaner rules check FILE).\n")
    for number, candidate in enumerate(ranked, start=1):
        print(as_toml(candidate, number, related_lines(candidate, documents)))
    return 0
