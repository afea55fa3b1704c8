"""Tencent Cloud Machine Translation (TMT), reachable from mainland China, through its official SDK."""

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tmt.v20180321 import models, tmt_client

# TextTranslateBatch takes at most 6000 characters per request; stay well below.
MAX_BATCH_CHARACTERS = 5000


def batches(texts: list[str]) -> list[list[str]]:
    result, current, size = [], [], 0
    for text in texts:
        if current and size + len(text) > MAX_BATCH_CHARACTERS:
            result.append(current)
            current, size = [], 0
        current.append(text)
        size += len(text)
    if current:
        result.append(current)
    return result


class TencentTranslator(BaseMachineTranslator):
    display_name = "Tencent Cloud TMT"

    def __init__(self, options):
        super().__init__(options)
        endpoint = options.get("ENDPOINT", "tmt.tencentcloudapi.com")
        http = HttpProfile(endpoint=endpoint, protocol=options.get("PROTOCOL", "https"), reqTimeout=30)
        self.client = tmt_client.TmtClient(
            credential.Credential(options["SECRET_ID"], options["SECRET_KEY"]),
            options.get("REGION", "ap-chengdu"),
            ClientProfile(httpProfile=http),
        )

    def can_translate(self, source_locale, target_locale) -> bool:
        return source_locale.language_code.startswith("zh") and target_locale.language_code.startswith("en")

    def translate(self, source_locale, target_locale, strings):
        # TMT translates plain text: a segment's inline markup (bold, links) is dropped from the machine
        # draft, which a translator reviews anyway.
        texts = [string.render_text() for string in strings]
        translated: list[str] = []
        for batch in batches(texts):
            request = models.TextTranslateBatchRequest()
            request.Source = "zh"
            request.Target = "en"
            request.ProjectId = 0
            request.SourceTextList = batch
            translated += self.client.TextTranslateBatch(request).TargetTextList
        return {string: StringValue.from_plaintext(text) for string, text in zip(strings, translated, strict=True)}
