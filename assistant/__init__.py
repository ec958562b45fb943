"""The assistant: understands Norwegian text, keeps the conversation, asks for
what is missing and composes answers from rule outcomes and quoted passages.

Import-light on purpose: `innkjop check` must start fast, so nothing here
imports torch or sentence-transformers at module level.
"""
