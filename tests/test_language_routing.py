"""Which language a visitor lands on, and how language prefixes are handled."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("zh-TW", "/zh-hans/"),
        ("zh-HK,en;q=0.5", "/zh-hans/"),
        ("en-US,en;q=0.9", "/en/"),
        ("en-GB", "/en/"),
        ("ar", "/en/"),
        ("ja-JP,ja;q=0.9", "/en/"),
        ("de-DE,de;q=0.8,zh;q=0.5", "/en/"),
        ("", "/zh-hans/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_cookie_beats_accept_language(client):
    client.cookies["django_language"] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("prefix", ["zh", "zh-cn", "zh-CN", "zh-tw"])
def test_chinese_prefix_variants_redirect_permanently(client, prefix):
    response = client.get(f"/{prefix}/news/?category=frontier-news")
    assert response.status_code == 301
    assert response["Location"] == "/zh-hans/news/?category=frontier-news"


@pytest.mark.parametrize("path", ["/fr/", "/xx/news/", "/en/no-such-page/", "/zh-hans/news/no-such-article/"])
def test_unknown_paths_answer_a_styled_404_never_500(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert b"site-header" in response.content


def test_english_404_is_in_english(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert '<html lang="en">' in response.content.decode()


def test_chinese_404_is_in_chinese(client):
    response = client.get("/zh-hans/no-such-page/")
    assert "页面未找到" in response.content.decode()
