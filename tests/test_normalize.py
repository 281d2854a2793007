"""normalise(): the canonical text that every stored character offset refers to."""
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.normalize import normalise


def test_full_width_digits_letters_and_punctuation_become_half_width():
    text = "全年完成地区生产总值１２０．５亿元，同比增长６．２％；ＧＤＰ：（预计）"
    assert normalise(text) == "全年完成地区生产总值120.5亿元,同比增长6.2%;GDP:(预计)"


def test_ideographic_and_no_break_spaces_become_plain_spaces():
    assert normalise("\u3000\u3000各位代表：\u00a0现在") == "  各位代表: 现在"


def test_chinese_punctuation_without_an_ascii_form_is_kept():
    text = "粮食、蔬菜、水果。“菜篮子”工程《实施方案》……——"
    assert normalise(text) == text


def test_ellipsis_circled_numbers_and_unit_symbols_are_not_decomposed():
    text = "①新建住宅12万㎡，气温28℃，占比½…"
    assert normalise(text) == "①新建住宅12万㎡,气温28℃,占比½…"


def test_kangxi_radicals_from_pdf_fonts_become_ordinary_characters():
    # U+2F00 and U+2F08 look like 一 and 人 but do not match them in a search.
    assert normalise("新增就业\u2f00万\u2f08") == "新增就业一万人"


def test_a_character_that_folding_or_composing_makes_traditional_is_simplified():
    # ⾞ (a Kangxi radical) folds to 車; U+F900, a compatibility ideograph, composes to 豈.
    assert normalise("新能源汽\u2f9e1.2万辆") == "新能源汽车1.2万辆"
    assert normalise("\uf900不") == "岂不"


def test_traditional_chinese_becomes_simplified():
    assert normalise("全縣實現地區生產總值３５０億元，經濟運行穩中向好。") == \
        "全县实现地区生产总值350亿元,经济运行稳中向好。"


def test_simplified_text_is_returned_unchanged():
    # 乾县 is a real county name; a blanket t2s conversion would turn it into 干县.
    text = "乾县全年新增城镇就业1200人,于是城镇登记失业率控制在3.5%以内。"
    assert normalise(text) == text


def test_only_lines_with_traditional_characters_are_converted():
    text = "乾县粮食总产量达到45万吨。\n全縣糧食總產量達到４５萬噸。"
    assert normalise(text) == "乾县粮食总产量达到45万吨。\n全县粮食总产量达到45万吨。"


def test_pinyin_reading_after_a_character_is_removed():
    assert normalise("政府工作報(bào)告") == "政府工作报告"


def test_pinyin_in_full_width_parentheses_is_removed():
    assert normalise("聚焦“卡脖子”(qiǎ bó zi)技术，攻坚（gōng jiān）项目８个") == \
        "聚焦“卡脖子”(qiǎ bó zi)技术,攻坚项目8个"


def test_pinyin_with_combining_tone_marks_is_removed():
    assert normalise("蓓\u0028be\u0300i\u0029蕾计划") == "蓓蕾计划"


def test_plain_lower_case_pinyin_is_removed():
    assert normalise("亳(bo)州") == "亳州"


def test_abbreviations_and_units_in_parentheses_are_kept():
    text = "地区生产总值(GDP)增长6%,人工智能(AI)企业20家,新建管网(km)12"
    assert normalise(text) == text


def test_consecutive_readings_are_removed_in_one_pass():
    assert normalise("垚(yáo)(yao)鑫") == "垚鑫"


def test_zero_width_characters_and_soft_hyphens_are_removed():
    assert normalise("\ufeff新增\u200b市场\u200c主体\u200d5\u00ad000户\u2060") == "新增市场主体5000户"


def test_carriage_returns_become_newlines():
    assert normalise("第一行\r\n第二行\r第三行\n") == "第一行\n第二行\n第三行\n"


def test_empty_text_stays_empty():
    assert normalise("") == ""


def test_normalising_twice_changes_nothing_on_a_mixed_sample():
    text = "報(bào)告\u200b（ｇｄｐ）\r\nＡ\u0300全縣１２．５％\u3000乾县…"
    once = normalise(text)
    assert normalise(once) == once


# Characters that interact: full-width forms next to combining marks, zero-width
# characters between a character and its reading, Traditional and Simplified.
_TRICKY = st.sampled_from(list(
    "報告這個縣乾县于於报(（)）ａｚＡＺ０９．，％bàoáǎ\u0300\u0301\u0308"
    "\u200b\u00ad\ufeff\u3000\u00a0\r\n \t…①㎡\u2f00"
))


@settings(max_examples=300)
@given(st.text(_TRICKY, max_size=40))
def test_normalising_twice_changes_nothing(text):
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=300)
@given(st.text())
def test_any_string_is_accepted_and_stays_stable(text):
    once = normalise(text)
    assert isinstance(once, str)
    assert normalise(once) == once
