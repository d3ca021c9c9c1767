"""Russian and Ukrainian entity mentions (the `ru-uk` extra: natasha and pymorphy3).

`mentions.find_mentions(text, language)` is the entry point; `translit` gives the Latin
spelling and the key that links a name across documents, languages and spellings.
"""
