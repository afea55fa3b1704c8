"""The editable menus and footer, building the navigation, and where a page lives in the other language."""
