"""Furniture words and section names in Ukrainian, Czech, Slovak, Turkish, Swedish,
Norwegian, Danish, Finnish, Romanian, Hungarian, Bulgarian, Serbian (both scripts),
Lithuanian, Kazakh and Korean (config/furniture_words.yaml). Every line here was written
for this test."""

from __future__ import annotations

# Lines made only of furniture words or section names, and subheadings holding a topic word
# of their own (some beside a furniture word: "Son", "Siste"; some with a noun the lists
# leave out: "stöd", "přístup", "acord", "támogatás"): checked by test_unseen_wording.py's
# two tests with the English lines.
FURNITURE_LINES = [
    # uk
    "Головна · Новини · Політика · Економіка", "Поділитися у Facebook",
    # cs
    "Zprávy | Domov | Svět | Sport", "Sdílet článek",
    # sk
    "Najčítanejšie články", "Prihláste sa na odber",
    # tr
    "Gündem · Ekonomi · Spor · Dünya", "En çok okunan haberler",
    # sv
    "Mest lästa artiklar", "Kopiera länk",
    # nb
    "Mest leste nyheter", "Kopier lenke",
    # da
    "Mest læste", "Kopier linket",
    # fi
    "Lue myös", "Luetuimmat uutiset",
    # ro
    "Cele mai citite știri", "Abonează-te la newsletter",
    # hu
    "Legolvasottabb cikkek", "Hírek | Belföld | Külföld | Gazdaság",
    # bg
    "Най-четени новини", "Сподели във Facebook",
    # sr
    "Najčitanije vesti", "Најновије вести",
    # lt
    "Skaitomiausios naujienos", "Panašūs straipsniai",
    # kk
    "Соңғы жаңалықтар", "Тағы оқыңыз",
    # ko
    "가장 많이 본 뉴스", "기사 공유하기", "정치 경제 사회 국제 스포츠",
]
SUBHEADINGS = [
    "Зерно і порти", "Nový přístup", "Cesta na východ", "Son söz", "Mer stöd",
    "Siste sjanse", "Vind på havet", "Kaasu Venäjältä", "Un nou acord", "Több támogatás",
    "Газ от Азербайджан", "Руда из Бора", "Dujos iš Norvegijos", "Астық экспорты",
    "곡물 수출 전망",
]
