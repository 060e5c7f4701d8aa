"""The command-line options that say how to clean, shared by every command that cleans
(``clean``, ``diff``), and the one place that turns them into a ``CleanConfig``.

A command adds them to an argument group with ``add_cleaning_options`` and builds its
configuration with ``config_from_args``: config-file values first, flags given on the command
line win. Options a command needs of its own (``--glob``, ``--jobs``) stay with that command.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cleaner.config import CleanConfig, FileSettings, build_config, load_settings
from cleaner.errors import ConfigError
from cleaner.normalize.script import SCRIPT_MODES


def positive_int(value: str) -> int:
    """An argparse type for counts like ``-j N``: a whole number, 1 or more.

    >>> positive_int("2")
    2
    >>> positive_int("0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: must be a whole number, 1 or more (not '0')
    """
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number, 1 or more (not {value!r})")
    return number


def share(value: str) -> float:
    """An argparse type for ``--max-removed``: a share above 0 and at most 1.

    >>> share("0.5")
    0.5
    >>> share("30%")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: must be a share above 0 and at most 1, like 0.3 (not '30%')
    """
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(
            f"must be a share above 0 and at most 1, like 0.3 (not {value!r})")
    return number


def add_cleaning_options(group: Any) -> None:
    """Rules, script, repeats, deletion guard, paragraph separator and config file options."""
    group.add_argument("--rules", action="append", metavar="FILE_OR_DIR",
                       help="an extra rule file or folder of *.toml rule files (repeatable)")
    group.add_argument("--default-rules", action=argparse.BooleanOptionalAction, default=None,
                       help="use the rule files shipped with cleaner (default: yes)")
    group.add_argument("--enable", action="append", metavar="ID_OR_TAG",
                       help="switch on a rule, or all rules with a tag (repeatable)")
    group.add_argument("--disable", action="append", metavar="ID_OR_TAG",
                       help="switch off a rule, or all rules with a tag (repeatable)")
    group.add_argument("--script", choices=SCRIPT_MODES,
                       help="Traditional/Simplified conversion with OpenCC: t2s (default), tw2s, "
                            "hk2s, s2t, or keep; text already in the target script is not touched")
    group.add_argument("--keep-corner-brackets", action=argparse.BooleanOptionalAction, default=None,
                       help="keep 「」『』 (HK/TW material) instead of making them “” and ‘’")
    group.add_argument("--remove-repeats", action=argparse.BooleanOptionalAction, default=None,
                       help="keep one copy of repeated text: an overprinted title, a reposted "
                            "copy, a paragraph said twice (default: yes)")
    group.add_argument("--max-removed", type=share, metavar="SHARE",
                       help="flag a document when cleaning removes more than this share of it "
                            "(default 0.30); it is still written")
    group.add_argument("--blank-lines", action=argparse.BooleanOptionalAction, default=None,
                       help="put a blank line between paragraphs")
    group.add_argument("--config", type=Path, metavar="FILE",
                       help="read defaults from FILE instead of searching for cleaner.toml")
    group.add_argument("--no-config", action="store_true", help="ignore config files")


def settings_from_args(args: argparse.Namespace) -> FileSettings:
    """The config file the flags point at (or the nearest one), read and checked."""
    if args.config is not None and args.no_config:
        raise ConfigError("--config and --no-config contradict each other: give one of them")
    return load_settings(args.config, search=not args.no_config, start=Path.cwd())


def config_from_args(settings: FileSettings, args: argparse.Namespace) -> CleanConfig:
    """A ``CleanConfig`` from the config file's values, with the command-line flags winning."""
    return build_config(settings.values, rule_paths=args.rules, default_rules=args.default_rules,
                        enable=args.enable, disable=args.disable, max_removed=args.max_removed,
                        blank_lines=args.blank_lines, script=args.script,
                        keep_corner_brackets=args.keep_corner_brackets,
                        remove_repeats=args.remove_repeats)
