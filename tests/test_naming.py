"""Names of non-headline facts: function words trimmed, long phrases cut at a word boundary
as jieba's whole dictionary would cut them."""
import logging

import pytest

from etl.catalog import literal_names
from etl.naming import MAX_NAME, clean_name, tokenizer

# Long subject phrases in the language of work reports, written for this test.
LONG_PHRASES = [
    "深入推进新型工业化建设培育国家级专精特新小巨人企业",
    "大力实施乡村振兴战略新建和改造提升高标准农田",
    "统筹推进城市更新行动全年改造城镇老旧小区和棚户区",
    "持续优化营商环境新登记各类市场主体总数",
    "加快发展现代服务业全市社会消费品零售总额",
    "扎实推进义务教育优质均衡发展新建改扩建中小学校",
    "实施重点民生工程城乡居民基本养老保险参保人数",
    "全力打造区域性综合交通枢纽新增高速公路通车里程",
    "推动马可·波罗国际文化交流中心项目建设接待游客人次",
    "境内上市公司A股再融资包括配股公开增发和可转债",
]


# Phrases of real reports whose words weigh differently unless the word list is weighed
# against the whole dictionary's total (上水 or 上/水, 省地 or 省/地).
CLOSE_CALLS = ["开工建设上水、水源坝等7个骨干水源工程和", "省地两级列入考核的国有和国有控股企业改制面"]


@pytest.fixture(scope="module")
def whole_dictionary():
    """jieba's own tokenizer with its whole dictionary, and the catalog's names as naming adds them."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    for name, _ in literal_names():
        tok.add_word(name, freq=200000)
    return tok


def _cut_with(tok, phrase: str) -> str:
    words = tok.lcut(phrase, HMM=False)
    while len("".join(words)) > MAX_NAME and len(words) > 1:
        words.pop(0)
    return "".join(words)[-MAX_NAME:]


@pytest.mark.parametrize("phrase", LONG_PHRASES)
def test_a_long_phrase_is_cut_as_the_whole_dictionary_cuts_it(phrase, whole_dictionary):
    core = phrase.replace("·", "")
    name = clean_name(phrase)
    assert len(core) > MAX_NAME
    assert name == _cut_with(whole_dictionary, core)
    assert core.endswith(name) and 0 < len(name) <= MAX_NAME


@pytest.mark.parametrize("phrase, name", [
    ("年内完成技改", "技改"),
    ("培育省级“专精特新”中小企业", "培育省级专精特新中小企业"),
    # The head noun comes last: a cut keeps the end, as many whole words as fit in 16
    # characters (大力/实施/乡村/振兴/战略/新建/和/改造/提升/高标准/农田).
    ("大力实施乡村振兴战略新建和改造提升高标准农田", "振兴战略新建和改造提升高标准农田"),
])
def test_names_read_as_a_person_would_shorten_them(phrase, name):
    assert clean_name(phrase) == name


@pytest.mark.parametrize("phrase", LONG_PHRASES + CLOSE_CALLS)
def test_the_word_list_segments_as_the_whole_dictionary(phrase, whole_dictionary):
    assert tokenizer().lcut(phrase, HMM=False) == whole_dictionary.lcut(phrase, HMM=False)
