"""Furniture words in the fifty-three languages session 17 added (config/furniture_words.yaml,
pipeline/clean/lexicon.py): how lines are split into words, short lines made only of
furniture words, a line opening with such a label, and the article's lines that look like
them. Every line here was written for this test."""

from __future__ import annotations

import pytest

from pipeline.clean.furniture import ends_sentence
from pipeline.clean.header import TERMINAL
from pipeline.clean.lexicon import furniture_words, words
from pipeline.clean.text import clean_paragraphs
from pipeline.languages import SCRIPT_STOPS
from tests.pipeline.clean.test_unseen_wording import BODY, TITLE, cleaned


def test_words_keep_vowel_signs_and_whole_runs_of_spaceless_scripts() -> None:
    # fold's \w+ would cut the Hindi word at its vowel signs and virama.
    assert words("और पढ़ें") == ["और", "पढ़ें"]
    # Thai and Khmer print no spaces: a run is one word; Khmer's own colon and stop part it.
    assert words("อ่านเพิ่มเติม") == ["อ่านเพิ่มเติม"]
    assert words("អានបន្ថែម៖ ព័ត៌មាន។") == ["អានបន្ថែម", "ព័ត៌មាន"]
    # A zero-width non-joiner inside a Persian word is the writer's choice.
    assert words("می\u200cخوانید") == words("میخوانید") == ["میخوانید"]
    assert words("Notícies RELACIONADES") == ["notícies", "relacionades"]


def test_every_listed_word_is_one_word_of_a_line() -> None:
    # An entry that the splitter cut in two could never match a line's word.
    vocab = furniture_words()
    for function, listed in ((vocab.function_words, vocab.words), *vocab.others):
        for word in function | listed:
            assert words(word) == [word], word


# Lines made only of one language's furniture words: "read more", "related news",
# "advertisement", "comments", "share" in the new languages.
@pytest.mark.parametrize("line", [
    "Notícies relacionades", "Irakurri gehiago", "Darllen mwy", "Léigh tuilleadh", "Lees ook",
    "Lesa meira", "Loe lisaks", "Lasiet vairāk", "Pročitajte još", "Preberite tudi",
    "Lexo më shumë", "Διαβάστε επίσης", "Прочитајте повеќе", "Чытайце таксама",
    "Կարդացեք նաև", "Daha çox oxu", "اقرأ أيضا", "بیشتر بخوانید", "مزید پڑھیں",
    "נושאים קשורים", "और पढ़ें", "थप पढ्नुहोस्", "আরও পড়ুন", "மேலும் படிக்க", "関連記事",
    "Đọc thêm", "Baca juga", "Magbasa pa", "อ่านเพิ่มเติม", "ອ່ານເພີ່ມເຕີມ", "ဆက်ဖတ်ရန်",
    "អានបន្ថែម", "Soma zaidi", "ተጨማሪ ያንብቡ", "Διαφήμιση", "إعلان", "تبلیغات", "विज्ञापन",
    "広告", "Quảng cáo", "Iklan", "โฆษณา", "ໂຄສະນາ", "ကြော်ငြာ", "Tangazo", "ማስታወቂያ",
])
def test_furniture_lines_of_the_new_languages_go(line: str) -> None:
    assert line not in cleaned(line)


# A label made only of furniture words, then the headline of another story.
@pytest.mark.parametrize("line", [
    "Baca juga: Harga minyak Rusia naik lagi di pasar Asia",
    "Đọc thêm: Nga và Trung Quốc ký thỏa thuận khí đốt mới",
    "اقرأ أيضا: الصين تزيد وارداتها من النفط الروسي",
    "อ่านเพิ่มเติม: ราคาน้ำมันรัสเซียพุ่งสูงขึ้น",
    "Διαβάστε επίσης | Νέος αγωγός φυσικού αερίου προς την Κίνα",
    "Read also: Why the yuan is winning in Central Asia?",
])
def test_a_line_opening_with_a_furniture_label_goes(line: str) -> None:
    assert line not in cleaned(line)


def test_the_label_pass_names_its_kind_and_reason() -> None:
    line = "اقرأ أيضا: الصين تزيد وارداتها من النفط الروسي"
    result = clean_paragraphs([TITLE, BODY[0], BODY[1], line, BODY[2], BODY[3]])
    assert result.removed == [("inline_related_link", line)]
    assert result.reasons == ["structure furniture_label: a line opening with a label made "
                              "only of furniture words"]


# The article's own lines: subheadings with a topic word in the new languages, a heading of
# a documentation page whose words are loanwords of another list, and sentences that open
# with a word of the lists and a colon.
@pytest.mark.parametrize("line", [
    "Gas i petroli", "Nafta eta gasa", "Ynni o Rwsia", "Нафта і газ", "النفط والغاز",
    "तेल और गैस", "Dầu khí Nga", "Minyak dan gas", "น้ำมันและก๊าซ", "Mafuta na gesi",
    "Setting up",
    "My view: the cap is working. Exporters have found ways around it all the same.",
    "Members: China, Russia, India, Iran and six more states.",
    "Update — what changed after the summit",
])
def test_subheadings_and_sentences_that_look_alike_stay(line: str) -> None:
    assert line in cleaned(line)


def test_sentence_stops_of_other_scripts_end_a_sentence() -> None:
    # The danda, the Urdu and Ethiopic full stops ...: the tail pass, the header and the
    # classifier read a line ending with one as a sentence, as with a full stop.
    line = "सम्मेलन में बीस देशों के नेता शामिल हुए"
    assert not ends_sentence(line) and not TERMINAL.search(line)
    for stop in SCRIPT_STOPS:
        assert ends_sentence(line + stop) and TERMINAL.search(line + " " + stop)


def at_the_end(line: str) -> list[str]:
    """The body kept when ``line`` closes an ordinary article."""
    return clean_paragraphs([TITLE, *BODY, line]).paragraphs


# Sentences of a page's frame in the new languages: a comment policy, newsletter pitches.
@pytest.mark.parametrize("line", [
    "Untuk menulis komentar, Anda harus login terlebih dahulu. Komentar yang menghina akan "
    "dihapus oleh redaksi.",
    "Đăng ký nhận bản tin của chúng tôi để nhận tin tức mới nhất mỗi sáng qua email.",
    "Pretplatite se na naš newsletter i primajte najnovije vijesti svakog jutra u svoj "
    "sandučić.",
    "Εγγραφείτε στο newsletter μας για να λαμβάνετε τις σημαντικότερες ειδήσεις κάθε πρωί.",
])
def test_sentences_thick_with_furniture_words_at_the_end_go(line: str) -> None:
    assert line not in at_the_end(line)


# The article's closing sentences: one furniture word, none, or English about the media
# (English is left to its rules; "app" and "in" are words of other lists too).
@pytest.mark.parametrize("line", [
    "Komentar yang mengandung kata kasar akan dihapus.",
    "Pemerintah Indonesia menyatakan akan mengkaji ulang kerja sama energi dengan Rusia "
    "tahun depan.",
    "The ministry said comments posted on its website and in its app would be reviewed "
    "before publication.",
    "Readers who downloaded the app found that the menu had changed after the update.",
])
def test_closing_sentences_with_a_few_furniture_words_stay(line: str) -> None:
    assert line in at_the_end(line)


def test_the_sentence_pass_names_its_reason() -> None:
    # No rule reads this form (session 30 gave "Εγγραφείτε" a rule of its own).
    line = ("Κάντε εγγραφή στο newsletter μας για να λαμβάνετε τις σημαντικότερες ειδήσεις "
            "κάθε πρωί.")
    result = clean_paragraphs([TITLE, *BODY, line])
    assert result.reasons[-1] == ("structure furniture_sentence: a line near the page's end "
                                  "thick with one language's furniture words")
