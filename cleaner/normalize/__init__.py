"""Normalization helpers: the logic that a rule file cannot hold, one concept per module.

- ``chinese_context``: is a mark in Chinese context? (decided from neighbouring characters)
- ``brackets``: ASCII brackets in Chinese context become full-width, as pairs
- ``quotes``: straight quotes become curly ones, as pairs; unbalanced quotes are flagged
- ``width``: full-width ASCII letters, digits and ％ become half-width
- ``script``: Traditional-script detection and OpenCC conversion around protected terms

Patterns and mappings live in the rule files (``rules/punctuation.toml``, ``rules/units.toml``,
``rules/script.toml``, ``rules/protected.toml``, ``rules/protected-terms.toml``); the stage that
runs it all is ``cleaner.stages.normalization``.
"""
