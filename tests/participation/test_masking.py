"""Masks for personal data in admin listings."""

from __future__ import annotations

from cms.participation.masking import (
    mask_address,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
)


def test_masks():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("E12345678") == "E*******8"  # a passport number
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("021-64121234") == "021*****1234"
    assert mask_phone("1234") == "****"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("张") == "张"
    assert mask_name("") == ""
    assert mask_email("zhangsan@example.com") == "z***@example.com"
    assert mask_email("nobody") == "n*****"
    assert mask_address("上海市闵行区莘庄镇莘建路1号") == "上海市闵行区****"
    assert mask_address("闵行区") == "闵行区"


def test_masks_accept_empty_values():
    assert [f(None) for f in (mask_id_number, mask_phone, mask_name, mask_email)] == [
        "",
        "",
        "",
        "",
    ]
