"""Tests for cleaner.review: the self-contained HTML review of a batch.

The page is parsed and checked for its summary, chart, file table and diffs, for escaping of
document text, and for the absence of anything fetched from the network. The browser test
renders it in headless Chromium and checks the screenshot: the page is not blank and the
opened diff's highlights are on screen. It is skipped where Chromium is not installed (install
it with ``apt-get install -y chromium fonts-noto-cjk``), except on CI (``CI`` set), where
``.ci/run`` installs it and a missing browser is a failure.
"""

from __future__ import annotations

import html
import html.parser
import operator
import os
import re
import shutil
import struct
import subprocess
import zlib
from itertools import accumulate
from pathlib import Path

import pytest

from cleaner.change import Change
from cleaner.pipeline import Cleaner, CleanResult, count_visible
from cleaner.registry import Registry, Stage
from cleaner.review import TINTS, FileResult, family_figures, review_html, write_review
from cleaner.stages import boilerplate, hygiene, whitespace

AD = "扫描上面二维码加QQ好友,获得更多文稿实用素材"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def basic_cleaner() -> Cleaner:
    """Hygiene, boilerplate rules and whitespace: what these tests expect does not move when
    stages are added to the default pipeline."""
    registry = Registry()
    registry.register(Stage("hygiene", hygiene.run, 90, "hygiene"))
    registry.register(Stage("boilerplate", boilerplate.run, 70, "rules", takes_rules=True))
    registry.register(Stage("whitespace", whitespace.run, 10, "final form"))
    return Cleaner(registry=registry)


def joined() -> FileResult:
    raw = "一、工作回顾\n过去一年，全镇经济有力带\n动了当地农民致富增收。\n结尾\n"
    clean = "一、工作回顾\n过去一年，全镇经济有力带动了当地农民致富增收。\n结尾\n"
    join = Change("layout", "layout.join", 2, 10, "有力带\n动了", "有力带动了",
                  "joined: no sentence end, next line not a heading")
    return FileResult("reports/join.txt", raw, CleanResult(clean, (join,), (), None,
                                                             count_visible(raw), count_visible(clean)))


def batch() -> list[FileResult]:
    cleaner = basic_cleaner()
    ad = f"各位代表：\n{AD}\n现在，我代表镇人民政府向大会报告工作，请予审议。\n{HOSTILE}\n".encode()
    return [
        FileResult.from_bytes("reports/ad.txt", ad, cleaner),
        joined(),
        FileResult.from_bytes("reports/clean.txt", "各位代表：\n现在开始。\n".encode(), cleaner),
        FileResult.from_bytes("reports/empty.txt", b"", cleaner),
        FileResult.from_bytes(f"reports/{HOSTILE}.txt", b"%PDF-1.4\n", cleaner),
    ]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Page(html.parser.HTMLParser):
    """The parts of the page the tests look at: the text inside each element with an id, the
    tags and their attributes, and the cells of the file table."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.text_by_id: dict[str, list[str]] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.table_rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag in VOID:
            return
        element = found.get("id")
        if element:
            self.text_by_id.setdefault(element, [])
        self.stack.append((tag, element))
        if self._inside_files() and tag == "tr":
            self.table_rows.append([])
        if self._inside_files() and tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self.table_rows:
            self.table_rows[-1].append("".join(self._cell))
            self._cell = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, element in self.stack:
            if element:
                self.text_by_id[element].append(data)
        if self._cell is not None:
            self._cell.append(data)

    def _inside_files(self) -> bool:
        return any(element == "files" for _, element in self.stack)

    def text(self, element: str) -> str:
        return "".join(self.text_by_id[element])


def parsed(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    return parser


def test_summary_counts_files_errors_and_changes() -> None:
    page = parsed(review_html(batch()))
    summary = re.sub(r"\s+", " ", page.text("summary"))
    for figure in ("5 files", "2 changed", "1 unchanged", "2 errors", "1 flagged"):
        assert figure in summary
    assert "empty file" in summary and "binary file" in summary


def test_chart_shows_rule_hits_and_characters_removed_per_family() -> None:
    changes = [Change("boilerplate", "ads.qr-code-friend", 2, 0, AD + "\n", ""),
               Change("boilerplate", "ads.other", 3, 0, "广告\n", ""),
               Change("hygiene", "hygiene.zero-width", 1, 0, "\u200b", "")]
    assert family_figures(changes) == {"ads": (2, count_visible(AD) + 2, "boilerplate"),
                                       "hygiene": (1, 1, "whitespace")}
    families = parsed(review_html(batch())).text("families")
    assert "ads" in families and str(count_visible(AD)) in families


def test_file_table_is_sorted_by_share_removed_and_links_to_each_diff() -> None:
    page = parsed(review_html(batch()))
    rows = [row for row in page.table_rows if row]
    assert rows[0][1] == "reports/ad.txt"  # the most removed comes first
    shares = [float(row[6].rstrip("%")) for row in rows]
    assert shares == sorted(shares, reverse=True)
    links = {attrs["href"] for tag, attrs in page.tags if tag == "a"}
    details = {attrs["id"] for tag, attrs in page.tags if tag == "details"}
    assert links == {f"#{d}" for d in details} == {f"#f{i}" for i in range(1, 6)}


def test_each_file_diff_holds_its_changes_and_labels() -> None:
    page = parsed(review_html(batch()))
    ad, join = page.text("f1"), page.text("f2")
    assert AD in ad and "ads.qr-code-friend" in ad
    assert "⏎" in join and "layout.join" in join and "no sentence end" in join
    assert [attrs.get("class") for tag, attrs in page.tags if tag == "del" and "k-boilerplate"
            in (attrs.get("class") or "")] and "error" in page.text("f4")


def test_document_text_is_escaped() -> None:
    page = review_html(batch())
    assert HOSTILE not in page
    assert html.escape(HOSTILE) in page
    scripts = [tag for tag, _ in parsed(page).tags if tag in ("script", "img")]
    assert scripts == ["script"]  # the page's own sorting script, nothing from the documents


def test_page_is_self_contained() -> None:
    page = parsed(review_html(batch()))
    for tag, attrs in page.tags:
        assert "src" not in attrs, f"<{tag}> loads {attrs['src']}"
        if tag in ("link", "a"):
            assert str(attrs.get("href", "")).startswith("#"), f"<{tag}> points outside"
    text = review_html(batch())
    assert "@import" not in text and "url(" not in text


def test_same_batch_gives_the_same_page(tmp_path: Path) -> None:
    write_review(tmp_path / "a.html", batch())
    write_review(tmp_path / "b.html", batch())
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


# --- in a real browser ----------------------------------------------------------------------

CHROMIUM = next((path for name in ("chromium", "chromium-browser", "google-chrome")
                 if (path := shutil.which(name))), None)
WINDOW = (1000, 1400)  # CSS pixels; screenshots are taken at half scale to keep decoding quick
SCALE = 0.5
BYTE = 255


def read_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Decode an 8-bit, non-interlaced PNG with the standard library: width, height, channels
    and the unfiltered rows of bytes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    position, chunks, header = 8, [], None
    while position < len(data):
        length = int.from_bytes(data[position:position + 4], "big")
        kind, body = data[position + 4:position + 8], data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    assert header is not None, "PNG without a header"
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (0, 2, 4, 6), f"unsupported PNG {header}"
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytes(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        method, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if method == 1:  # sub: a running sum per channel
            for c in range(channels):
                line[c::channels] = bytes(map(BYTE.__and__, accumulate(line[c::channels])))
        elif method == 2:  # up
            line = bytearray(map(BYTE.__and__, map(operator.add, line, previous)))
        elif method in (3, 4):  # average, paeth
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                up = previous[i]
                if method == 3:
                    line[i] = (line[i] + ((left + up) >> 1)) & 255
                    continue
                corner = previous[i - channels] if i >= channels else 0
                guess = left + up - corner
                da, db, dc = abs(guess - left), abs(guess - up), abs(guess - corner)
                line[i] = (line[i] + (left if da <= db and da <= dc else up if db <= dc else corner)) & 255
        rows.append(bytes(line))
        previous = rows[-1]
    return width, height, channels, rows


def count_colour(rows: list[bytes], channels: int, colour: bytes) -> int:
    """Pixels of exactly ``colour`` (RGB)."""
    count = 0
    for row in rows:
        at = row.find(colour)
        while at != -1:
            if at % channels == 0:
                count += 1
            at = row.find(colour, at + 1)
    return count


def screenshot(url: str, out: Path, profile: Path) -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing on CI: .ci/run must install it "
                        "(apt-get install -y chromium fonts-noto-cjk)")
        pytest.skip("Chromium is not installed: apt-get install -y chromium fonts-noto-cjk")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
               f"--force-device-scale-factor={SCALE}", "--virtual-time-budget=2000",
               f"--screenshot={out}", f"--window-size={WINDOW[0]},{WINDOW[1]}", url]
    done = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert out.is_file(), f"Chromium wrote no screenshot (exit {done.returncode}): {done.stderr[-800:]!r}"


def test_review_renders_in_a_browser_with_the_diff_visible(tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    write_review(page, batch()[:2])
    shot = tmp_path / "review.png"
    screenshot(page.as_uri() + "#f1", shot, tmp_path / "profile")  # the link opens the ad's diff
    width, height, channels, rows = read_png(shot.read_bytes())
    assert (width, height) == (int(WINDOW[0] * SCALE), int(WINDOW[1] * SCALE))
    white = sum(row.count(255) for row in rows)
    assert white < 0.97 * width * height * channels, "the page looks blank"
    deleted_ad = bytes.fromhex(TINTS["boilerplate"][1:])
    assert count_colour(rows, channels, deleted_ad) > 50, "the diff's deleted ad line is not on screen"
