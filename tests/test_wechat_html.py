"""WeChat's article HTML → our body blocks (wechat/html_blocks.py), and the checks on downloaded images."""

import io

from django.test import override_settings

import pytest
from PIL import Image as PILImage

from wechat.html_blocks import ImageRef, MalformedArticle, clean_url, convert
from wechat.images import ImageRejected, check, download

HOSTS = {"mmbiz.qpic.cn"}


def blocks(html: str) -> list[tuple[str, object]]:
    return convert(html, HOSTS).blocks


def test_styles_wrappers_and_wechats_line_breaks_go_text_and_emphasis_stay():
    html = (
        '<section style="margin: 0 8px;"><section style="line-height: 2;"><p style="text-indent: 2em;">'
        '<span style="font-size: 15px;">成都服务贸易协会\n  于5月28日</span><span>召开</span>'
        '<strong><span style="color: red;">会员大会</span></strong>，<em>特此</em>通知。<sup>1</sup></p>'
        "</section></section>"
    )
    assert blocks(html) == [
        ("paragraph", "<p>成都服务贸易协会于5月28日召开<b>会员大会</b>，<i>特此</i>通知。<sup>1</sup></p>")
    ]


def test_scripts_widgets_hidden_elements_frames_and_trackers_are_dropped():
    conversion = convert(
        '<p>正文</p><script>alert(1)</script><style>p{}</style><mpvoice name="x"></mpvoice>'
        '<mp-miniprogram data-miniprogram-appid="wx"></mp-miniprogram><p style="display: none">隐藏</p>'
        '<iframe class="video_iframe" data-src="https://v.qq.com/iframe/preview.html?vid=x"></iframe>'
        '<img src="https://mp.weixin.qq.com/mp/report?a=1" width="1" height="1">'
        '<p onclick="steal()"><a href="javascript:steal()">链接</a></p>',
        HOSTS,
    )
    assert conversion.blocks == [("paragraph", "<p>正文</p>"), ("paragraph", "<p>链接</p>")]
    assert sorted(set(conversion.dropped)) == [
        "hidden element",
        "iframe",
        "mp-miniprogram",
        "mpvoice",
        "tracking image",
    ]


def test_links_keep_their_address_without_wechats_tracking():
    assert clean_url("https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=2&sn=x&chksm=y&scene=21#wechat_redirect") == (
        "https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=2&sn=x"
    )
    assert clean_url("https://www.example.org/a?utm_source=wx&id=3#part") == "https://www.example.org/a?id=3#part"
    assert clean_url("mailto:office@example.org") == "mailto:office@example.org"
    assert clean_url("javascript:alert(1)") == clean_url("data:text/html,x") == clean_url("/relative") == ""


def test_headings_by_element_and_by_the_house_numbering():
    html = (
        "<h1>总标题</h1><h3>小节</h3><h4>细目</h4>"
        "<p><strong>一、</strong><strong>总体要求</strong></p><p><b>1. 工作目标</b></p><p><b>（1）具体措施</b></p>"
        "<p><b>一段加粗的普通文字，没有编号。</b></p><p><b>二、</b>不全是加粗</p>"
    )
    assert blocks(html) == [
        ("heading", "总标题"),
        ("subheading", "小节"),
        ("minor_heading", "细目"),
        ("heading", "一、总体要求"),
        ("subheading", "1. 工作目标"),
        ("minor_heading", "（1）具体措施"),
        ("paragraph", "<p><b>一段加粗的普通文字，没有编号。</b></p>"),
        ("paragraph", "<p><b>二、</b>不全是加粗</p>"),
    ]


def test_images_come_from_data_src_with_their_captions():
    html = (
        '<p><img data-src="https://mmbiz.qpic.cn/mmbiz_jpg/a/640?wx_fmt=jpeg" src="data:image/svg+xml,x"'
        ' alt="图片"></p>'
        '<p style="text-align: center;"><span style="font-size: 12px;">签约仪式现场</span></p>'
        '<p><img data-src="//mmbiz.qpic.cn/mmbiz_png/b/640?wx_fmt=png" alt="成都天府国际机场"></p>'
        "<p>▲ 图为航站楼</p>"
        '<figure><img src="https://mmbiz.qpic.cn/c/0"><figcaption>会场一角</figcaption></figure>'
        '<p><img data-src="https://mmbiz.qpic.cn/d/0"></p><p>这是紧随图片的一段正文，不居中，也不以图注标记开头。</p>'
        '<p><img src="https://other.example/e.jpg"></p>'
    )
    assert blocks(html) == [
        ("image", ImageRef("https://mmbiz.qpic.cn/mmbiz_jpg/a/640?wx_fmt=jpeg", "签约仪式现场", "")),
        ("image", ImageRef("https://mmbiz.qpic.cn/mmbiz_png/b/640?wx_fmt=png", "图为航站楼", "成都天府国际机场")),
        ("image", ImageRef("https://mmbiz.qpic.cn/c/0", "会场一角", "")),
        ("image", ImageRef("https://mmbiz.qpic.cn/d/0", "", "")),
        ("paragraph", "<p>这是紧随图片的一段正文，不居中，也不以图注标记开头。</p>"),
    ]


def test_an_image_inside_a_paragraph_splits_it_and_keeps_the_emphasis_around_it():
    html = '<p><strong>前文<img data-src="https://mmbiz.qpic.cn/x/0">后文</strong></p>'
    assert blocks(html) == [
        ("paragraph", "<p><b>前文</b></p>"),
        ("image", ImageRef("https://mmbiz.qpic.cn/x/0")),
        ("paragraph", "<p><b>后文</b></p>"),
    ]


def test_lists_flatten_wechats_sections_and_nested_lists():
    html = (
        '<ol class="list-paddingleft-1"><li><section><span>第一项</span></section></li>'
        '<li><p>第二项<a href="https://www.example.org/">链接</a></p><ul><li>嵌套项</li></ul></li><li> </li></ol>'
    )
    assert blocks(html) == [
        (
            "paragraph",
            '<ol><li>第一项</li><li>第二项<a href="https://www.example.org/">链接</a></li><li>嵌套项</li></ol>',
        )
    ]


def test_tables_keep_their_cells_with_spans_filled():
    html = (
        "<table><caption>表1 执行额</caption><thead><tr><th>地区</th><th colspan='2'>金额</th></tr></thead><tbody>"
        "<tr><td rowspan='2'>成都</td><td><p>1</p></td><td>2</td></tr><tr><td>3</td><td>4</td></tr>"
        "<tr><td></td><td></td><td></td></tr></tbody></table>"
    )
    (kind, table), *_rest = blocks(html)
    assert kind == "table" and table.caption == "表1 执行额" and table.header_row
    assert table.rows == [["地区", "金额", ""], ["成都", "1", "2"], ["", "3", "4"], ["", "", ""]]
    value = table.block_value()
    assert (
        value["first_row_is_table_header"] and value["table_caption"] == "表1 执行额" and value["data"] == table.rows
    )


def test_a_quotation_becomes_a_quote_block():
    assert blocks("<blockquote><p>第一段</p><p>第二段</p></blockquote>") == [("quote", "第一段\n第二段")]


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (None, "no content"),
        ("   ", "no content"),
        ("<section>" * 300 + "深" + "</section>" * 300, "nested too deeply"),
        ("<script>only()</script><mpvoice></mpvoice>", "no text or image"),
        ("<table>" + ("<tr>" + "<td>x</td>" * 80 + "</tr>") * 80 + "</table>", "more than 5000 cells"),
        ("x" * 3_000_001, "too large"),
    ],
)
def test_malformed_articles_are_refused(html, reason):
    with pytest.raises(MalformedArticle, match=reason):
        convert(html, HOSTS)


def picture(image_format: str, size=(20, 10)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "blue").save(buffer, image_format)
    return buffer.getvalue()


def test_images_are_checked_with_pillow():
    for image_format, extension in [("JPEG", "jpg"), ("PNG", "png"), ("GIF", "gif"), ("WEBP", "webp")]:
        checked = check(picture(image_format))
        assert (checked.extension, checked.width, checked.height) == (extension, 20, 10)
    with pytest.raises(ImageRejected, match="not a readable image"):
        check(b"<html>WeChat's hot-link placeholder page</html>")
    with pytest.raises(ImageRejected, match="not a readable image"):
        check(picture("JPEG", (200, 200))[:300])  # truncated
    with pytest.raises(ImageRejected, match="unsupported image format"):
        check(picture("BMP"))


@override_settings(WECHAT_IMAGE_HOSTS=["mmbiz.qpic.cn"])
def test_only_wechats_image_host_is_fetched():
    for url in (
        "https://127.0.0.1/x.jpg",
        "file:///etc/passwd",
        "ftp://mmbiz.qpic.cn/x",
        "https://mmbiz.qpic.cn.evil.example/x",
    ):
        with pytest.raises(ImageRejected, match="not on WeChat's image host"):
            download(url)


def test_a_linked_image_leaves_no_empty_link_behind():
    html = '<p>文字<a href="https://www.example.org/"><img data-src="https://mmbiz.qpic.cn/a/0"></a>后文</p>'
    assert blocks(html) == [
        ("paragraph", "<p>文字</p>"),
        ("image", ImageRef("https://mmbiz.qpic.cn/a/0")),
        ("paragraph", "<p>后文</p>"),
    ]
