"""Furniture worded unlike any rule (issue 15): the furniture-word pass, the rules' fast
matching and the training-only lines (the fresh validation lines are scored with a floor
in test_quality_gate.py)."""

from __future__ import annotations

import pytest
import yaml

from pipeline.clean.rules import _anchored, _bounded, load_rules
from pipeline.clean.text import clean_paragraphs
from tests.conftest import FIXTURES
from tests.pipeline.clean.test_new_language_lexicon import FURNITURE_LINES as NEW_FURNITURE_LINES
from tests.pipeline.clean.test_new_language_lexicon import SUBHEADINGS as NEW_SUBHEADINGS
from tests.pipeline.clean.test_other_language_forms import FURNITURE_LINES as OTHER_FURNITURE_LINES
from tests.pipeline.clean.test_other_language_forms import SUBHEADINGS as OTHER_SUBHEADINGS
from tests.support.paragraphs import load_part

LINES = yaml.safe_load((FIXTURES / "paragraphs" / "train_lines.yaml").read_text(encoding="utf-8"))
TITLE = "Kazakhstan and China open a second rail crossing"
BODY = [
    "Kazakhstan and China opened a second rail crossing at Bakhty on Monday, the transport "
    "ministry said, adding capacity for grain and container traffic bound for Europe.",
    "Officials in Astana said the crossing would ease congestion at Dostyk, where freight "
    "trains have waited for days since volumes on the overland route rose in 2022.",
    "The line, built over three years, is expected to carry up to ten million tonnes a year "
    "once the customs terminal on the Kazakh side is finished next spring.",
    "Russian operators have also sought more slots on the corridor as sanctions pushed "
    "shippers away from Baltic ports, a logistics analyst in Almaty said.",
]


def cleaned(line: str) -> list[str]:
    """The body kept when ``line`` sits in the middle of an ordinary article."""
    return clean_paragraphs([TITLE, BODY[0], BODY[1], line, BODY[2], BODY[3]]).paragraphs


# Written for this test, not taken from the training lines.
# With the other languages' lines (test_other_language_forms.py, test_new_language_lexicon.py;
# each language's words apart).
@pytest.mark.parametrize("line", [
    "Author page", "Latest videos", "Comments (12)", "Podcast", "Saved", "Manage alerts",
    "Photo 2 of 9", *OTHER_FURNITURE_LINES, *NEW_FURNITURE_LINES,
])
def test_lines_made_only_of_furniture_words_go(line: str) -> None:
    assert line not in cleaned(line)


# Known limit: a subheading led by a furniture word ("Comments from Astana") can score near
# the classifier's threshold on a short page (docs/quality.md), so it is not pinned here.
@pytest.mark.parametrize("line", [
    "Grain and rail", "Beyond the headlines", "Subscribers first", "- Links",
    "| Bakhty | 2024 |", "Freight news.", "“Share the burden,” he said.", *OTHER_SUBHEADINGS,
    *NEW_SUBHEADINGS,
])
def test_subheads_list_items_and_sentences_stay(line: str) -> None:
    assert line in cleaned(line)


def test_the_furniture_pass_names_its_kind_and_reason() -> None:
    result = clean_paragraphs([TITLE, BODY[0], "Podcast episodes", *BODY[1:]])
    (kind, text), = result.removed
    assert text == "Podcast episodes" and kind == "newsletter_promo"
    assert result.reasons == ["structure furniture_words: a short line made only of "
                              "interface and furniture words"]


@pytest.mark.quality  # make quality: corpus lines through each rule both ways
def test_split_matching_agrees_with_every_pattern() -> None:
    # The rules are matched as anchored / word-boundary / other alternations for speed;
    # the verdict must be the one each pattern gives on its own.
    texts = [t for kind in LINES["boilerplate"].values() for t in kind] + LINES["body"]
    # Every eighth tuning page: 18 pages from across the sites, 800 paragraphs (the first
    # 40 pages, 1,175, took 28 s of the suite by session 41).
    texts += [p["text"] for page in load_part("tuning")[::8] for p in page["paragraphs"]]
    for rule in load_rules():
        for text in texts:
            alone = any(p.search(text) for p in rule.patterns)
            assert rule.matches(text, 0, 1.0) == alone, (rule.kind, text)


@pytest.mark.parametrize(("pattern", "anchored", "bounded"), [
    (r"^(a|b)c", True, False), (r"^a|b", False, False), (r"^[|]x", True, False),
    (r"^\|x", True, False), (r"\bab\b", False, True), (r"\ba|^b", False, False),
    (r"a\b", False, False),
])
def test_pattern_shapes(pattern: str, anchored: bool, bounded: bool) -> None:
    assert (_anchored(pattern), _bounded(pattern)) == (anchored, bounded)


def test_training_lines_are_many_and_of_every_kind() -> None:
    kinds = LINES["boilerplate"]
    assert len(kinds) >= 11 and all(len(v) >= 15 for v in kinds.values())
    assert sum(len(v) for v in kinds.values()) >= 500 and len(LINES["body"]) >= 300
    # Training only: none of them is a fresh line the benchmark scores.
    fresh = yaml.safe_load((FIXTURES / "paragraphs" / "fresh.yaml").read_text("utf-8"))
    scored = {t for v in fresh["boilerplate"].values() for t in v} | set(fresh["body"])
    mine = {t for v in kinds.values() for t in v} | set(LINES["body"])
    mine |= {t for blocks in LINES["runs"].values() for block in blocks for t in block}
    assert not mine & scored



# Furniture known by its form (config/boilerplate.yaml, the sections of sessions 7 and 8,
# each written from a blind batch's misses after that batch's validation scores); every
# line here was written for this test, none comes from a blind batch. Each form has
# look-alikes in reporting that must stay.
FORMS = [
    # session 7
    "Roughly 1,500 words · 6 min",
    "Read: 12 minutes",
    "Home | Europe | Markets | Climate | Sport | Video",
    "BY ANDREI MOROZ | Energy Correspondent",
    "By Grace Liu, Deputy Editor for Asia",
    "UPDATED 9:40 a.m. GMT: Adds comment from the customs office.",
    "Correction appended on 12 May",
    "More on trade: Rouble settlements double; A new rail hub in Xinjiang; Why tankers idle",
    "Dockers load timber at the port. Photo by Marek Zielinski for The Baltic Courier",
    "Sponsored story: Brought to you by a logistics firm.",
    "This series is funded in partnership with Harbourline Shipping.",
    # session 8, from batch 10's misses
    "Comments close at midnight on Friday.",
    "First name * | Surname * | Phone",
    "The opinions are mine; the views expressed in this column are the author's own.",
    "Breaking story: it will be revised as officials confirm details",
    "Check back later for updates",
    "Up next › Grain barges wait on the Amur",
    "Tune in now on 702 AM",
    "About twenty minutes to finish reading",
    "Liked it? Forward this piece to a friend in Almaty.",
    "Partner article from Volga Freight Holdings",
    "See how this newsroom is funded and who its donors are.",
    "Chief correspondent · The Ural Gazette",
    "A convoy crosses the bridge at Blagoveshchensk (Oleg Petrov / Far East Pictures)",
    "By signing up, you accept the privacy terms of our mailing list.",
    "Save your selections",
    # session 8, from batch 11's misses
    "Replies under this article are pre-moderated by the desk.",
    "Offensive comments will be deleted and the accounts behind them suspended.",
    "Listening time: 9 min",
    "Read in 4 min",
    "Translated from the Kazakh by Aigerim Sadykova.",
    "CORRECTION",
    "— Additional reporting by Tom Reyes in Almaty; editing by Mira Castell",
    "We might earn a commission when readers buy through the links below.",
    "Presented by Arctic Route Logistics",
    "We and our 88 vendors use identifiers on your device to measure reach.",
    "Continue reading — the deal that changed the rouble's role",
    "Cranes at the port of Vanino. [File photo / Far East Wire]",
    "Registered in Scotland, company number 55512345.",
    # session 8, from batch 12's misses
    "Help us stay on the beat. Pitch in $3 this week.",
    "Keep local reporting going in the Far East.",
    "You have used your quota of 5 free stories this week.",
    "Join 40,000 readers who get it first.",
    "Enjoyed this briefing? Forward it on.",
    "This episode is for paying members",
    "Archive photo: Reuters",
    "Trucks queue at the Khorgos crossing. Photo: Nurlan Abenov/Astana Wire",
    "About the author — Lena Park writes on ports from Busan.",
    "Author page › Marat Ilyasov · 112 stories",
    "Up next → Yuan loans to Russian banks double",
    "Article continues below",
    "This coverage is underwritten by the Caspian Media Trust.",
    "The piece takes under 4 minutes to read.",
    "Listen in 90 seconds",
    "We use cookies and similar identifiers on your device to measure traffic.",
    "Tap the heart if you want more like this",
    "What's your take? Leave a comment and join the discussion.",
    "Replies on this story have been turned off.",
    # session 9, from batch 13's misses
    "Keep reading: our full guide to the Caspian ferry routes and a map of the new ports.",
    "Moderators check replies from 9am to 6pm; links and personal attacks may be removed "
    "without notice.",
    "Reader comments are reviewed before they appear and can take up to a day to show.",
    "About 6 min. read / 2 min. summary",
    "Host: Daniel Ortega-Wu, a former trade negotiator who now runs the Steppe Notes show.",
    "Presenter — Karin Holm",
    "Last edited: Jun 14, 2023 09:12 GMT",
    "Also in this series: Part 1 — The ports | Part 2 — The railways | Part 3 — The money",
    "Story continues after a word from our advertisers",
    "Paid partnership | Written by the brand studio; the newsroom was not involved.",
    "This feature was created by our commercial team for a client.",
    "— Ana Silva is a contributing editor at the Harbour Times and wrote a book on tankers.",
    "Most viewed · 1. Yuan hits high · 2. Ferry resumes · 3. Grain prices fall",
    "This blog has now closed. Follow our main page on the summit for further updates.",
    "The live coverage is no longer updated; see the newest story for developments.",
    "Consent or pay: accept tracking to read free, or go ad-free for £3.50 a month.",
    "Spread the word: send this to a colleague who follows shipping.",
    "Liked this analysis? Pass it along to your network.",
    "All rights reserved. Republishing of any material without prior written consent is forbidden.",
    "Figure 3: Grain exports by port, 2019-2023. Graphic by Steppe Analytics.",
    "Map: rail links across Mongolia. Graphic by the data desk.",
    "f | X | in | @",
    "Our reporting on the Arctic is supported by a grant from a private foundation; see our "
    "funding policy.",
    "We retain full editorial independence over all sponsored series.",
    "A donation of €25 buys a week of school meals. Donate today",
    "Your gift of $50 can keep a reporter in the field for a day.",
    "Approx. 7 min. reading · 3 min. audio",
    # session 9, from the first set of blind whole articles
    "Cranes unload coal at the port of Vanino last winter. Photographer: Olga Sim for "
    "Eastern Ledger",
    "Grain trucks queue at the Zabaikalsk crossing. Image: Lin Qiao / Steppe Wire",
    "A freight train leaves Khorgos for Duisburg. (Photo: Kazakh Railways press office)",
    "Ministers shake hands before the talks in Tashkent. Tashwire/Bekzod Yusupov",
    "Tankers at anchor off Qingdao in March. Satellite image © Orbitview Data",
    "Li Ming, Senior Energy Correspondent",
    "Anna Berg, Research Fellow, Arctic Program",
    "(Reporters: Ivan Sokolov, Mei Lin)",
    "Writers: Omar Haddad and Ruth Klein",
    "Energy, Sanctions, Shipping, Arctic, Trade",
    "[Sign up]",
    "Our Principles: How the Desk Reports",
    "Weather Alert: Ice storm warning for the valley until noon",
    "Share Steppe Notes",
    "REKLAMA",
    "Correction, 2 May 2025: An earlier version misstated the port's capacity.",
    "This piece appears in the June print issue of Eastern Ledger.",
    "Recent posts",
    # session 9, from the second set of blind whole articles
    "SPONSORED: Cold-chain capacity from Busan to Vladivostok, book online today",
    "(Updates with ministry statement in fourth paragraph)",
    "Views in this column are not necessarily those of the institute.",
    "Breaking: Harbin airport reopens after snowstorm",
    "Issue #48 · March 2025",
    "Upgrade to premium for the full tanker database.",
    "Trucks at the border post in Kyakhta. Ivan Petrov/Baikal Wire/Getty Images",
    "The post as it circulated on Telegram. (Screenshot: Steppe Check)",
    "Related story Kazakhstan expands grain corridor to Iran",
    "Published: Fri 7 Mar 2025, 10:15 AM",
    # session 9, from the third set of blind whole articles
    "Licensed content. For distribution by Steppe Wire clients only.",
    "Markets: MOEX 3,102.5 -0.4% | Hang Seng 17,820 +1.1% | USD/KZT 451.2",
    "Tags: Kazakhstan, Grain, Rail freight",
    "Almaty +24°C",
    "Views: 3 410",
    "Steppe Courier acknowledges the Traditional Custodians of the land on which we work.",
    "Eastern Ledger is a registered 501(c)(3) organization; donations are tax-deductible.",
    "(With inputs from agencies)",
    "Related Story: Mongolia weighs a second rail link to China",
    "Fishing boats in the harbour at Nakhodka. (Supplied: Primorye Port Authority)",
    # session 9, from the sixth set of blind whole articles
    "A convoy crosses the Amur bridge at dusk. (Photo courtesy Amur Region Press Office)",
    "3/9 — Photo: Pavel Ignatov / Vostok Images",
    "— Sponsored message —",
    "This newsletter is supported by Harbin Cold Chain. Try their tracker free for a month.",
    "Download the full study (PDF, 1.8 MB)",
    "Questions or tips? Just hit reply and tell me.",
    "Photos and text: Lena Morozova",
    # session 10, from blind whole-article sets 8, 11, 12 and line batch 16
    "Material from Reuters was used in this story.",
    "Information from the Kyodo news agency was included in this report.",
    "Press contact: Office of the Spokesperson, +1 202 555 0147",
    "Media enquiries: press@northgate-institute.org",
    "Statements on this website may be freely reproduced with attribution.",
    "Risk warning: Futures trading carries a high level of risk and may not suit all investors.",
    "Housekeeping note: there will be no issue next Friday because of the holiday.",
    "Tagged with: steel, tariffs, Kazakhstan",
    "09:15, 4 February 2025",
    "A tanker waits off the coast of Malta in late autumn. (Photo by Ivo Ganev)",
    "Workers unload rice at the port in Vladivostok. (Navy photo by Lt. Anna Ruiz)",
    "Lanterns hang over a street in Harbin during the festival. Photo courtesy of the city "
    "government.",
    "A ferry crosses the strait at dawn. — File photo",
    "A drilling rig stands near Atyrau. (Mikhail Lepsky/For the Steppe Herald)",
    "TL;DR — the rouble fell, the central bank held, and exporters are hoarding yuan.",
    "Synopsis: Beijing wants a bigger role in Arctic governance, but its leverage is limited.",
    "Key takeaways: exports rose, imports fell, and the trade surplus widened.",
    "Online seminar: Sanctions compliance in 2025 | Register today",
    "Energy Transition Summit, Baku, 12–14 May. Early-bird tickets on sale until April 1.",
    "Update, May 2, 9:10 a.m.: This story has been updated to include a statement from the "
    "ministry.",
    "Related Analyses",
    "Working Paper No. 22/2024",
    "Sources: Xinhua, Interfax",
    "Independent. Fearless. Free.",
    "Olga Marchenko (Tbilisi, staff correspondent)",
    "Read more Premium: How Kazakhstan became a uranium superpower",
    "This text is a translation of the original article published in Russian.",
    "Admin note: comments will be closed over the holidays while the team takes a break "
    "and catches up on the reader mail that piled up during the autumn season.",
    "Editor's update, 3 June: This post has been updated with the ministry's response.",
    "Masterclass: Reading Chinese customs data — Book now",
    "Ivan Petrov is Associate Professor of economics at the Higher School.",
    "Download the full study (PDF, 112 pages, 4.8 MB)",
    "Annual review (PDF · 38 pp · 900 KB)",
    "Student Services · Campus Map · Library Hours · Contact the Registrar",
    "A convoy crosses the bridge at Khorgos at dusk. (Reuters via Alamy)",
    "Ruslan Abdullaev — Almaty bureau chief. Formerly of the Steppe Business Daily.",
    "Disclosure: The writer holds shares in a Kazakh uranium miner.",
    "Conflict of interest: none declared.",
    "Cite this article: Chen, L. (2023). Rail freight across Eurasia. Asia Transport "
    "Journal, 14(1), 3–19.",
    "How to cite: Orlova, M. (2022). Gas and power in Central Asia. Policy Brief 8.",
    "Ads by PartnerNet",
    "Sponsored links by AdChoice Media",
    "#Arctic #LNG #Yamal #Shipping",
    # session 10, second round: blind sets 14 and 15, line batch 18
    "Dockworkers unload steel coils at the terminal in Tema. — Filepic",
    "Herders move cattle across the border near Kidal. PHOTO | AMINA TRAORE | WESTLINE "
    "MEDIA",
    "A WORD FROM OUR SPONSORS:",
    "Grow your export business with trade finance built for Central Asia. Learn more.",
    "Reproduction is welcome; a hyperlink to the source website is mandatory.",
    "When quoting materials of this site, attribution is required.",
    "Sign in with your reader account to join the discussion.",
    "The Steppe Brief: three stories on Central Asian trade each morning. Free, weekdays.",
    "You might also enjoy — Kyrgyz gold: who really owns the mines?",
    "The views expressed in this column are the author's own.",
    "Some names in this story have been changed to protect the families.",
    "Opinions expressed by Steppe Monitor columnists are their own.",
    "Trucks queue at the Khorgos crossing on the Kazakh-Chinese border. AFP",
    "A tanker is moored at the oil terminal in Primorsk in March. SERGEI ILNITSKY / EPA",
    "Eurasia Freight Notes, every Monday: the routes, the rates, the rules. Subscribe "
    "free.",
    "This site uses cookies to measure traffic and to remember your settings; some are "
    "needed for the site to work, others only with your agreement, which you can withdraw "
    "at any time in the privacy centre at the bottom of every page.",
    "Print version",
    # session 10, third round: blind set 18, line batch 20
    "Full study PDF, 88 pages (3.1 MB)",
    "More on Arctic Shipping",
    "You might also like ▸ How the Caspian ferry trade works",
    "You've read 2 of 3 free articles this month.",
    "This explainer was drafted with the help of an AI tool and checked by our editors.",
    "Copyright 2025 Steppe Media Group. All rights reserved.",
    "Reproduction of our reports is permitted only with a link to the original.",
    "Journal reference: A. Petrova et al., Methane release from thawing lakes, Nature "
    "Geoscience (2024).",
    "Marat Ospanov / STEPPEPIX",
    # session 10, third round: blind set 17
    "Related topics: Caspian shipping",
    "facebook · twitter · telegram · copy link",
    "Trucks wait at the Dostyk border station in Kazakhstan's east (Courtesy of Eastgate "
    "Logistics)",
    "This interview was originally conducted in Russian and has been translated and edited "
    "for length.",
    "This story was first published in Kazakh and translated by our desk.",
    # session 10, fourth round: line batch 22
    "Legitimate interest › Personalised ads › Audience research — Object all",
    "Your cookie preferences have been saved.",
    "Automatically generated captions may contain errors.",
    "Kazakh grain exports hit a record in October · 5 hours ago",
    "Keep Caspian news free: chip in from $2 a month.",
    "I'm Dana. I cover shipping, ports and the occasional ferry drama. Thanks for reading.",
    "About the hosts: two former diplomats who talk trade every Friday.",
    "Episode 57 · runtime 48 min",
    "Link copied",
    "Only paid members can comment on this post.",
    "Restack",
    # session 10, fourth round: blind sets 20 and 21
    "Publicidade",
    "Reklama / Advertisement",
    "Sheep graze below the dam near Nurek in Tajikistan. Arman Sultanov for the Steppe "
    "Review",
    "The Daily Caspian: get the region's top stories in your inbox every morning.",
    "We were banned in two countries and we are still here. Support our journalism.",
    "Receive the Silk Road Letter by email every Tuesday.",
    "Related data: Caspian shipping tracker, updated weekly",
    "For more coverage of Tajikistan, please visit our country page.",
    "In this issue: Rail tariffs · Gold prices · A new dam",
    "Issue 2024/11 — The Aral Sea, thirty years on",
    "Region: Central Asia",
    "Steppe Watch is a registered non-profit organisation; donations are tax-deductible.",
    "Dr Aigerim Nurpeisova is a Senior Research Fellow at the Almaty Policy Lab.",
    # session 10, fifth round: blind set 24, line batch 24
    "Share this story on Facebook, Twitter or by email",
    "Like our Sportsdesk page on Facebook for scores and transfer news.",
    "Grain silos stand at the port of Novorossiysk. Stringer | Anadolu",
    "Cargo ships wait in the Bosphorus at dawn. AFP via Getty Images",
    "Supplied",
    "Licensing & Reprints",
    "Market data is delayed at least 15 minutes.",
    "Press contacts",
    "Press release",
    "IP/24/5531",
    "The Caspian Letter: one email, every Monday, on oil, ports and politics.",
    "Our contributor is a former diplomat who served in Tashkent and Baku.",
    "Radio Steppe would like to store information on your device.",
    "- Story continues after this advertisement -",
    # session 11: blind sets 26-29 and batch 26 (own wording)
    "kestrel_77 — This misses the point about freight rates entirely.",
    "Olga Brenner · 02.04.2025 18:40 — Good summary, but the tariff figure looks wrong.",
    "Tomasz | Gdansk | 3 hours ago — Nobody in the port believes these numbers.",
    "Rustam K. Nov 12 — Thanks, this explains the customs delays well.",
    "The Herald screens all reader comments before they appear and may delete abusive ones.",
    "Comments are published only after approval by a moderator.",
    "About the author: Lena Vogt spent twelve years as a diplomat in Beijing and Almaty "
    "before turning to journalism; she now teaches media law in Leipzig.",
    "Correction: An earlier version of this story gave the wrong tonnage for the March cargo "
    "and misnamed the terminal operator that handled it at the port of Vanino in the "
    "Russian Far East.",
    "Update, 3 April 2025: Adds the ministry's response in the fourth paragraph.",
    "You are reading a premium article. Subscribe for full access to our archive.",
    "This is a subscriber-only article shared with you by a member.",
    "The Ledger is editorially independent of its funders.",
    "First published in The Amur Herald",
    "Sources: Interfax, company filings",
    "Also in this issue: grain tenders; a new bridge on the Amur",
    "Previously on Steppe Notes: How the rouble lost its corridor",
    "Each morning at 6, our Dawn Brief brings you the markets and the day's tenders.",
    "Join our Telegram channel for price alerts",
    "Ready for more?",
    "Short link: example.net/a/84213",
    "Was this article helpful? Yes | No",
    "Siberian business news since 1998",
    "Ships at anchor off the port of Nakhodka. File photo",
    "SPONSORED · Five ways to cut freight costs on the Middle Corridor",
    "How ports cut idle times with digital berthing — presented by Harbourgrid Systems",
    "Irina Volkova, Vladivostok",
    "Dmitri van der Berg is an energy reporter at the Baltic Courier who has covered "
    "pipelines, LNG terminals and the gas trade between Russia, China and Europe since "
    "2011; before that he spent six years at a commodity pricing agency in London, "
    "covering oil products and freight.",
    "Northwind Post uses AI tools to help summarise some reports; an editor checks each one.",
    "All content is reviewed by our editors before publication.",
    "IKLAN",
    "Baca juga: Pelabuhan baru di Kalimantan mulai beroperasi",
    "Pročitajte još: Cene struje rastu od januara",
    "Najčitanije",
    "Komentari (7)",
    "Tagovi: energija, Kina, Rusija",
    "Liked this briefing? Forward it to a friend who works in shipping.",
    "Comments reflect the views of their authors and not of the Steppe Herald.",
    "To play this video, enable third-party cookies in your settings.",
    "Only essential cookies are active on this page.",
    "This is a developing story. Please check back for updates.",
    "编者按：本文为作者个人观点。",
    "阅读时间：4分钟",
    "More from the Arctic desk » Ice roads close early » A new port for Tiksi » Fuel by air",
    "Anton Beliy is a former trade envoy who served in Harbin and Urumqi. He tweets @antbeliy.",
    "Rights reserved by the Steppe Herald Media Group. This report and any other content on "
    "this site may not be copied, republished, broadcast, rewritten or passed on without "
    "written permission of the publisher, except for brief quotations with attribution.",
    "Fishing boats moored in Murmansk harbour in April. — Photo credit: Arctic Lens / pool",
    "NEWSLETTER | Amur Notes: river freight, border trade and prices, every Monday.",
    "Everything you need to know about the Caspian in one email, every Friday.",
    "Paid subscribers get each issue a day early.",
    "Комментарии проходят модерацию. Ссылки и оскорбления удаляются.",
    "Пётр Лисицын — обозреватель отдела экономики. Работал в Харбине и Владивостоке.",
    "Примечание редакции: текст дополнен ответом министерства.",
    "Trucks queue at the Zabaikalsk crossing. The border post handles most road freight. | "
    "File photo",
    "A cargo train leaves the Erenhot terminal in north China's Inner Mongolia. /ABC",
    "Source(s): Interfax, the customs service",
    "Figure 2: Rail freight through Dostyk by month, 2024 (thousand tonnes). Source: KTZ",
    "Lena O. · Mar 3 · Useful, but the rail tariffs changed again last week.",
    "RTS 1,012.4 ▲0.6% EUR/RUB 96.10 ▼0.2% Urals $61.20 ▲0.9%",
    "Officials inspect the new terminal at Erenhot. (XTA/Wang Lei)",
    "A tanker at anchor off Ust-Luga (symbol image)",
    "Related coverage: Kazakh grain exports hit a record",
    "[Related] Border trade with Mongolia doubles (2025-04-02)",
    "Disclaimer: This note draws on public filings and our own tracking data as of the date "
    "shown. It is for general information only and is no recommendation to buy, sell or hold "
    "any security or commodity, and no warranty is given as to its accuracy or completeness.",
    "Corridor Watch: track border queues on 30 crossings in real time. Start a free trial →",
    "This text is an abridged version of a report first aired in Kazakh.",
    "Translated from the Russian edition by Olga Kim.",
    "Premium members get the full tanker list and our monthly port data.",
    "Pošaljite komentar",
    "Prijavite se na naš bilten i dobijte vijesti svakog jutra.",
    "This story is part of Courier Plus. Subscribers have unlimited access to the archive.",
    "This newsletter is free for all readers this week.",
    "Ministers at the signing ceremony in Astana - Dana Ospanova/Steppe Pictures",
    "Methodology note: counts are based on AIS positions and may miss dark transits.",
    "Anna Lee (editor) · Jun 4 — Thanks, we have corrected the figure.",
    "Past issues",
    "Comments: Our rules — be civil, stay on topic and do not post personal details.",
    # session 11: other European languages (Spanish, Portuguese, French, German, Italian,
    # Dutch, Norwegian, Swedish, Danish) and English generic forms of the same furniture
    # Spanish
    "Tiempo de lectura: 4 minutos",
    "Síguenos en Telegram y en Instagram",
    "Suscríbete a nuestro boletín y recibe cada mañana lo más importante",
    "Lee también: La frontera de Kazajistán abre un segundo paso ferroviario",
    "Lo más leído",
    "Los comentarios están cerrados.",
    "Nota de la redacción: este texto se actualizó con la respuesta del ministerio.",
    "Contenido exclusivo para suscriptores",
    "Un tren de mercancías cruza la estepa cerca de Almaty. Foto: Archivo EFE",
    "Utilizamos cookies propias y de terceros para analizar el tráfico de la web.",
    "Etiquetas: Kazajistán, China, ferrocarril",
    "Publicidad",
    "Iniciar sesión | Suscríbete",
    "Descarga nuestra app en App Store y Google Play",
    # Portuguese
    "5 min de leitura",
    "Compartilhe esta notícia no WhatsApp",
    "Receba as principais notícias do dia no seu e-mail",
    "Leia também: Cazaquistão e China abrem nova travessia ferroviária",
    "Os comentários são de inteira responsabilidade de seus autores e não refletem a opinião "
    "do site.",
    "Atualizado em 12/03/2024 às 10h15",
    "Foto: Divulgação",
    "Continua após a publicidade",
    # French
    "Temps de lecture : 3 min",
    "Partagez cet article sur LinkedIn",
    "Abonnez-vous à notre newsletter quotidienne",
    "À lire aussi : Le corridor ferroviaire entre la Chine et l'Europe s'essouffle",
    "Votre commentaire est en attente de modération.",
    "Article réservé aux abonnés",
    "Nous utilisons des cookies pour mesurer l'audience et personnaliser les publicités.",
    "Mots-clés : Russie, Chine, énergie",
    "Retour en haut de page",
    "Cet article ne constitue pas un conseil en investissement.",
    # German
    "Lesezeit: 5 Min.",
    "Folgen Sie uns auf Instagram und Threads",
    "Melden Sie sich für unseren kostenlosen Newsletter an",
    "Mehr zum Thema: Wie Peking den Rubel stützt",
    "Anmerkung der Redaktion: In einer früheren Fassung stand ein falsches Datum.",
    "Dieser Artikel wurde maschinell aus dem Englischen übersetzt.",
    "Anzeige",
    "Alle akzeptieren",
    "Verantwortlich im Sinne des Presserechts: Jana Beispiel",
    "Zum Seitenanfang",
    # Italian
    "Tempo di lettura: 4 minuti",
    "Iscriviti alla nostra newsletter settimanale",
    "Leggi anche: Il gas russo arriva in Cina attraverso la Siberia",
    "I più letti",
    "Lascia un commento",
    "Errata corrige: nella versione precedente il nome del porto era sbagliato.",
    "Una petroliera nel porto di Trieste. Foto d'archivio",
    "Continua a leggere dopo la pubblicità",
    # Dutch
    "Leestijd 3 minuten",
    "Deel dit artikel via WhatsApp",
    "Schrijf je in voor onze dagelijkse nieuwsbrief",
    "Meest gelezen",
    "Reacties zijn gesloten",
    "Dit artikel is automatisch vertaald met behulp van AI.",
    "Trefwoorden: Rusland, China, handel",
    "Advertentie",
    # Norwegian
    "Lesetid: 4 minutter",
    "Følg oss på Facebook og Snapchat",
    "Les også: Kina kjøper mer russisk olje enn noen gang",
    "Kommentarfeltet er stengt.",
    "Ansvarlig redaktør: Kari Nordmann",
    "Et lasteskip ved kai i Kirkenes i mars. Arkivfoto",
    # Swedish
    "Lästid 5 min",
    "Prenumerera på vårt nyhetsbrev",
    "Läs också: Kina och Ryssland planerar en ny gasledning",
    "Vi använder cookies för att förbättra din upplevelse på webbplatsen.",
    "Ansvarig utgivare: Anna Andersson",
    "Till toppen",
    # Danish
    "Læsetid: 3 minutter",
    "Tilmeld dig vores nyhedsbrev",
    "Mest læste",
    "Annonce",
    "Rettelse: En tidligere version af artiklen angav et forkert tal.",
    "Accepter alle",
    # English generic forms
    "Download the Steppe Notes app on the App Store or Google Play",
    "MOEX 3,118.4 ▲0.6% | RTS 1,104.2 ▼0.3% | USD/RUB 91.35 +0.2%",
    "The Steppe Courier is not responsible for the content of external websites.",
    "This is a subscriber-only article.",
    "Also on Steppe Notes: How the yuan conquered the Russian bond market",
    "Previously in The Caspian Letter: Azerbaijan bets on gas",
    "See also on this blog: Rail freight through Khorgos",
    "Cotizaciones indicativas con retraso de 20 minutos. No constituyen recomendación de "
    "inversión.",
    "Os dados não constituem recomendação de investimento.",
    "⌛ 6 мин",
    "本站使用Cookie来分析流量，继续浏览即视为您同意。",
    "No comments yet — be the first to comment.",
    "Комментарии доступны только подписчикам.",
    "You have read 4 of 10 free articles this month.",
    "订阅我们的每日简报，获取最新能源新闻。",
    "发表评论",
    "Comments are the sole responsibility of their authors.",
    "[Premium subscribers] Download the full data set (CSV)",
    "Steppe Ledger Pro members can access the full vessel list in our database.",
    "Aqra wkoll: Il-port jirreġistra rekord ta' tunnellaġġ",
    "Newsletter Amur Daily: the region's news in your inbox every morning at 7.",
    "Weekly Digest — Every Monday, our desk sends the week's top stories from the Caspian.",
    "Najčitanije: 1. Poplave u Slavoniji · 2. Nove cijene struje",
    "📌 Also read: Kazakhstan reopens the Khorgos crossing",
    "Ova stranica koristi kolačiće za analizu prometa.",
    "Podijelite članak s prijateljima",
    "Reklama se nastavlja ispod",
    "Votre adresse e-mail ne sera pas publiée.",
    "Olga Smirnova | 02.03.2025, 08:10 | updated 02.03.2025, 11:45",
    "(This story has been refiled to add the ministry's comment in paragraph 6)",
    "関連記事: 中国の半導体投資、過去最高に",
    "タグ: 半導体 / ロシア",
    "メールマガジン登録は無料です。",
    "利用規約 ｜ プライバシーポリシー ｜ お問い合わせ",
    "Sprostowanie: W poprzedniej wersji tekstu błędnie podano nazwisko ministra.",
    "Автор — Ольга Смирнова, обозреватель отдела экономики.",
    "More from Central Asia » Astana's new rail link | Tashkent's gas deal | Bishkek's debt",
    "Artikel Terkait: Pelabuhan Baru Dibuka di Sulawesi",
    "Officials inspect the new terminal in Harbin. (Xinhua/Zhang Wei, File)",
    "Folosim cookie-uri pentru analiza traficului. Accept",
    "Kami menggunakan cookie untuk pengalaman terbaik.",
    "Czas czytania: ok. 5 min.",
    "Đọc trong 4 phút",
    "Đăng ký nhận bản tin hằng tuần",
    "Ảnh: TTXVN",
    "Dodaj komentarz",
    "Komentari su moderirani.",
    "Комментарии проходят премодерацию.",
    "(By Anna Lee and Pavel Orlov)",
    "Enditem/KX",
    "Wheat loaded at a Black Sea port. (AFP file photo)",
    "Subscriber edition. Redistribution outside your organisation is not permitted.",
    "Not yet a paid subscriber? Upgrade to Steppe Pro for daily alerts.",
    "Ljósmynd: Jón Sigurðsson",
    "Basahin din: Bagong pantalan sa Davao",
    "Auglýsing",
    "Publié le 2 mai 2025 à 10:15",
    "by Aidar Nurlanov, Almaty",
    "Leé también: Exportaciones récord de soja",
    "Skaitymo laikas: 5 min.",
    "Komentarai (4)",
    "Sie lesen einen Premium-Artikel.",
    "Only registered users may comment.",
    "Grain silos at the port of Aktau. Dina Sarsenova/Reuters via Getty Images",
    "From the archive: How Aktau became a grain hub",
    "Not a subscriber yet? Start a free trial today.",
    "Διαβάστε επίσης: Νέα λιμενική σύμβαση",
    "ΔΙΑΦΗΜΙΣΗ",
    "Ετικέτες: Ναυτιλία, Ρωσία",
    "Ana B. — 22 mai 2025 à 12h03 : Très bon article.",
    "3 commentaires",
    "LIRE AUSSI / READ ALSO : Le port de San Pedro s'agrandit",
    "📲 Join the Steppe Bytes Telegram channel for alerts",
    "Follow Amur Herald on Telegram for the day's news.",
    "Know a colleague who should be reading this? Forward it.",
    "Courier Digital: unlock unlimited articles from $5 a month.",
    "The Brief does not provide legal advice.",
    "Chart: Rail freight through Dostyk, 2024. Source: KTZ",
    "Have an idea for an essay? Send us a short pitch.",
    # session 12
    "延伸閱讀：中亞天然氣管道輸量回升",
    "相关阅读：边境口岸通关时间缩短一半",
    "风险提示：本文仅供参考，不构成投资建议。",
    "請先登入後再發表留言",
    "Comments (5) — Sign in to join the discussion. Please keep it civil.",
    "Diskutieren Sie mit (48 Beiträge)",
    "Die Kommentarfunktion ist für diesen Beitrag deaktiviert.",
    "Vous devez être connecté pour commenter cet article.",
    "The Harbour Gazette is regulated by IMPRESS. To complain, write to the editor.",
    "Our newsroom adheres to the Editors' Code of Practice.",
    "Mass media registration certificate No. 0412 issued by the press ministry in 2019.",
    "Press licence No. 77/GP-2021 issued by the information authority.",
    "With reporting from Dana Kovacs in Tbilisi",
    "Dockworkers unload soybeans in Dalian on Tuesday. (Xinhua Photo)",
    "A tanker waits off the coast near the terminal (Photo: Port Authority)",
    "Snow covers the rail yard at Zabaikalsk. Courtesy of the regional railway",
    "Hosted by Maya Lund · Edited by Tom Reyes",
    "Chapters: 0:00 Welcome · 4:10 The deal · 19:45 What comes next",
    "Got a story tip? Message the desk on Signal.",
    "Did a colleague forward you this? Sign up free for the next issue.",
    "Was this newsletter forwarded to you? Subscribe here.",
    "Notes for editors: interviews in Russian and English can be arranged.",
    "This story contains reporting from regional news agencies.",
    "This article is based on an interview that first aired on our morning programme.",
    "This piece was originally published in our print edition with the headline "
    "\"Steel on the steppe\".",
    "This week's newsletter is brought to you by Polar Freight Insurance.",
    "Mehr zum Thema Energie",
    "Lesen Sie auf Deutsch: Neue Bahnstrecke nach Kasachstan",
    "Marta Quell is a senior analyst at the Baltic Energy Forum. She previously advised the "
    "port of Klaipeda on LNG imports.",
    "Guest: Ilya Brandt is an independent rail economist in Riga. He spent eight years at a "
    "freight operator.",
    "Users are kindly asked to keep comments on topic and in English.",
    "Comments which are abusive or unrelated to the story will be deleted by moderators.",
    "Join our Steppe Notes newsletter for a weekly digest of Central Asian trade.",
    "Weekly briefings from our desk. You can unsubscribe at any time.",
    "This report is offered as a preview of our members-only analysis.",
    "Grain silos outside Rostov — Photo: Press service of the regional government",
    "This is a guest column; it reflects one reader's experience of the border crossing.",
    "The opinions expressed here are solely those of the writer.",
    "Deja tu comentario y respeta las normas de la comunidad.",
    "Os comentários são moderados antes de aparecer no site.",
    "Lucía Ferreyra es corresponsal de la agencia en Moscú desde 2019.",
    "Paulo Antunes é jornalista da editoria de Mundo desde 2015.",
    "Ирина Соколова — корреспондент отдела экономики, пишет о торговле с Китаем.",
    "The views expressed in Harbour Notes are those of the contributors alone.",
    "Registration certificate of an online periodical No. 2231-B issued in 2020.",
    "The Valley Courier is a member of IPSO and follows its code.",
    "Esta noticia es exclusiva para suscriptores del diario.",
    "Estás leyendo una de tus 3 notas gratuitas de esta semana.",
    "Artiklen er forbeholdt abonnenter.",
    "Suscríbete a nuestro boletín semanal de comercio exterior.",
    "Quiero suscribirme",
    "Receba diariamente as principais notícias da economia.",
    "Tilmeld dig vores nyhedsbrev om Asien",
    "订阅《港口周报》，每周一早上发送到您的邮箱",
    "Join 12,000 freight professionals who read the Monday note.",
    "Para comentar debes iniciar sesión con tu cuenta.",
    "Welcome to the Riverside Post comment section. Be kind.",
    "Email (required):",
    "Debat (3 kommentarer)",
    "Bình luận (4)",
    "Ivan_K says: May 2, 2025 at 8:41 am Great summary of the talks. Reply",
    "Report a typo",
    "Permalink: https://example.org/a/123",
    "We acknowledge the Wurundjeri people as the Traditional Owners of this land.",
    "[Related Story] Port of Vanino expands coal berth",
    "ICYMI: Our explainer on the Power of Siberia talks",
    "Tin liên quan",
    "港口工人正在装卸集装箱。（资料图）",
    "A freight train leaves Dostyk. Infographic: Eurasia Rail Data",
    "A tanker at anchor off Nakhodka. (Getty Images)",
    "（本文综合塔斯社、新华社报道）",
    "Appeared in the March 3 print edition as 'Gas diplomacy'.",
    "Esta nota fue actualizada a las 18:00 con nuevas cifras.",
    "This summary is read by a synthetic voice.",
    "Con información de agencias",
    "Com informações da Reuters",
    "Lan Anh (Theo Reuters)",
    "Ngoc Ha (Compiled from TASS, Xinhua)",
    "abc-xyz/pq",
    "Af Lars Vinter Holm, Udland",
    "14. maj 2025 kl. 08.10 – opdateret kl. 11.02",
    "Written by Ines Caldera, Markets Editor",
    "¿Te gustó esta noticia? Compártela.",
    "Book your stand now for the Rail Asia expo",
    "Quảng cáo",
    "标签：中俄贸易 能源 口岸",
    "Từ khóa: Nga, Trung Quốc",
    "ANNA PETROVA — Petrova covers energy markets from Moscow.",
]
LOOK_ALIKES = [
    # session 7
    "The meeting lasted 40 minutes, and the two leaders read prepared statements.",
    "By Tuesday, Moscow and Beijing had agreed on the terms.",
    "Europe, Asia, Africa and the Americas all buy Russian fertiliser.",
    "An update to the pipeline deal, signed at 10:30 on Monday: prices will follow oil.",
    "Related talks in Astana: officials met twice; no deal was reached.",
    "The photo by Lin Wei went viral after it was shared by state media.",
    "The partner post office in Harbin handles most parcels to Russia.",
    # session 8, from batch 10's misses
    "Trading will close at midnight on Friday, the exchange said.",
    "The comments closed a week of speculation about the deal.",
    "Officials said the views expressed by Beijing were not shared in Moscow.",
    "This is a developing relationship, and both sides expect it to be revised.",
    "The story of the pipeline is one of delays: it was revised three times.",
    "Watch now, the envoy said, how quickly the yuan gains ground.",
    "It takes about twenty minutes to read the whole treaty aloud.",
    "Customs officers forward it to the ministry, which passes it on to Beijing.",
    "Sponsored content from state firms now fills the channel's evening slots.",
    "Analysts asked how the agency is funded after its budget was cut.",
    "The correspondent, based in Harbin, filed her last report on Monday.",
    "Trade rose by a fifth (in rouble terms / at current prices).",
    "By signing the accord, both sides agreed to settle payments in local currencies.",
    # session 8, from batch 11's misses
    "Comments on this story by the foreign ministry were moderated in tone, diplomats said.",
    "The regulator said abusive posts about the border incident were removed within hours.",
    "The novel, translated from the Russian by a Harbin academic, sold out in a week.",
    "The correction in oil prices hit rouble revenues, the finance ministry said.",
    "Brokers could earn commissions of up to 2 % on yuan bond sales, Moscow traders said.",
    "In association with Chinese partners, Rosatom plans two more reactors, it said.",
    "We and our partners in Beijing will keep trading, the company's chief executive said.",
    "The firm, registered in Cyprus in 2015, owns two tankers, filings show.",
    # session 8, from batch 12's misses
    "Moscow pledged to give $2 billion to the fund, the finance minister said.",
    "The union said it wanted to keep local journalism alive despite the cuts.",
    "Only subscribers of the state operator reached the limit of five free calls a day.",
    "More than 300 traders will join 40 officials at the Harbin fair next week.",
    "A stock photo agency in Shanghai said demand for Arctic images had tripled.",
    "Previously, the two sides met in Astana in 2019.",
    "The talks continued after a short break, officials said.",
    "Sanctions funders have no say over the bank, the central bank governor said.",
    "The regulator said apps that store files on a user's device must disclose it.",
    # session 9, from batch 13's misses
    "Keep reading the fine print, the negotiator told colleagues before the vote.",
    "Moderators on the state platform removed thousands of posts about the blast within hours, "
    "researchers found.",
    "Chinese portals now review comments before they appear, under rules the regulator issued "
    "in June.",
    "The host, a former diplomat, asked the minister about the pipeline twice.",
    "Last month the ministry edited its export figures for 2022.",
    "Part 1 of the agreement covers gas; part 2 covers oil and coal.",
    "The talks continued after a break for lunch, an aide said.",
    "The paid partnership between the two state broadcasters began in 2019.",
    "The feature film, made by a Russian studio with Chinese money, opened in Harbin.",
    "Ana Silva, an editor at a Lisbon daily, was expelled from Moscow in 2022.",
    "Most viewed among Chinese buyers were Russian chocolate and ice cream, retailers said.",
    "The live coverage of the parade on state television ended abruptly.",
    "Meta's consent-or-pay model lets users go ad-free for a monthly fee in Europe.",
    "Word spread quickly among traders in Vladivostok.",
    "Republishing state media content without consent is now banned in the region.",
    "The graphic by the ministry showed exports doubling since 2019.",
    "Figures published by the customs office show grain exports up 30 percent.",
    "The institute is funded by a grant from the Chinese government, according to its filings.",
    "The broadcaster insists it retains full editorial independence from the Kremlin.",
    "A donation of $2 million from a Chinese firm paid for the new wing of the hospital.",
    "About 40 min. of reading each day is the average in Russia, a survey found.",
    "Around 15 minutes reading aloud the statement, the envoy said, was enough.",
    # session 9, from the first set of blind whole articles
    "The photographer was detained at the border for six hours, colleagues said.",
    "Moscow, Beijing, Astana, Tashkent and Bishkek all sent delegations to the forum.",
    "Li Ming, a senior energy correspondent, was expelled from Moscow in 2022, his newspaper said.",
    "An earlier version of the treaty, signed in 2001, had no clause on energy.",
    "The image, taken by a Chinese satellite, showed new hangars at the base.",
    "Reporters were barred from the hall while the ministers met.",
    "Recent exports of Russian coal to China hit a record in March.",
    "Share prices of Chinese carmakers rose after the announcement.",
    "Correction of the rouble continued for a third day, traders said.",
    "The weather alert issued by Russian forecasters was lifted on Friday.",
    # session 9, from the second set of blind whole articles
    "Breaking the deadlock will take months, a diplomat said.",
    "Issue 5 of the treaty deals with fishing rights.",
    "The views are not necessarily those of the government, the spokesman said.",
    "Sponsored trips to Xinjiang for foreign journalists have increased, the report found.",
    "Upgrade work on the Trans-Siberian line will finish in 2026.",
    "Related stories in the Chinese press focused on the price of gas.",
    "Latest figures show grain exports up 12 percent.",
    # session 9, from the third set of blind whole articles
    "Markets in Almaty reopened on Monday after the holiday.",
    "The licensed content of Russian broadcasters is now blocked in the region, the "
    "regulator said.",
    "Tags on the containers showed they had been loaded in Ningbo.",
    "Temperatures in Yakutsk fell to -50°C last week.",
    "Views differ on how long the talks will take.",
    "The group acknowledges the traditional owners of the land in its annual report, "
    "officials said.",
    # session 9, from the sixth set of blind whole articles
    "Thank you.",
    "Where do the talks go from here, now that Beijing has said no?",
    "The photo, courtesy of a local activist, showed the damaged pier.",
    "The study runs to 240 pages and cost 1.8 million roubles, its authors said.",
    # session 10
    "The ministry said information from the customs service was included in the final "
    "report on the smuggling case.",
    "Reporters may contact the embassy's press office for accreditation, the statement said.",
    "The archive's photographs may be freely reproduced by schools, the museum's director said.",
    "Analysts warned that the risk of a sharp fall in the rouble remained high into the spring.",
    "The trade surplus widened to a record as exports of cars to Russia rose, customs data showed.",
    "Registration for the conscription lottery opens next week, officials in Astana said.",
    "The update to the pipeline tariff was approved by the regulator on Tuesday.",
    "Sources familiar with the talks said no deal was expected before the summit.",
    "The story has been updated many times since the first report in 2019, officials said.",
    "The ministry urged exporters to register now for the new quota system, which starts in April.",
    "Petrov is a senior official at the ministry and was part of the delegation to Beijing.",
    "The disclosure of the contract's terms angered lawmakers, who demanded a hearing "
    "before the vote.",
    "Analysts cite the paper's finding that freight costs fell by a third after the line opened.",
    "Ads by state broadcasters praised the project, which critics called a vanity spending spree.",
    "The study, a PDF of 112 pages released on Tuesday, found that 4.8 million tonnes of "
    "grain had been lost.",
    # session 10, second round
    "The pipeline's operator said the views of local herders were personal and sometimes "
    "hostile, but it would consult them.",
    "Analysts want to learn more about the terms before the deal is signed, the bank said "
    "in a note.",
    "A hyperlink to the leaked file was shared on Telegram before the ministry asked for "
    "it to be removed.",
    "The tender is free for every bidder, the agency said, but deposits will be required "
    "from April.",
    "When using materials from the archive, researchers must apply to the ministry, "
    "officials said.",
    "The names of the companies have been changed in the registry three times since 2022, "
    "the report found.",
    "Opinions expressed by the ministers at the summit differed sharply on the pipeline's "
    "route.",
    "The talks ended without agreement. Delegates will meet again in Astana in June under "
    "UN auspices.",
    "The final version of the agreement was signed in Tashkent on Friday.",
    # session 10, third round
    "Copyright lawyers for the broadcaster argue that the clips were used without "
    "permission.",
    "Copyright holders in Kazakhstan have asked the court to block the streaming site.",
    "More on that later, the minister told reporters before leaving the hall.",
    "The essay was written using an AI tool, the university's ethics board said.",
    "Use of the port is permitted only with a licence from the maritime authority, "
    "officials said.",
    "More information is expected when the ministry publishes its budget in June.",
    "Related topics such as grain quotas and rail tariffs were not on the agenda, the "
    "ministry said.",
    "The report was first published in Russian and later translated into Chinese by the "
    "state agency, officials said.",
    "The regulator said the company had a legitimate interest in keeping the data, but not "
    "for ever.",
    "Only registered members can vote in the party's primary, officials said.",
    "The runtime of the new reactor's first cycle will be about 18 months, engineers said.",
    "Officials said residents would get flood warnings in their inbox from next month "
    "under the new scheme.",
    "For more than a decade, the ministry has refused to visit the site, activists said.",
    "Anna Petrova is a senior fellow at the institute and a former adviser to the prime "
    "minister, the ministry said.",
    "The ministry asked people to share photos of the flood on Facebook and Twitter, "
    "officials said, so rescuers could find them.",
    "The app would like to store data on your device only with consent, the regulator said "
    "in its ruling.",
    # session 11
    "Moscow — 3 hours ago the ministry announced new export quotas for grain.",
    "Sergei Ivanov, a former diplomat, said the talks would resume in May.",
    "The platform reviews all comments flagged by users, the company said.",
    "A correction issued by the ministry on Monday lowered the export figure.",
    "The newspaper, which is editorially independent, said it would appeal the fine.",
    "Published by the ministry in March, the report found that exports to China fell "
    "by a third.",
    "Elsewhere in Siberia: floods closed two roads and a rail bridge.",
    "Also in Moscow: the central bank held its key rate at 21 per cent.",
    "Earlier in the week: grain prices fell in Rostov",
    "Every winter, the ice road brings you to villages no truck can reach in summer, "
    "a driver told the paper.",
    "Residents were told to join the Telegram channel run by the city administration.",
    "A handout photo released by the ministry showed the damaged bridge.",
    "The region's only daily newspaper since 1995 has stopped printing on Mondays.",
    "Gazprom Neft, Rosneft and Lukoil all reported lower refining margins.",
    "Regulators said newsrooms that use AI tools to draft stories must say so on the page.",
    "Iklan kampanye dilarang selama masa tenang, kata komisi pemilihan.",
    "The ministry said comments reflect the views of a minority of traders.",
    "Browsers will block third-party cookies by default next year, the company said.",
    "This is a developing market for Russian grain, and traders expect more buyers.",
    "Liked by investors, the bond sold out in an hour.",
    "More from China: imports of Russian coal rose 12 per cent in May.",
    "Under the new law, state media reports may not be republished without permission, the "
    "regulator said.",
    "Members of the committee get the report first, a week before it is published, officials said.",
    "Комментарии министерства не поступили, сообщает агентство.",
    "Newsletters in Russia must now register with the regulator, the law says.",
    "Table salt and sugar prices rose 4 per cent in May, the statistics office said.",
    "Vladimir Putin, Xi Jinping and Kassym-Jomart Tokayev met in Astana on Thursday.",
    "Exports rose in May (EU/UK figures differ).",
    "Related talks in Beijing: no agreement was reached on prices.",
    "Translated into plain numbers, the deal is worth about $2bn a year.",
    "Subscribers get access to the exchange's data only after a delay, the regulator said.",
    "Prices rose ▲ in May, fell ▼ in June and rose ▲ again in July.",
    "This article is part of an investigation the paper published with two partners, the "
    "editor said.",
    "Members have unlimited access to the reactor site under the deal, the agency said.",
    "The method is simple: ships switch off their transponders near the strait.",
    "Past issues of the bulletin show the same pattern, analysts said.",
    # session 11: other European languages (in English, then in those languages)
    "Also on the agenda: a second pipeline across Mongolia and a new grain corridor.",
    "Elsewhere on the border, Chinese trucks waited for days at Zabaikalsk.",
    "Previously in Moscow, the two ministers had agreed to settle trade in roubles and yuan.",
    "The regulator said the app had been removed from the App Store and Google Play in Russia.",
    "The court found the platform was not responsible for the content of external websites "
    "that users linked to, the ruling said.",
    "Trade between the two countries grew 26% in 2023, with exports up 12% and imports down 4%.",
    "| Rouble | 91.35 | +0.2% | -1.4% |",
    "Premium content from state broadcasters is now sold to Chinese streaming platforms.",
    "The ministry said it uses cookies only to count visitors to its customs portal.",
    "Share prices of Russian coal miners fell after China raised import tariffs.",
    "Follow the money, the investigator told the court, and you will find the shell companies.",
    "Readers of the state newspaper can now download its app from domestic stores only.",
    "Updated figures from the customs office show grain exports up 12% in March.",
    "Comments by the Chinese envoy were closed to the press, officials said.",
    # in the other European languages
    "El Gobierno utiliza cookies en su portal de trámites, según un informe de la agencia de "
    "protección de datos.",
    "Los comentarios del ministro sobre el gas ruso fueron criticados por la oposición.",
    "La lectura del informe duró 40 minutos en el Congreso.",
    "Compartir la carga del gasoducto con China fue la propuesta rusa en la cumbre.",
    "O ministro disse que a publicidade estatal na China cresceu 20% em 2023.",
    "Os comentários do presidente sobre a Rússia geraram críticas em Brasília.",
    "Le ministère a publié une photo d'archives du sommet de 2019 entre Pékin et Moscou.",
    "Les commentaires du président chinois ont été mal reçus à Moscou.",
    "Die Lesezeit für die neuen Sanktionsregeln beträgt mehrere Stunden, klagen Exporteure.",
    "Anzeige gegen den Betreiber des Hafens wurde am Montag in Hamburg erstattet.",
    "Teilen der Industrie fehlt seit dem Winter das Gas aus Russland.",
    "I commenti del ministro russo sono stati ripresi dai media cinesi.",
    "La pubblicità dei prodotti cinesi è aumentata in Russia dopo le sanzioni.",
    "Het laatste nieuws over de gasprijzen zorgde voor onrust op de beurs in Amsterdam.",
    "De reacties in Moskou op het besluit van Peking waren gematigd.",
    "Få nordmenn får nyheter på e-post lenger, viser en ny undersøkelse.",
    "Vi använder mer kinesisk teknik än någonsin, säger ministern.",
    "Del af aftalen blev underskrevet i Beijing i sidste uge.",
    "Temas de la cumbre: gas, grano y pagos en yuanes.",
    "El regulador dijo que los informes no constituyen recomendación de inversión, según la ley.",
    "Analysts said buyers had read 3 of the 5 clauses before the talks collapsed.",
    "The ministry was the first to comment on the decision, officials said.",
    "The minister said the comments were the responsibility of the regional governor.",
    "Members of the new body can access the full archive only after a vetting process, "
    "officials said.",
    "Olga Smirnova met the delegation on March 2 and left for Harbin the next day.",
    "Beijing Sept 3 — China held its largest military parade in a decade.",
    "By Jan 5: the talks had stalled over the price formula.",
    "The agency reviews all comments before issuing a final rule.",
    "Folosim gazul rusesc din ce în ce mai puțin, a spus ministrul.",
    "Usamos petróleo ruso en las refinerías del sur, dijo el ministro.",
    "Artikel ini ditulis oleh tim redaksi bersama mitra di Beijing dan Moskow setelah kunjungan.",
    "By Monday evening the convoy had crossed the border.",
    "Only registered exporters may bid in the tender, the ministry said.",
    "Follow the money, investigators say: the payments went through Hong Kong.",
    "Next year, the line will carry twice as much grain.",
    "The ministry does not provide legal advice to exporters, its spokesman said.",
    # session 12
    "Comments from the ministry (two pages) were sent to the court on Friday.",
    "The licence was issued in 2019, the regulator said, and runs for ten years.",
    "With files from the customs service, investigators traced the shipments to Harbin.",
    "Courtesy calls between the two navies are routine, officers said.",
    "The editors' code was revised last year, the press council said.",
    "Read in full, the decree bans transit of dual-use goods.",
    "Hosted by Kazakhstan, the summit drew leaders from nine countries.",
    "This story is far from over, a diplomat in Beijing said.",
    "Readers are asked to compare the two maps, the ministry said in its note.",
    "Importers can unsubscribe from the scheme at any time, officials said.",
    "科研人员用雷达扫描了冰层下面的地形",
    "This is an opinion piece of legislation, critics in the Duma said.",
    "Los comentarios del ministro fueron eliminados del acta, dijo un diputado.",
    "Ирина Соколова — корреспондент, которая первой сообщила о сделке, сказал источник.",
    "The registration certificate No. 4 for the mine was revoked, regulators said.",
    "Exporters who want to join 300 firms in the scheme must register by May.",
    "Welcome to the new normal, one trader said of the comment period on tariffs.",
    "Report a problem with the ferry to the port authority, officials urged residents.",
    "The union acknowledges the traditional owners' claim, its lawyer said.",
    "Written by hand, the letter reached the ministry on Monday.",
    "Con información de inteligencia, la policía detuvo a dos sospechosos.",
]


@pytest.mark.parametrize("line", FORMS)
def test_furniture_known_by_its_form_goes(line: str) -> None:
    assert line not in cleaned(line)


@pytest.mark.parametrize("line", LOOK_ALIKES)
def test_look_alikes_in_reporting_stay(line: str) -> None:
    assert line in cleaned(line)
