/*
 * Handsontable, the grid of Wagtail's table block, in the admin's language.
 *
 * Wagtail 7.4 passes the admin's language code to Handsontable 6.2.2 ("zh-hans" in a Chinese admin, "en" in an
 * English one). The bundled Handsontable registers only "en-US" (it ships zh-CN as a separate file Wagtail does
 * not load), so it logged 'Language with code "zh-hans" was not found' and drew its right-click menu in English.
 * This registers a dictionary under the code Wagtail asks for, with the phrases of the menu Wagtail's table block
 * offers, taken from the admin's JavaScript catalogue (djangojs.po, context "table editor"); phrases it does not
 * name stay Handsontable's English ones.
 * Loaded with the page and snippet editors (insert_editor_js), deferred: after Handsontable (the table block's
 * media) and before the editor's blocks are drawn.
 */
(function () {
  "use strict";
  var Handsontable = window.Handsontable;
  var language = document.documentElement.lang;
  if (!Handsontable || !Handsontable.languages || !language || typeof window.pgettext !== "function") {
    return;
  }
  if (Handsontable.languages.getLanguageDictionary(language)) {
    return;
  }
  var keys = Handsontable.languages.dictionaryKeys;
  function phrase(english) {
    return window.pgettext("table editor", english);
  }
  var dictionary = {languageCode: language};
  dictionary[keys.CONTEXTMENU_ITEMS_ROW_ABOVE] = phrase("Insert row above");
  dictionary[keys.CONTEXTMENU_ITEMS_ROW_BELOW] = phrase("Insert row below");
  dictionary[keys.CONTEXTMENU_ITEMS_INSERT_LEFT] = phrase("Insert column left");
  dictionary[keys.CONTEXTMENU_ITEMS_INSERT_RIGHT] = phrase("Insert column right");
  dictionary[keys.CONTEXTMENU_ITEMS_REMOVE_ROW] = [phrase("Remove row"), phrase("Remove rows")];
  dictionary[keys.CONTEXTMENU_ITEMS_REMOVE_COLUMN] = [phrase("Remove column"), phrase("Remove columns")];
  dictionary[keys.CONTEXTMENU_ITEMS_UNDO] = phrase("Undo");
  dictionary[keys.CONTEXTMENU_ITEMS_REDO] = phrase("Redo");
  dictionary[keys.CONTEXTMENU_ITEMS_COPY] = phrase("Copy");
  dictionary[keys.CONTEXTMENU_ITEMS_CUT] = phrase("Cut");
  Handsontable.languages.registerLanguageDictionary(dictionary);
})();
