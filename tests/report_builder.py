"""Builds small work-report texts around hand-written sentences, for extraction tests."""
import io

import docx

HEADER = "示范县2024年政府工作报告\n——2024年1月8日在示范县第十九届人民代表大会第三次会议上\n各位代表:\n"


def report(review: str = "", plan: str = "", header: str = HEADER) -> str:
    """A report of 示范县 delivered in 2024: `review` about 2023, `plan` for 2024."""
    return f"{header}\n一、2023年工作回顾\n\n{review}\n\n二、2024年工作安排\n\n{plan}\n"


# A short complete report, for tests that need any well-formed one.
QINGSHAN_2024 = ("青山县2024年政府工作报告\n"
                 "——2024年1月9日在青山县第十九届人民代表大会第三次会议上\n"
                 "各位代表:\n"
                 "一、2023年工作回顾\n"
                 "全年地区生产总值增长5.2%,新增城镇就业4800人。\n"
                 "二、2024年工作安排\n"
                 "地区生产总值增长6%左右,城镇登记失业率控制在3.5%以内。\n")


def as_docx(text: str) -> bytes:
    """`text` as a Word file, one paragraph a line."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
