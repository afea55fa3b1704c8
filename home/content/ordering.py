"""The order of the home page's children, which the apps' loaders create one app after another."""

from wagtail.models import Page

from home.models import HomePage


def order_home_children(positions: dict[str, int]) -> None:
    """Sort each locale's top-level pages by the loaders' positions (pages without one follow, as they were)."""
    for home in HomePage.objects.filter(depth=2):
        children = list(home.get_children())
        ranked = sorted(
            enumerate(children),
            key=lambda item: (0, positions[item[1].slug], 0) if item[1].slug in positions else (1, 0, item[0]),
        )
        wanted = [page.pk for _index, page in ranked]
        if wanted == [page.pk for page in children]:
            continue
        for pk in wanted:
            # Fresh rows each time: every move rewrites the paths of the pages moved before it.
            Page.objects.get(pk=pk).move(Page.objects.get(pk=home.pk), pos="last-child")
