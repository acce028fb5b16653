"""Language codes to names, for prompts ("write in German")."""

from __future__ import annotations

NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "pl": "Polish", "ru": "Russian",
    "uk": "Ukrainian", "tr": "Turkish", "ar": "Arabic", "he": "Hebrew", "hi": "Hindi",
    "zh": "Chinese (Simplified)", "zh-hans": "Chinese (Simplified)", "zh-hant": "Chinese (Traditional)",
    "ja": "Japanese", "ko": "Korean", "vi": "Vietnamese", "th": "Thai", "id": "Indonesian",
    "el": "Greek", "cs": "Czech", "fi": "Finnish", "da": "Danish", "no": "Norwegian",
}


def language_name(code: str) -> str:
    code = code.strip().lower()
    return NAMES.get(code) or NAMES.get(code.split("-")[0]) or code
