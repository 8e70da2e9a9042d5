"""Russian- and Chinese-language outlets of the sample site (issue 17; stdlib only).

Run by ``build_site.py`` after the English outlets (or alone, after it): writes the pages
under site/, the feeds /feeds/ru.rss and /feeds/zh.rss, appends the pages to
manifest.json and the two sources to sources.yaml. The text was written for this sample
(fictional bylines; no outlet published it).

Outlets:
  vostok-vestnik   a Russian state wire (UTF-8, offset in its metadata); it also carries an
                   English version of one of its stories, in its Russian feed
  delovoy-kurier   a Russian business daily (windows-1251, declared in a <meta>; dates only
                   as printed, Moscow time: its source sets timezone Europe/Moscow)
  huaxia-ribao     a Chinese party daily (GBK, declared as gb2312; printed dates only; its
                   source sets no zone, so Beijing time is inferred from the language); it
                   reports the same Putin–Xi call as vostok-vestnik, in its own words
  dongfang-wang    a Chinese portal (GB18030 with no charset anywhere; metadata date
                   without an offset)
"""

from __future__ import annotations

import html
import json
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1]
SITE = SAMPLES / "site"
SERVE_ROOT = "http://127.0.0.1:8765"

R1 = [
    "Президент России Владимир Путин и председатель КНР Си Цзиньпин провели телефонный разговор, сообщили в Кремле. Лидеры обсудили подготовку к саммиту ШОС и график двусторонних контактов на осень.",
    "Стороны отметили, что российско-китайская торговля остаётся устойчивой, несмотря на внешнее давление, а расчёты в национальных валютах позволяют компаниям двух стран работать без оглядки на доллар.",
    "Путин поблагодарил китайского коллегу за взвешенную позицию по украинскому кризису. Си Цзиньпин, в свою очередь, заявил, что Пекин и Москва должны и дальше поддерживать друг друга по вопросам, затрагивающим их ключевые интересы.",
    "Лидеры договорились продолжить работу над проектом газопровода «Сила Сибири — 2» и поручили правительствам ускорить согласование условий. Личная встреча президентов запланирована на полях саммита в Астане.",
]
R1_EN = [
    "Russian President Vladimir Putin and Chinese President Xi Jinping held a telephone conversation, the Kremlin said. The two leaders discussed preparations for the SCO summit and the schedule of bilateral contacts for the autumn.",
    "Both sides noted that Russia–China trade remains stable despite outside pressure, and that settlements in national currencies allow companies of the two countries to work without regard to the dollar.",
    "Putin thanked his Chinese counterpart for Beijing's balanced position on the Ukraine crisis. Xi said Beijing and Moscow should keep supporting each other on issues that touch their core interests.",
    "The leaders agreed to continue work on the Power of Siberia 2 gas pipeline and instructed their governments to speed up talks on its terms. The presidents plan to meet in person on the sidelines of the summit in Astana.",
]
R2 = [
    "Министерство финансов разместило на аукционе облигации федерального займа на 45 млрд рублей при спросе почти в 100 млрд рублей.",
    "Средневзвешенная доходность выпуска составила 15,2% годовых. Участники рынка отметили высокий интерес банков к длинным бумагам с фиксированным купоном.",
    "В текущем квартале ведомство планирует занять на внутреннем рынке около 1,5 трлн рублей, чтобы покрыть дефицит бюджета.",
]
R3 = [
    "В подмосковном Красногорске после реконструкции открылся городской парк площадью 30 гектаров. В нём появились велодорожки, детские площадки и лодочная станция.",
    "Работы продолжались два года. Жители сами выбирали, какие объекты появятся в парке, проголосовав на портале муниципалитета.",
    "Летом в парке будут работать бесплатные спортивные секции, а зимой зальют каток.",
]
Z0 = [
    "本报北京6月14日电 国家主席习近平14日应约同俄罗斯总统普京通电话。两国元首就上海合作组织峰会筹备工作和双边关系交换了意见。",
    "习近平指出，中俄作为世界主要大国和联合国安理会常任理事国，应加强战略协作，共同维护两国发展振兴的外部环境。",
    "普京表示，俄方愿同中方密切高层交往，扩大能源、农业、交通物流等领域合作，推动本币结算比重进一步提升。",
    "两国元首同意保持密切沟通，并期待在阿斯塔纳峰会期间再次会晤。",
]
Z1 = [
    "本报北京6月18日电 中国海关总署与俄罗斯联邦农业部18日签署关于俄罗斯大麦、豌豆输华检疫要求的议定书，俄方更多农产品将进入中国市场。",
    "根据议定书，俄罗斯多个州区种植的大麦和豌豆在满足检疫要求后可向中国出口。这是继小麦、玉米之后，中俄在粮食贸易领域取得的又一成果。",
    "商务部有关负责人表示，近年来中俄农产品贸易保持快速增长，俄罗斯已成为中国重要的食用油和肉类进口来源地之一。",
    "俄方官员说，俄方愿同中方一道完善跨境物流和结算安排，力争到2030年使对华农产品出口翻一番。",
]
Z1_EDITED = "俄罗斯官员表示，莫斯科希望与北京共同改善跨境运输和支付条件，争取在2030年前让对华农产品出口增加一倍。"
Z2 = [
    "第十次中欧经贸高层对话16日在布鲁塞尔举行。双方就电动汽车关税、市场准入和供应链合作等议题进行了坦诚深入的交流。",
    "中方表示，欧方对中国电动汽车加征临时反补贴税是典型的保护主义做法，希望欧方同中方相向而行，通过磋商妥善解决分歧。",
    "欧方表示愿继续保持对话，双方同意就价格承诺方案开展进一步技术磋商。",
]
Z3 = [
    "国家粮食和物资储备局19日表示，今年夏粮收购进展顺利，主产区累计收购小麦超过3000万吨。",
    "各地粮食部门合理布设收购网点，优化售粮服务，不少地方推行线上预约、错峰售粮，农民排队时间明显缩短。",
    "有关部门提醒，收购企业要严格执行质价政策，不得压级压价、拖欠农民售粮款。",
]
_ASCII = str.maketrans({"，": ",", "。": ".", "、": ",", "：": ":"})

OUTLETS = {
    "vostok-vestnik": {"name": "Восток-Вестник", "lang": "ru", "encoding": "utf-8",
                       "declared": "utf-8"},
    "delovoy-kurier": {"name": "Деловой курьер", "lang": "ru", "encoding": "windows-1251",
                       "declared": "windows-1251"},
    "huaxia-ribao": {"name": "华夏日报", "lang": "zh", "encoding": "gbk", "declared": "gb2312"},
    "dongfang-wang": {"name": "东方网讯", "lang": "zh", "encoding": "gb18030", "declared": None},
}

# id, outlet, path, kind, title, author, local date, local time, body, language
PAGES: list[dict[str, object]] = [
    {"id": "vv-putin-xi-call", "outlet": "vostok-vestnik", "kind": "on_theme",
     "path": "/vostok-vestnik/politika/putin-i-si-czinpin-proveli-telefonnyj-razgovor.html",
     "title": "Путин и Си Цзиньпин провели телефонный разговор", "author": "Ирина Соколова",
     "published": "2024-06-14", "time": "15:40", "body": R1, "language": "ru",
     "event": "putin-xi-call-2024-06"},
    {"id": "vv-putin-xi-call-en", "outlet": "vostok-vestnik", "kind": "on_theme",
     "path": "/vostok-vestnik/en/putin-and-xi-hold-phone-call.html",
     "title": "Putin and Xi hold a telephone conversation", "author": "Irina Sokolova",
     "published": "2024-06-14", "time": "16:05", "body": R1_EN, "language": "en",
     "event": "putin-xi-call-2024-06"},
    {"id": "dk-putin-xi-call-reprint", "outlet": "delovoy-kurier", "kind": "syndicated",
     "path": "/delovoy-kurier/news/2024/06/15/putin-si-razgovor.html",
     "title": "Путин и Си Цзиньпин обсудили по телефону саммит ШОС", "author": None,
     "published": "2024-06-15", "time": "09:10",
     "body": [p.replace("«", "\"").replace("»", "\"").replace("ё", "е") for p in R1],
     "language": "ru", "duplicate_of": "vv-putin-xi-call", "dup_method": "near",
     "event": "putin-xi-call-2024-06"},
    {"id": "dk-ofz-auction", "outlet": "delovoy-kurier", "kind": "near_miss_russia",
     "path": "/delovoy-kurier/news/2024/06/19/minfin-ofz.html",
     "title": "Минфин разместил ОФЗ на 45 млрд рублей", "author": "Олег Зимин",
     "published": "2024-06-19", "time": "17:20", "body": R2, "language": "ru"},
    {"id": "dk-krasnogorsk-park", "outlet": "delovoy-kurier", "kind": "off_theme",
     "path": "/delovoy-kurier/news/2024/06/20/park-krasnogorsk.html",
     "title": "В Красногорске открылся обновлённый парк", "author": "Олег Зимин",
     "published": "2024-06-20", "time": "12:05", "body": R3, "language": "ru"},
    {"id": "hx-xi-putin-call", "outlet": "huaxia-ribao", "kind": "on_theme",
     "path": "/huaxia-ribao/n1/2024/0614/c1001-40256800.html",
     "title": "习近平同俄罗斯总统普京通电话", "author": "周明",
     "published": "2024-06-14", "time": "20:35", "body": Z0, "language": "zh",
     "event": "putin-xi-call-2024-06"},
    {"id": "hx-barley-protocol", "outlet": "huaxia-ribao", "kind": "on_theme",
     "path": "/huaxia-ribao/n1/2024/0618/c1002-40259001.html",
     "title": "中俄签署大麦豌豆输华检疫议定书", "author": "王小川",
     "published": "2024-06-18", "time": "16:20", "body": Z1, "language": "zh",
     "event": "barley-protocol-2024-06"},
    {"id": "dfw-barley-protocol-repost", "outlet": "dongfang-wang", "kind": "syndicated",
     "path": "/dongfang-wang/news/2024-06-19/detail-barley.html",
     "title": "俄罗斯大麦豌豆将获准输华", "author": None,
     "published": "2024-06-19", "time": "09:30",
     "body": [p.translate(_ASCII) for p in Z1[:3]] + [Z1_EDITED.translate(_ASCII)],
     "language": "zh", "duplicate_of": "hx-barley-protocol", "dup_method": "near",
     "event": "barley-protocol-2024-06"},
    {"id": "hx-eu-dialogue", "outlet": "huaxia-ribao", "kind": "near_miss_china",
     "path": "/huaxia-ribao/n1/2024/0616/c1002-40258100.html",
     "title": "第十次中欧经贸高层对话举行", "author": "林静",
     "published": "2024-06-16", "time": "21:15", "body": Z2, "language": "zh"},
    {"id": "dfw-summer-grain", "outlet": "dongfang-wang", "kind": "off_theme",
     "path": "/dongfang-wang/news/2024-06-19/detail-grain.html",
     "title": "今年夏粮收购进展顺利", "author": None,
     "published": "2024-06-19", "time": "10:45", "body": Z3, "language": "zh"},
]
FEEDS = [
    {"path": "/feeds/ru.rss", "source": "sample-ru", "language": "ru",
     "timezone": "Europe/Moscow", "title": "Русскоязычные ленты (образец)",
     "items": ["vv-putin-xi-call", "vv-putin-xi-call-en", "dk-putin-xi-call-reprint",
               "dk-ofz-auction", "dk-krasnogorsk-park"]},
    # No timezone: the pipeline infers Beijing time from the pages' language.
    {"path": "/feeds/zh.rss", "source": "sample-zh", "language": "zh", "timezone": None,
     "title": "中文新闻（样例）",
     "items": ["hx-xi-putin-call", "hx-barley-protocol", "dfw-barley-protocol-repost",
               "hx-eu-dialogue",
               "dfw-summer-grain"]},
]
OFFSET = {"ru": "+03:00", "zh": "+08:00"}
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]


def e(text: str) -> str:
    return html.escape(text, quote=False)


def body_html(page: dict[str, object]) -> str:
    return "\n".join(f"<p>{e(p)}</p>" for p in page["body"])  # type: ignore[attr-defined]


def ru_date(page: dict[str, object]) -> str:
    y, m, d = str(page["published"]).split("-")
    return f"{int(d)} {RU_MONTHS[int(m) - 1]} {y}, {page['time']}"


def render_vostok(page: dict[str, object]) -> str:
    """State wire: offset in metadata, Telegram prompt, "Читайте также", share bar."""
    en = page["language"] == "en"
    stamp = f"{page['published']}T{page['time']}:00+03:00"
    also = ("Read also: Kremlin comments on the results of the talks" if en else
            "Читайте также: В Кремле прокомментировали итоги переговоров")
    paras = [f"<p>{e(p)}</p>" for p in page["body"]]  # type: ignore[attr-defined]
    paras.insert(2, f'<div class="also"><a href="/vostok-vestnik/">{e(also)}</a></div>')
    return f"""<header class="site-header"><a href="/vostok-vestnik/">Восток-Вестник</a>
<nav><a href="#">Политика</a> <a href="#">Экономика</a> <a href="#">В мире</a></nav></header>
<main><article>
<h1>{e(str(page['title']))}</h1>
<div class="meta"><time datetime="{stamp}">{e(ru_date(page))}</time>
<span class="author">{e(str(page['author']))}</span></div>
<div class="photo"><figcaption>{'The talks by video link' if en else 'Переговоры прошли по видеосвязи'}</figcaption>
<span class="credit">{'Photo: Kremlin press service' if en else 'Фото: пресс-служба Кремля'}</span></div>
<div class="text">
{chr(10).join(paras)}
</div>
<div class="tg">{'Follow us on Telegram' if en else 'Подписывайтесь на наш канал в Telegram'}</div>
<div class="share">Поделиться: ВКонтакте · Telegram · Одноклассники</div>
</article></main>
<footer>© Восток-Вестник, 2024. Все права защищены.</footer>"""


def render_kurier(page: dict[str, object]) -> str:
    """Business daily: printed Moscow date only, author block, ad label, related list."""
    author = (f'<div class="author-block">Автор: {e(str(page["author"]))}</div>'
              if page["author"] else "")
    paras = [f"<p>{e(p)}</p>" for p in page["body"]]  # type: ignore[attr-defined]
    paras.insert(1, '<div class="adv">Реклама</div>')
    return f"""<div class="top"><a href="/delovoy-kurier/">Деловой курьер</a></div>
<div class="content"><div class="article">
<h1>{e(str(page['title']))}</h1>
<div class="article-date">{e(ru_date(page))}</div>
{author}
<div class="article-body">
{chr(10).join(paras)}
</div>
<div class="related"><h3>Читайте также</h3><a href="/delovoy-kurier/">Рынок ждёт решения по ставке</a></div>
<div class="subscribe">Подписывайтесь на наш канал в Дзене</div>
</div></div>
<div class="footer">© ООО «Деловой курьер», 2024. Перепечатка без письменного разрешения редакции запрещена. 18+</div>"""


def render_huaxia(page: dict[str, object]) -> str:
    """Party daily: printed Beijing date with source line, editors, related, QR prompt."""
    y, m, d = str(page["published"]).split("-")
    return f"""<div class="nav"><a href="/huaxia-ribao/">首页</a> <a href="#">时政</a> <a href="#">国际</a></div>
<div class="main">
<h1>{e(str(page['title']))}</h1>
<div class="col-1-1">{y}年{m}月{d}日{page['time']}  来源：华夏日报</div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="rm_txt_con">
{body_html(page)}
</div>
<div class="edit">(责任编辑：{e(str(page['author']))}、周明)</div>
<div class="related"><h3>相关阅读</h3><a href="/huaxia-ribao/">国际观察：务实合作开辟新空间</a></div>
<div class="more"><a href="/huaxia-ribao/">点击查看更多</a></div>
<div class="qr">扫码关注华夏日报微信公众号</div>
</div>
<div class="footer">华夏日报版权所有，未经书面授权禁止使用</div>"""


def render_dongfang(page: dict[str, object]) -> str:
    """Portal: offset-less metadata date (Beijing time), reprint notice, app prompt."""
    return f"""<div class="logo"><a href="/dongfang-wang/">东方网讯</a></div>
<div class="article">
<h1>{e(str(page['title']))}</h1>
<div class="post_info">来源：东方网讯</div>
<div class="post_body">
{body_html(page)}
</div>
<div class="statement">本网转载内容，未经授权不得转载。</div>
<div class="app">打开东方网讯APP 阅读更多精彩内容</div>
<div class="recommend">热门推荐</div>
</div>
<div class="copyright">Copyright © 2024 东方网讯 版权所有</div>"""


RENDER = {"vostok-vestnik": render_vostok, "delovoy-kurier": render_kurier,
          "huaxia-ribao": render_huaxia, "dongfang-wang": render_dongfang}


def page_html(page: dict[str, object]) -> bytes:
    outlet = OUTLETS[str(page["outlet"])]
    declared = outlet["declared"]
    meta = f'<meta charset="{declared}">' if declared else ""
    extra = ""
    if page["outlet"] == "dongfang-wang":
        extra = f'<meta name="publishdate" content="{page["published"]} {page["time"]}:00">'
    lang = str(page["language"])
    doc = (f'<!DOCTYPE html>\n<html lang="{lang}"><head>{meta}\n'
           f"<title>{e(str(page['title']))} - {e(str(outlet['name']))}</title>\n{extra}\n"
           f'<link rel="canonical" href="{{{{BASE}}}}{page["path"]}">\n</head><body>\n'
           + RENDER[str(page["outlet"])](page) + "\n</body></html>\n")
    # Characters the charset lacks become references, as such sites write them.
    return doc.encode(str(outlet["encoding"]), "xmlcharrefreplace")


def render_feed(feed: dict[str, object], pages: dict[str, dict[str, object]]) -> str:
    items = []
    for pid in feed["items"]:  # type: ignore[attr-defined]
        page = pages[pid]
        lang = str(page["language"])
        offset = OFFSET.get(lang, "+03:00")
        y, m, d = (int(x) for x in str(page["published"]).split("-"))
        import datetime as dt
        when = dt.datetime(y, m, d, *map(int, str(page["time"]).split(":")),
                           tzinfo=dt.timezone(dt.timedelta(hours=int(offset[1:3]))))
        items.append(
            f"<item><title>{e(str(page['title']))}</title>"
            f"<link>{{{{BASE}}}}{page['path']}</link><guid>{{{{BASE}}}}{page['path']}</guid>"
            f"<pubDate>{when.strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate></item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{e(str(feed['title']))}</title><link>{{{{BASE}}}}/</link>"
            f"<language>{feed['language']}</language>\n" + "\n".join(items)
            + "\n</channel></rss>\n")


def build() -> list[dict[str, object]]:
    """Write pages and feeds; return the manifest records."""
    by_id = {str(p["id"]): p for p in PAGES}
    for page in PAGES:
        target = SITE / str(page["path"]).lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page_html(page))
    feeds_of: dict[str, list[tuple[str, str]]] = {str(p["id"]): [] for p in PAGES}
    for feed in FEEDS:
        (SITE / str(feed["path"]).lstrip("/")).write_text(render_feed(feed, by_id),
                                                          encoding="utf-8", newline="\n")
        for pid in feed["items"]:  # type: ignore[attr-defined]
            feeds_of[pid].append((str(feed["path"]), "{{BASE}}" + str(by_id[pid]["path"])))
    for slug, outlet in OUTLETS.items():
        links = "\n".join(f'<li><a href="{p["path"]}">{e(str(p["title"]))}</a></li>'
                          for p in PAGES if p["outlet"] == slug)
        (SITE / slug).mkdir(parents=True, exist_ok=True)
        (SITE / slug / "index.html").write_text(
            f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{e(str(outlet["name"]))}'
            f"</title></head><body><h1>{e(str(outlet['name']))}</h1><ul>\n{links}\n</ul>"
            "</body></html>\n", encoding="utf-8")
    records = []
    for page in PAGES:
        outlet = OUTLETS[str(page["outlet"])]
        dup = page.get("duplicate_of")
        records.append({
            "path": page["path"], "outlet": page["outlet"], "kind": page["kind"], "seed": None,
            "on_theme": page["kind"] in ("on_theme", "syndicated"),
            "republished_from": by_id[str(dup)]["path"] if dup else None,
            "duplicate_of": by_id[str(dup)]["path"] if dup else None,
            "dup_method": page.get("dup_method"), "event": page.get("event"),
            "title": page["title"], "author": page["author"], "published": page["published"],
            "body_paragraphs": list(page["body"]),  # type: ignore[call-overload]
            "feeds": sorted({f for f, _ in feeds_of[str(page["id"])]}),
            "feed_links": [link for _, link in feeds_of[str(page["id"])]],
            "language": page["language"], "encoding": outlet["encoding"],
            "declared_charset": outlet["declared"],
            "published_local": f"{page['published']} {page['time']}",
        })
    return records


def main() -> None:
    """Append the ru/zh outlets to the site built by build_site.py."""
    manifest_path = SAMPLES / "manifest.json"
    manifest = [r for r in json.loads(manifest_path.read_text(encoding="utf-8"))
                if not r.get("language") or r.get("language") == "en"
                and not str(r["path"]).startswith(tuple(f"/{o}/" for o in OUTLETS))]
    manifest += build()
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8", newline="\n")
    sources = (SAMPLES / "sources.yaml").read_text(encoding="utf-8")
    for feed in FEEDS:
        if f"name: {feed['source']}\n" in sources:
            continue
        sources += (f"  - name: {feed['source']}\n    url: {SERVE_ROOT}{feed['path']}\n"
                    f"    language: {feed['language']}\n")
        if feed["timezone"]:
            sources += f"    timezone: {feed['timezone']}\n"
    (SAMPLES / "sources.yaml").write_text(sources, encoding="utf-8", newline="\n")
    print(f"added {len(PAGES)} Russian and Chinese pages")


if __name__ == "__main__":
    main()
