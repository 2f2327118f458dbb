"""Highlighted titles and snippets: marks around terms, everything else escaped."""

from __future__ import annotations

from search.highlight import mark, snippet, usable_terms


def test_marks_terms_and_escapes_the_rest():
    assert mark("关于<script>alert(1)</script>失业保险金的通知", ["失业保险金"]) == (
        "关于&lt;script&gt;alert(1)&lt;/script&gt;<em>失业保险金</em>的通知"
    )


def test_ampersand_is_escaped_and_never_matched_as_an_entity():
    assert mark("人社 & 医保：amp 说明", ["amp", "医保"]) == (
        "人社 &amp; <em>医保</em>：<em>amp</em> 说明"
    )


def test_a_term_with_markup_characters_is_escaped_inside_the_mark():
    assert mark("a<b 与 c", ["a<b"]) == "<em>a&lt;b</em> 与 c"


def test_overlapping_and_adjacent_terms_merge_into_one_mark():
    # 失业保险 and 保险金 overlap; 申领 touches them: one mark, not three.
    assert mark("失业保险金申领指南", ["失业保险", "保险金", "申领"]) == (
        "<em>失业保险金申领</em>指南"
    )


def test_longest_term_wins_over_its_parts():
    assert mark("灵活就业人员参保", ["就业", "灵活就业"]) == "<em>灵活就业</em>人员参保"


def test_single_characters_are_not_marked_next_to_words():
    # What segmentation leaves of 失业金怎么领: no per-character marks.
    assert mark("失业金怎么领？领取失业金", ["失业金", "领"]) == (
        "<em>失业金</em>怎么领？领取<em>失业金</em>"
    )


def test_a_single_chinese_character_query_is_still_marked():
    assert mark("社保卡", ["社"]) == "<em>社</em>保卡"
    assert usable_terms(["a"]) == []


def test_matching_ignores_case():
    assert mark("APP 下载", ["app"]) == "<em>APP</em> 下载"


def test_no_terms_or_no_match_gives_the_escaped_text():
    assert mark("工伤<认定>", []) == "工伤&lt;认定&gt;"
    assert mark("工伤认定", ["养老"]) == "工伤认定"


BODY = (
    "为进一步做好稳就业工作，根据国家和本市有关规定，结合本区实际，制定本办法。"
    "本办法适用于在本区注册登记的各类企业。"
    * 3
    + "企业吸纳本区户籍失业人员就业，签订一年以上劳动合同并缴纳社会保险费的，"
    "可申请一次性吸纳就业补贴，每吸纳一人补贴 2000 元。"
    + "申请材料包括营业执照复印件和劳动合同。"
    * 4
)


def test_snippet_is_a_window_around_the_most_distinct_terms():
    result = snippet(BODY, ["一次性吸纳就业补贴", "劳动合同", "社会保险"])
    text = result.replace("<em>", "").replace("</em>", "")
    assert result.startswith("…") and result.endswith("…")
    assert len(text) == 120 + 2
    assert "<em>一次性吸纳就业补贴</em>" in result
    assert "<em>劳动合同</em>" in result
    assert "<em>社会保险</em>" in result
    # The window starts a little before the first of its matches.
    assert text.index("吸纳本区户籍失业人员") < 25


def test_snippet_prefers_distinct_terms_over_repeats():
    text = (
        "就业" * 40  # one term, many times, at the start
        + "。" * 100
        + "灵活就业人员可以按月领取失业保险金。"
        + "。" * 100
    )
    result = snippet(text, ["就业", "失业保险金"])
    assert "<em>失业保险金</em>" in result
    assert "<em>就业</em>人员" in result


def test_snippet_without_a_match_is_the_start_of_the_text():
    result = snippet(BODY, ["养老金"])
    assert result == BODY[:120] + "…"


def test_short_text_is_whole_and_escaped():
    assert snippet("  灵活就业 <人员>\n参保  ", ["灵活就业"]) == (
        "<em>灵活就业</em> &lt;人员&gt; 参保"
    )


def test_snippet_at_the_end_has_no_trailing_ellipsis():
    text = "前言。" * 60 + "最后说到征地养老人员生活费调整。"
    result = snippet(text, ["征地养老"])
    assert result.startswith("…")
    assert result.endswith("<em>征地养老</em>人员生活费调整。")
    assert len(result.replace("<em>", "").replace("</em>", "")) == 121
