"""Session 44: what the older tuning sets of the blind web pages (tests/fixtures/
blind_pages) showed where rcwire kept less of the story than trafilatura, and what the
twenty-second and twenty-third rounds showed. Text and pages written for this test."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs
from pipeline.extract.article import extract_article
from tests.support.evaluate import fetched_page

TITLE = "Harbin college adds a second Russian-language track"
STORY = [
    "A teachers' college in Harbin will open a second Russian-language track next "
    "autumn, its dean told reporters on Thursday, after applications doubled.",
    "Most of the new students come from Heilongjiang's border counties, where trading "
    "firms have struggled to hire staff who can read customs paperwork.",
    "The college expects about 240 students in the first year and plans to hire six "
    "more teachers from universities in Khabarovsk and Blagoveshchensk.",
]
URL = "http://127.0.0.1/news/college"


def _page(box: str, paragraph: str = "<p class='story-p'>{}</p>") -> str:
    paragraphs = [paragraph.format(text) for text in STORY]
    body = "".join(paragraphs[:2]) + box + paragraphs[2]
    return (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"<div class='story'>{body}</div></body></html>")


SECTION = ("<div class='related-inline'><h3>Two ways in</h3>"
           "<p class='story-p'>Applicants can choose between two routes through the "
           "course, both taught in Russian from the second year:</p>"
           "<ul><li>a four-year degree with a final year in Khabarovsk;</li>"
           "<li>a two-year interpreting diploma for railway and customs work.</li></ul>"
           "</div>")


def test_a_story_section_in_a_box_named_related_stays() -> None:
    text = extract_article(fetched_page(_page(SECTION), URL)).text
    assert "a two-year interpreting diploma for railway and customs work." in text
    assert "Applicants can choose between two routes" in text
    assert text.index(STORY[1]) < text.index("Two ways in") < text.index(STORY[2])


def test_a_related_box_that_links_out_or_wears_its_own_class_still_goes() -> None:
    linked = SECTION.replace("<li>a two-year", "<li><a href='/news/diploma'>a two-year"). \
        replace("customs work.</li>", "customs work.</a></li>")
    own_class = SECTION.replace("<p class='story-p'>", "<p class='teaser-text'>")
    for box in (linked, own_class):
        text = extract_article(fetched_page(_page(box), URL)).text
        assert "Applicants can choose between two routes" not in text, box


CJK_STORY = [
    "哈尔滨一所师范学院周四宣布，明年秋季将开设第二个俄语方向，原因是报名人数比去年翻了一番，"
    "边境县的贸易公司急需能看懂报关单的员工。",
    "学院院长在记者会上表示，新方向第一年计划招收约二百四十名学生，并从哈巴罗夫斯克和布拉戈"
    "维申斯克的大学聘请六名教师。",
    "不少学生说，选择俄语是因为边境口岸的岗位多、收入也比只会英语的毕业生高出两成左右，"
    "家长的态度也随之改变。",
]
PROS_CONS = ("<div class='promo-box procon'><div class='pros'><h3>学生们看重的</h3><ul>"
             "<li>第二年起全部课程用俄语讲授，最后一年可以到哈巴罗夫斯克的合作大学学习；</li>"
             "<li>学院与口岸的报关公司签了实习协议，毕业前就能积累半年的工作经验。</li></ul></div>"
             "<div class='cons'><h3>他们担心的</h3><ul>"
             "<li>在俄罗斯学习一年的生活费用比在国内高出不少，奖学金名额却很有限；</li>"
             "<li>签证审批时间难以预测，有的学生因此错过了开学的第一个月。</li></ul></div></div>")


def test_a_chinese_box_of_sentences_named_like_a_promo_stays() -> None:
    # ``\w+`` reads each Chinese clause as one word: counted by ``count_words``, the box
    # holds prose enough to be a section of the story.
    page = _page(PROS_CONS, "<p>{}</p>").replace(STORY[0], CJK_STORY[0]). \
        replace(STORY[1], CJK_STORY[1]).replace(STORY[2], CJK_STORY[2])
    text = extract_article(fetched_page(page, URL)).text
    assert "签证审批时间难以预测" in text
    linked = PROS_CONS
    for start, end in (("签证", "第一个月。"), ("在俄罗斯", "很有限；")):
        linked = linked.replace(f"<li>{start}", f"<li><a href='/news/more'>{start}"). \
            replace(f"{end}</li>", f"{end}</a></li>")
    page = page.replace(PROS_CONS, linked)
    assert "签证审批时间难以预测" not in extract_article(fetched_page(page, URL)).text


def _labels(extra: list[str]) -> list[str | None]:
    lines = [*STORY, *extra]
    return clean_paragraphs(lines, title=TITLE, link_shares=[0.0] * len(lines)).labels


def test_a_russian_newsletter_pitch_goes_a_story_about_one_stays() -> None:
    pitches = ["Подпишитесь на нашу рассылку, чтобы первыми узнавать о главном.",
               "Чтобы подписаться на рассылку, введите адрес почты.",
               "Подписаться на рассылку",
               "Все главные новости недели — в нашей рассылке.",
               "Самое важное за день — в вечерней рассылке."]
    for pitch in pitches:
        assert _labels([pitch])[-1] == "newsletter_promo", pitch
    # A firm's newsletter in a story about the firm: the story's sentences.
    stories = ["Покупатели смогут следить за заказом в приложении магазина и при желании "
               "подписаться на рассылку со скидками, сообщили в компании.",
               "Сеть намерена продвигать новую марку чая на своих страницах в соцсетях и "
               "в рассылке для постоянных покупателей."]
    for story in stories:
        assert _labels([story, STORY[2]])[-2] is None, story


DE_TITLE = "Sächsische Maschinenbauer verlieren Kunden in Russland"
DE_STORY = [
    "Chemnitz. Sächsische Maschinenbauer verlieren ihre russischen Kunden zunehmend an "
    "Hersteller aus China, berichten Unternehmer aus der Region.",
    "Die Exporte des Freistaats nach Russland sind im vergangenen Jahr um fast ein "
    "Drittel gesunken, wie das Statistische Landesamt mitteilte.",
    "Besonders betroffen sind kleinere Betriebe, die über Jahre feste Abnehmer in "
    "Jekaterinburg und Nowosibirsk hatten.",
]


def _de_labels(lines: list[str]) -> list[str | None]:
    all_lines = [*DE_STORY, *lines]
    return clean_paragraphs(all_lines, title=DE_TITLE,
                            link_shares=[0.0] * len(all_lines)).labels[len(DE_STORY):]


def test_an_interviews_short_answer_gives_no_byline_name() -> None:
    turns = [
        "Frau Brenner, wie viele junge Russen studieren inzwischen in China?",
        "Brenner: Bei den meisten schon.",
        "Und was zieht sie nach China?",
        "Brenner: Vor allem die Aussicht auf eine Stelle. Wer Chinesisch kann, findet in "
        "Moskau und Sankt Petersburg leichter Arbeit als früher.",
        *[line for n in range(5) for line in (
            f"Frage {n}: Wie geht es an den Hochschulen weiter?",
            f"Brenner: Das hängt von den Ländern ab, sagt die Forscherin im Gespräch Nummer "
            f"{n}, und von den Geldgebern der Programme.")],
        "Was raten Sie jungen Leuten?",
        "Brenner: Beide Sprachen zu lernen, Russisch und Chinesisch. Das klingt nach viel, "
        "aber wer die Beziehung der beiden Länder verstehen will, braucht beide.",
    ]
    labels = _de_labels(turns)
    assert labels[1] is None and labels[-1] is None, labels


def test_a_german_post_on_a_telegram_channel_is_reporting_a_pitch_is_not() -> None:
    reporting = ("Das russische Außenministerium veröffentlichte auf seinem Telegram-Kanal "
                 "Fotos der Ankunft.")
    assert _de_labels([reporting, DE_STORY[2]])[0] is None
    assert _de_labels(["Folgen Sie uns auf unserem Telegram-Kanal"])[0] is not None


def test_german_counters_licensing_offers_appeals_and_agency_notes_go() -> None:
    furniture = {
        "Anzahl der Zugriffe: 2.413": "site_chrome",
        "Aufrufe: 918": "site_chrome",
        "Sie möchten unsere Meldungen auf Ihrer Website verwenden? Unser Dienst liefert "
        "Texte per RSS und API.": "site_chrome",
        "Would you like to use our stories on your own website? Our syndication desk "
        "delivers them by feed.": "site_chrome",
        "Unabhängiger Journalismus kostet Geld": "newsletter_promo",
        "Wenn Ihnen dieser Bericht gefallen hat, unterstützen Sie unsere Arbeit mit einem "
        "Beitrag.": "newsletter_promo",
        "Alle Texte auf dieser Seite werden von der Agentur erstellt und nicht von der "
        "Portal-Redaktion bearbeitet.": "editor_note",
    }
    for line, kind in furniture.items():
        assert _de_labels([line])[0] in (kind, "publisher_note"), line
    # Look-alikes in a story: the number of readers, a firm's website, a quoted appeal.
    reporting = [
        "Die Zahl der Leser der Lokalzeitung ist seit 2015 um ein Viertel gesunken, "
        "sagte der Verleger.",
        "Die Firma will ihre Ersatzteilkataloge künftig auf ihrer Website veröffentlichen, "
        "kündigte der Geschäftsführer an.",
        "„Unterstützen Sie unsere Arbeit“, stand auf den Plakaten des Vereins, sagte die "
        "Vorsitzende.",
    ]
    for line in reporting:
        assert _de_labels([line, DE_STORY[2]])[0] is None, line


def test_timeline_dates_a_rule_took_as_a_stamp_stay() -> None:
    lines = ["Chronik der Sanktionen", "31. Juli 2014",
             "Die EU beschließt erstmals Wirtschaftssanktionen gegen Russland.",
             "7. August 2014",
             "Moskau antwortet mit einem Einfuhrverbot für Obst, Gemüse und Fleisch aus "
             "der EU.", DE_STORY[2]]
    labels = _de_labels(lines)
    assert labels[1] is None and labels[3] is None, labels
    # A date alone under the story, heading nothing: a stamp still.
    assert _de_labels(["12. März 2015"])[0] is not None


def test_a_subheading_whose_id_is_its_slug_stays() -> None:
    section = ("<h2 id='shared-offices-and-directors'>Shared offices and directors</h2>")
    page = _page(section)
    assert "Shared offices and directors" in extract_article(fetched_page(page, URL)).text
    # A share bar named so stays furniture: its id is no slug of its text.
    bar = "<h2 id='share-bar'>Share this article</h2>"
    assert "Share this article" not in extract_article(fetched_page(_page(bar), URL)).text


MORE = [
    "Enrolment at the college has risen every year since 2019, when the province began "
    "paying part of the fees for students from rural districts along the Amur.",
    "The dean said the teachers' union had agreed to longer hours for the first year, "
    "until the new staff arrive from Russia in the spring.",
    "Local firms have offered internships to forty students, most of them at customs "
    "brokers and freight forwarders in the free-trade zone.",
    "Parents interviewed outside the main gate said the course was a safer bet than "
    "English, which nearly every applicant already studies at school.",
    "The provincial education bureau will review the course after two years and decide "
    "whether other colleges in the north-east may copy it.",
    "A similar track opened in Suifenhe in 2021 but closed after a year because too few "
    "teachers could be found to run it.",
    "This time the college has signed contracts for three years with each of the teachers "
    "it plans to hire, the dean said.",
]


def _cells_page(second: str, box: str = "") -> str:
    first = "".join(f"<p>{text}</p>" for text in [*STORY[:2], *MORE]) + box
    return (f"<html><head><title>{TITLE}</title></head><body><table width='760'>"
            "<tr><td class='nav' width='150'><a href='/'>Home</a><br><a href='/news'>News"
            "</a><br><a href='/sport'>Sport</a></td><td><table width='600'>"
            f"<tr><td><h1>{TITLE}</h1></td></tr>"
            f"<tr><td class='bodytext'>{first}</td></tr>"
            "<tr><td><img src='/img/college.jpg' width='520'></td></tr>"
            "<tr><td><a href='/ads/click'><img src='/ads/banner.gif'></a></td></tr>"
            f"<tr><td class='bodytext'>{second}</td></tr>"
            "</table></td></tr></table></body></html>")


def test_a_storys_second_cell_in_a_layout_table_comes_back() -> None:
    second = ("<p>Teachers from the border counties say the new track will also take "
              "adults who want to retrain.</p>"
              f"<p>{STORY[2]}</p>")
    text = extract_article(fetched_page(_cells_page(second), URL)).text
    assert STORY[0] in text and STORY[2] in text
    assert text.index(STORY[1]) < text.index("Teachers from the border") < text.index(STORY[2])


def test_a_one_column_box_in_a_layout_table_stays() -> None:
    box = ("<table class='infobox'><tr><td class='infobox-title'>Background: the college"
           "</td></tr><tr><td class='infobox-text'>The college was founded in 1958 as a "
           "school for railway interpreters and has taught Russian without a break since "
           "then, even in the years when hardly anyone else in the province did so.</td>"
           "</tr></table><p>Applications close at the end of March, the dean said, and the "
           "first classes start in September.</p>")
    text = extract_article(fetched_page(_cells_page(f"<p>{STORY[2]}</p>", box), URL)).text
    assert "has taught Russian without a break since then" in text


def test_below_a_storys_second_cell_a_german_box_of_more_articles_goes() -> None:
    rows = "".join(
        f"<tr><td><a href='/wirtschaft/{n}.html'>Bericht {n} aus der Region</a><br>"
        f"<span class='weitere_text'>{text}</span></td></tr>"
        for n, text in enumerate((
            "Die Nachfrage nach Kleinwagen bleibt hoch, der Betriebsrat stimmt zu.",
            "Vor allem Bäcker und Fleischer suchen dringend Nachwuchs.",
            "Ein Traditionsunternehmen eröffnet eine Niederlassung in Indien.")))
    box = (f"<div class='weitere_artikel'><div class='weitere_artikel_titel'>Weitere "
           f"Artikel</div><table>{rows}</table></div>")
    # Below the story on an old table-layout portal, the tables opened into ``div``s.
    page = _cells_page("<p>Teachers from the border counties say the new track will also "
                       f"take adults who want to retrain.</p><p>{STORY[2]}</p>").replace(
        "</table></td></tr></table>", f"<tr><td>{box}</td></tr></table></td></tr></table>")
    text = extract_article(fetched_page(page, URL)).text
    assert STORY[2] in text
    assert "Bäcker und Fleischer" not in text


def _page_labels(lines: list[str]) -> list[str | None]:
    # As a page hands them over: link shares given, so the passes below the story run.
    all_lines = [*DE_STORY, *lines]
    return clean_paragraphs(all_lines, title=DE_TITLE, link_shares=[0.0] * len(all_lines),
                            from_page=True).labels[len(DE_STORY):]


def test_teasers_ending_in_a_more_link_go_with_their_headlines() -> None:
    teasers = [
        "Freibad verlängert die Saison",
        "Wegen des warmen Herbstes bleibt das Becken bis Ende September offen. mehr »",
        "Neue Buslinie ins Gewerbegebiet",
        "Ab Montag fahren die Busse im Halbstundentakt zum Gewerbepark Süd. mehr »",
    ]
    labels = _page_labels(teasers)
    assert labels == ["related_posts"] * 4, labels
    # One story paragraph that happens to end in "more" is the story's.
    assert _page_labels(["Die Kammer rechnet mit weiteren Anfragen und will ihre Hotline "
                         "ausbauen, sagte der Sprecher, eher mehr als weniger."])[0] is None


def test_readers_comments_under_their_stamps_go() -> None:
    comments = [
        "H. Berger schrieb am 09.04.2025 um 17:03 Uhr:",
        "Das passiert hier leider nicht zum ersten Mal, die Gemeinde sollte endlich "
        "Kameras aufstellen.",
        "anna_k schrieb am 09.04.2025 um 18:47 Uhr:",
        "Hoffentlich bekommen die Leute wenigstens ihre Papiere zurück, sonst wird die "
        "Heimreise schwierig.",
    ]
    assert _page_labels(comments) == ["comment_form"] * 4
    # A story quoting one post, dated: reporting.
    quoted = ["Der Botschafter schrieb am 12.03.2025 auf seiner Website:",
              "Die Zusammenarbeit der Städte werde fortgesetzt, auch wenn die Flüge seltener "
              "würden, hieß es dort."]
    labels = _page_labels(quoted)
    assert labels[0] != "comment_form" and labels[1] is None, labels


def test_a_german_developing_story_note_a_players_labels_and_an_agency_note_go() -> None:
    lines = ["Diese Meldung wird laufend aktualisiert.", "Transkript anzeigen", "- Kamera:",
             "Diese Meldung wurde von der Nachrichtenagentur übernommen und von der Redaktion "
             "nicht bearbeitet."]
    for line in lines:
        assert _de_labels([line])[0] is not None, line
    # The embassy speaks on its own channel: reporting (a feminine noun's "ihrem").
    update = ("Update, 13:20 Uhr: Die Botschaft spricht auf ihrem Telegram-Kanal von einem "
              "unfreundlichen Akt.")
    assert _de_labels([update, DE_STORY[2]])[0] is None


EN_NOTES = [
    "This article was produced with the help of an AI tool and checked by our editors.",
    "This story is part of a year-long series on the Amur border, supported by a grant "
    "from a media foundation.",
    "All companies named in this article were given the opportunity to comment before "
    "publication.",
    "We want to hear from people who work in freight along the border. You can reach our "
    "reporters securely on Signal.",
    "(Except for the headline, this story has not been modified by our newsroom staff and "
    "is published from a wire feed.)",
]
EN_LOOKALIKES = [
    "The ministry said its translators had used an AI tool to draft the customs forms, "
    "and that staff checked every page.",
    "The university's Russian course is part of a series of programmes funded by a "
    "provincial grant, the dean said.",
    "A spokesman for the company said it wanted to hear from customers who had been "
    "affected by the delays.",
]


def test_the_outlets_notes_about_itself_go_and_reporting_alike_stays() -> None:
    for line in EN_NOTES:
        assert _labels([line])[-1] is not None, line
    for line in EN_LOOKALIKES:
        assert _labels([line, STORY[2]])[-2] is None, line
    de = ["Dieser Artikel wurde mithilfe künstlicher Intelligenz übersetzt und von der "
          "Redaktion geprüft.",
          "Diese Reportage ist Teil einer Serie über die Grenzregionen Russlands.",
          "Alle erwähnten Firmen hatten vor der Veröffentlichung Gelegenheit zur "
          "Stellungnahme.",
          "Über unser verschlüsseltes Hinweisportal können Sie Dokumente anonym senden."]
    for line in de:
        assert _de_labels([line])[0] is not None, line
    ru = ["При подготовке этой статьи редакция использовала нейросеть для расшифровки "
          "интервью.",
          "Материал подготовлен в рамках проекта о жизни приграничья при поддержке фонда.",
          "Перепечатка фотографий возможна только с письменного разрешения редакции."]
    for line in ru:
        assert _labels([line])[-1] is not None, line


def test_a_call_for_tips_under_its_heading_goes_a_methods_note_stays() -> None:
    filler = [f"Der Absatz Nummer {n} beschreibt die Lage der Betriebe im Erzgebirge "
              "genauer, mit Zahlen der Kammer." for n in range(6)]
    call = ["Sie wissen mehr?",
            "Arbeiten Sie bei einem Zulieferer, der nach Zentralasien liefert? Schreiben Sie "
            "uns, wir behandeln jede Nachricht vertraulich."]
    labels = _page_labels([*filler, *call])
    assert labels[-2] is not None and labels[-1] is not None, labels
    # The note on how the story was reported holds its sources: the story's.
    methods = ["So haben wir recherchiert",
               "Grundlage der Auswertung sind Importdaten aus kommerziellen Datenbanken und "
               "Exportstatistiken aus Hongkong, die wir Zeile für Zeile abgeglichen haben."]
    assert _page_labels([*filler, *methods])[-2:] == [None, None]


def test_a_publishers_description_at_the_end_goes() -> None:
    lines = [*STORY, "The Northern Ledger is Canada's oldest independent regional newspaper, "
             "owned by its readers since 1998."]
    labels = clean_paragraphs(lines, title=TITLE, link_shares=[0.0] * len(lines)).labels
    assert labels[-1] == "publisher_bio"
    # Early in a story about the media, the same shape reports.
    early = ["The Northern Ledger is Canada's oldest independent regional newspaper, and "
             "its owners said on Monday that it would close its Harbin bureau.", *STORY]
    labels = clean_paragraphs(early, title=TITLE, link_shares=[0.0] * len(early)).labels
    assert labels[0] is None
