"""The pipeline's stages, in one place: this is the only list of them.

Order (highest priority first), with gaps so a user's stage can slot in between::

    (decode)        bytes -> str, before any stage: cleaner.decode
    encoding     95 repair mojibake (UTF-8 read as GBK, GBK read as Latin-1, …), flag lost bytes
    hygiene      90 line breaks, HTML entities, zero-width and control chars, NFC, radicals, spaces
    boilerplate  70 rule-driven: web chrome, ads, CMS residue          (rules: stage = "boilerplate")
    layout       50 rejoin broken lines, split collapsed text, page furniture, spaced text, repeats
    normalization 30 punctuation (GB/T 15834), numbers and units (GB/T 15835), script (OpenCC)
    residue      25 rule-driven, on whole canonical lines: chrome the boilerplate rules left,
                    judged by a line model             (rules: stage = "residue")
    repeats      20 one copy of repeated text: overprinted titles, reposted copies, paragraphs
                    said twice (after normalization: copies that differed only in punctuation
                    width or script now compare equal, and nothing after it can make two
                    paragraphs equal, so the pipeline stays idempotent)
    whitespace   10 one paragraph per line, no blank lines, final newline

To add a stage, write ``run(text, context, log) -> text`` in a module here and register it
below with a free priority.
"""

from __future__ import annotations

from cleaner.registry import Registry, Stage
from cleaner.stages import (
    boilerplate,
    encoding,
    hygiene,
    layout,
    normalization,
    repeats,
    residue,
    whitespace,
)


def default_registry() -> Registry:
    """A fresh registry holding the default stages."""
    registry = Registry()
    registry.register(Stage("encoding", encoding.run, 95,
                            "Repair mojibake; flag bytes lost before cleaning"))
    registry.register(Stage("hygiene", hygiene.run, 90,
                            "Unicode hygiene: line breaks, entities, invisible characters, NFC"))
    registry.register(Stage("boilerplate", boilerplate.run, 70,
                            "Remove web chrome, ads and CMS residue by rule", takes_rules=True))
    registry.register(Stage("layout", layout.run, 50,
                            "Rejoin broken lines, split collapsed text, drop page furniture, "
                            "close up spaced text"))
    registry.register(Stage("normalization", normalization.run, 30,
                            "Punctuation, numbers and units, script", takes_rules=True))
    registry.register(Stage(residue.NAME, residue.run, 25,
                            "Chrome the boilerplate rules left, judged on whole canonical lines",
                            takes_rules=True))
    registry.register(Stage(repeats.NAME, repeats.run, 20,
                            "Keep one copy of repeated text: overprinted titles, reposted copies, "
                            "paragraphs said twice", keeps_one_copy=True))
    registry.register(Stage("whitespace", whitespace.run, 10,
                            "One paragraph per line, no blank lines, a final newline"))
    return registry
