"""The admin's POST form of a StreamField value (what the block editor's JavaScript sends)."""

from wagtail import blocks


def stream_post(prefix: str, stream: list[tuple[str, dict]], block) -> dict[str, str]:
    """Form fields of `stream` ([(block type, value)]) for the StreamBlock `block` under `prefix`."""
    data = {f"{prefix}-count": str(len(stream))}
    for index, (kind, value) in enumerate(stream):
        item = f"{prefix}-{index}"
        data.update({f"{item}-type": kind, f"{item}-deleted": "", f"{item}-order": str(index), f"{item}-id": ""})
        data.update(block_post(f"{item}-value", value, block.child_blocks[kind]))
    return data


def block_post(prefix: str, value, block) -> dict[str, str]:
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data.update(block_post(f"{prefix}-{name}", value.get(name), child))
        return data
    if isinstance(block, blocks.ListBlock):
        items = value or []
        data = {f"{prefix}-count": str(len(items))}
        for index, item in enumerate(items):
            data.update({f"{prefix}-{index}-deleted": "", f"{prefix}-{index}-order": str(index)})
            data[f"{prefix}-{index}-id"] = ""
            data.update(block_post(f"{prefix}-{index}-value", item, block.child_block))
        return data
    if isinstance(block, blocks.BooleanBlock):
        return {prefix: "on"} if value else {}
    if value is None:
        return {prefix: ""}
    return {prefix: str(getattr(value, "pk", value))}


def raw_stream(stream_value) -> list[tuple[str, dict]]:
    """A stored StreamField value as [(type, plain value)], ListBlock items unwrapped."""

    def plain(value):
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item["value"] if isinstance(item, dict) and "value" in item and "type" in item else item)
                    for item in value]  # fmt: skip
        return value

    return [(block["type"], plain(block["value"])) for block in stream_value.raw_data]
