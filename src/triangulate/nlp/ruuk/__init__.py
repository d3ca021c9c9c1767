"""Russian and Ukrainian analysis (the `ru-uk` extra: natasha and pymorphy3).

`analysis.analyze_ruuk(document, language)` is the entry point: sentences, names
(`mentions.find_mentions`), time expressions (`dates`), quotes (`attribution`) and figures
(`quantities`) as the English pipeline's records; `translit` gives the Latin spelling and
the key that links a name across documents, languages and spellings.
"""
