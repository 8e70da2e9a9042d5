"""Session 28, plain text: a pull-quote signed with its speaker or opened with a dash, a
numbered list item shaped like a link's label, a short question heading under a box of
other stories, and the wording forms of the session (forward-looking notes run into their
heading, promises of no spam, Nordic closed-comment notes, daily-briefing pitches, Chinese
length badges, Russian caption credits). Each with the article's look-alike, which stays.
Every line here was written for these tests."""

from __future__ import annotations

from pipeline.clean.text import clean_paragraphs

# The same placement helper and story as session 25's tests.
from tests.pipeline.clean.test_session25_forms import STORY, STORY_RU, TITLE, _kept

TITLE_RU = "Перевалка зерна в портах Приморья достигла рекорда"


def _signed_box_goes(said: str, box: str) -> None:
    """The signed box beside the paragraph that prints its quote goes; the paragraph stays."""
    kept = clean_paragraphs([TITLE, *STORY[:2], said, box, *STORY[2:]]).paragraphs
    assert box not in kept and said in kept


def test_a_signed_pull_quote_goes_and_its_quote_stays() -> None:
    said = ("«Мы загружены до самого ледостава и уже отказываем судам в заходе, хотя ещё "
            "весной причалы простаивали», — сказал начальник порта Олег Карпов.")
    box = ("«Мы загружены до самого ледостава и уже отказываем судам в заходе» Олег Карпов, "
           "начальник порта")
    kept = clean_paragraphs([TITLE_RU, *STORY_RU[:2], said, box, *STORY_RU[2:]]).paragraphs
    assert box not in kept
    assert said in kept
    # A quote no paragraph prints is no pull-quote, signed or not.
    other = "«Зерно пойдёт в Китай по железной дороге, а не морем» Олег Карпов, начальник порта"
    kept = clean_paragraphs([TITLE_RU, *STORY_RU[:2], said, other, *STORY_RU[2:]]).paragraphs
    assert other in kept


def test_a_dash_opened_pull_quote_goes() -> None:
    title = "Kornet går østover som aldri før"
    said = ("– Vi har ikke hatt så mange skip ved kaia siden åttitallet, og det blir bare "
            "flere, sier havnesjef Kari Lund.")
    box = "– Vi har ikke hatt så mange skip ved kaia siden åttitallet"
    story = ["Kornhavna i nord har hatt sin travleste høst på flere tiår, viser nye tall fra "
             "havnevesenet.",
             "Det meste av kornet går videre med tog mot grensen i øst, der kjøperne har "
             "fylt lagrene tidlig i år.", said,
             "Havnen vil nå bygge et nytt lager for å møte etterspørselen neste år.",
             "Arbeidet skal etter planen starte til våren, og prislappen er ikke kjent."]
    kept = clean_paragraphs([title, *story[:3], box, *story[3:]]).paragraphs
    assert box not in kept
    assert said in kept


def test_numbered_items_with_a_label_are_the_story_s_list() -> None:
    title = "新款越野车明年在俄罗斯组装"
    story = ["据了解，这款车型将在俄罗斯卡卢加州的合作工厂进行组装，首批车辆预计明年春季下线。",
             "针对俄罗斯市场的严寒气候，厂家对车辆做了多项调整，主要有以下调整：",
             "1. 动力：取消小排量版本，只保留2.0T发动机和8速自动变速箱，最大功率160kW；",
             "2. 保暖：座椅和方向盘都配备加热功能，电池加装保温套件，可在-35℃环境下启动；",
             "3. 底盘：离地间隙提高了二十毫米，并加强了底盘护板。",
             "业内人士认为，本地组装可以降低关税成本，也有利于售后服务网络的建设。",
             "厂家表示，后续还将考虑在当地生产更多车型，但具体计划尚未公布。"]
    kept = clean_paragraphs([title, *story]).paragraphs
    assert all(line in kept for line in story)


def test_a_short_question_heading_under_a_box_of_other_stories_stays() -> None:
    title = "Le terminal gazier perd son trafic de transbordement"
    story = ["Le terminal du port a perdu depuis le printemps l'essentiel de son trafic de "
             "transbordement, selon les chiffres publiés lundi par l'exploitant.",
             "Les navires qui y faisaient escale rejoignent désormais l'Asie par une route "
             "plus longue, ce qui renchérit le transport."]
    box = ["Sur le même sujet", "Énergie : les tarifs du gaz baissent pour les ménages"]
    question = "Et les salariés ?"
    after = ["L'exploitant assure qu'aucun licenciement n'est prévu cette année, mais les "
             "syndicats demandent des garanties écrites à la direction.",
             "Une réunion entre les deux parties doit avoir lieu à la fin du mois, a indiqué "
             "un délégué syndical."]
    kept = clean_paragraphs([title, *story, *box, question, *after]).paragraphs
    assert question in kept
    assert box[1] not in kept


def test_the_session_s_wording_forms_go() -> None:
    assert not _kept("Forward-looking statements: This announcement includes statements "
                     "about expected volumes that involve risks and uncertainties.", at=4)
    assert not _kept("Раз в неделю отправляем главные новости порта — и никакого спама, "
                     "честно: без спама.")
    assert not _kept("Denne artikkelen er ikke åpen for kommentarer.", at=4)
    assert not _kept("Get the harbour briefing in your inbox every morning at 7.")
    assert not _kept("全文约2500字，预计阅读需6分钟")
    assert not _kept("Новый элеватор в порту Находка. Фото Анны Лебедевой", story=STORY_RU,
                     title=TITLE_RU)
    assert not _kept("Погрузка зерна на новом терминале. Пресс-служба администрации порта",
                     story=STORY_RU, title=TITLE_RU)


def test_the_session_s_look_alikes_stay() -> None:
    # A thank-you to a named person closes a report of an evening, it sells nothing.
    assert _kept("Thank you, Maria — and thanks to all of you who came to the reading!",
                 at=4)
    # A story about consent law names cookies, then the law, in two sentences.
    ru = ("Отдельная проблема — cookie. По новым правилам баннер о согласии должен "
          "появиться до запуска счётчиков, поэтому код пришлось переписать.")
    assert _kept(ru, at=2, story=STORY_RU, title=TITLE_RU)


def test_round_two_forms_go() -> None:
    _signed_box_goes("\"The ice road will not open this winter, and nobody has told us what "
                     "comes instead,\" said Anna Berg, who runs the ferry company.",
                     "\"The ice road will not open this winter.\" — Anna Berg, ferry operator")
    assert not _kept("佐藤美咲（さとう・みさき）　上海支局長。経済部を経て2022年から現職。", at=4)
    assert not _kept("댓글 3 · 로그인 후 댓글을 남길 수 있습니다.", at=4)
    assert not _kept("Ghi chú của tòa soạn: Bài viết được bổ sung thông tin lúc 9h.", at=4)
    assert not _kept("The Valley Courier and its 87 partners use your data for measurement "
                     "and personalised ads. Manage choices", at=4)
    assert not _kept("Wer hier stand, sah Schiffe. – Anzeige – Lesen Sie nach der Werbung weiter")


def test_round_two_look_alikes_stay() -> None:
    assert _kept("佐藤美咲（さとう・みさき）さんは、港の通訳として十年働いてきたという。", at=2)
    story_zh = ["今年前十个月，经口岸入境的俄罗斯游客超过二十万人次，同比增长近一倍。",
                "当地文旅部门表示，游客主要来自远东地区，多数停留两到三天。",
                "为方便游客，市里在主要商圈增设了俄文标识和外币兑换点。",
                "业内人士认为，随着航线增加，明年的客流还将继续增长。"]
    likes = "当天，不少游客在江边拍照留念，相关短视频在网上获得数万次点赞和转发。"
    pay = "许多商户已经支持跨境扫码支付，俄罗斯游客可以直接用手机付款；"
    for line in (likes, pay):
        assert _kept(line, at=2, story=story_zh, title="俄罗斯游客涌向边境城市")
    ru = ("По данным аналитиков, число подписчиков Telegram-каналов о торговле с Китаем за "
          "год выросло вдвое.")
    assert _kept(ru, at=2, story=STORY_RU, title=TITLE_RU)
    title = "Die Werft verliert ihren wichtigsten Kunden"
    story = ["Die Werft an der Küste hat ihren wichtigsten Auftraggeber verloren, wie das "
             "Unternehmen am Montag mitteilte.",
             "Der Reeder lässt seine neuen Schiffe künftig in Asien bauen, weil dort die "
             "Preise deutlich niedriger sind."]
    box = ["Mehr zum Thema", "Häfen: Der Umschlag sinkt zum dritten Mal in Folge"]
    question = "Was heißt das für die Belegschaft?"
    after = ["Die Geschäftsführung schließt Entlassungen in diesem Jahr aus, der Betriebsrat "
             "verlangt dennoch eine schriftliche Zusage und will notfalls vor das "
             "Arbeitsgericht ziehen, falls die Gespräche scheitern.",
             "Ein Treffen beider Seiten ist für Ende des Monats geplant, sagte ein Sprecher "
             "der Gewerkschaft."]
    kept = clean_paragraphs([title, *story, *box, question, *after]).paragraphs
    assert question in kept


def test_round_three_forms_go() -> None:
    assert not _kept("Trucks queue at the border crossing before dawn Credit: Harbour Pictures")
    assert not _kept("A grain train leaves the terminal in the early morning. Supplied")
    assert not _kept("How we did this: we compared customs filings for two years with the port's "
                     "own shipping lists.", at=4)
    assert not _kept("The Morning Docket reaches your inbox at 6am, Monday to Friday.", at=4)
    assert not _kept("Comments must be on topic and civil. Abusive posts will be removed.", at=4)
    assert not _kept("Каментарыі (7) · Увайдзіце, каб пакінуць каментарый", at=4)


def test_round_three_look_alikes_stay() -> None:
    # The paragraph above a video's own label is the story's: a player carries its title.
    para = ("No agreement was reached on the price of the gas, which the two sides have "
            "argued about for more than ten years, officials said.")
    story = [*STORY[:2], para, "Video: Anna Berg reports from the border", *STORY[2:]]
    assert para in clean_paragraphs([TITLE, *story]).paragraphs


def test_round_four_forms_go() -> None:
    # The quote's words hold an apostrophe ("that’s").
    _signed_box_goes("“Nobody can tell you when the money will come back, and that’s what "
                     "worries people most,” said Lena Park, a tax adviser in the city.",
                     "“Nobody can tell you when the money will come back.” – Lena Park, "
                     "tax adviser")
    assert not _kept("Arrests are merely accusations; every defendant is presumed innocent "
                     "until proven guilty.", at=4)
    assert not _kept("Words by Tomas Lind", at=0)
    assert not _kept("This issue’s briefing is sponsored by Northlight Radio, secure voice for "
                     "ships at sea.", at=4)
    assert not _kept("Did a friend forward this newsletter to you? Someone forwarded this "
                     "email to you? Get the next one yourself.", at=4)
    assert not _kept("Floods can come fast. Turn on notifications in our app to hear first.",
                     at=4)
    assert not _kept("Petr Dvořák je zpravodaj deníku v Pekingu a píše o obchodu s Ruskem.",
                     at=4)
    assert not _kept("Мария Котова — обозреватель, пишет о торговле и логистике на Дальнем "
                     "Востоке.", story=STORY_RU, title=TITLE_RU, at=4)


def test_round_four_look_alikes_stay() -> None:
    # A heading under a sign-up form's row ("Type your email... Subscribe") is the story's.
    form = "Type your email...   Subscribe"
    heading = "Why the northern route matters again"
    lines = [TITLE, *STORY[:2], form, heading, *STORY[2:]]
    assert heading in clean_paragraphs(lines).paragraphs
    # Who paid for a study is news in a story about it.
    assert _kept("The study was funded by the regional science foundation, the authors said.",
                 at=4)
