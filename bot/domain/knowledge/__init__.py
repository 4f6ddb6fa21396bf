"""Telegram-free knowledge base for voters: topics, question matcher, rendering."""

from bot.domain.knowledge.matcher import MatchResult, TopicMatch, match
from bot.domain.knowledge.render import ElectionFacts, demo_note, render, render_title
from bot.domain.knowledge.topics import BY_ID, DATA_INTENTS, TOPICS, Topic, Variant, get_topic

__all__ = [
    "BY_ID",
    "DATA_INTENTS",
    "TOPICS",
    "ElectionFacts",
    "MatchResult",
    "Topic",
    "TopicMatch",
    "Variant",
    "demo_note",
    "get_topic",
    "match",
    "render",
    "render_title",
]
