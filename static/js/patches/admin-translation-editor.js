/*
 * wagtail-localize's translation editor (a React app, wagtail-localize 1.x) writes three texts past the
 * admin's catalogue: the heading "<source> to <target> translation", the footer's "More actions" and the
 * dates of "Translated manually on 1 December 2026" (strftime, English month names). This puts the first
 * two through Wagtail's JavaScript catalogue (gettext, /admin/jsi18n/, where the project's djangojs.po
 * adds the Chinese) and, in a Chinese admin, writes the date the Chinese way (2026年12月1日).
 * It also words the note on segments the site filled in because they need no translation (numbers, dates, URLs…:
 * home/editorial/prefill.py), which wagtail-localize shows as "Translated with <tool> on <date>".
 * Loaded on every admin page (insert_global_admin_js); does nothing where there is no translation editor.
 */
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var ENGLISH_DATE = new RegExp("\\b(\\d{1,2}) (" + MONTHS.join("|") + ") (\\d{4})\\b", "g");
  var HEADING = /^(.+) to (.+) translation$/;
  // home/editorial/prefill.py's PREFILL_TOOL, as wagtail-localize's note on a segment names it.
  var PREFILL_TOOL = "the source (nothing to translate)";
  var chinese = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;

  function translate(text) {
    return typeof window.gettext === "function" ? window.gettext(text) : text;
  }

  function fixText(node) {
    var text = node.nodeValue;
    var changed = text;
    var parent = node.parentElement;
    if (parent && parent.tagName === "H3") {
      var match = HEADING.exec(text.trim());
      if (match) {
        changed = window.interpolate
          ? window.interpolate(translate("%(source)s to %(target)s translation"), {source: match[1], target: match[2]}, true)
          : text;
      }
    } else if (text.indexOf(PREFILL_TOOL) !== -1) {
      changed = translate("Copied from the source: nothing to translate");
    } else if (text === "More actions") {
      changed = translate(text);
    } else if (chinese && ENGLISH_DATE.test(text)) {
      changed = text.replace(ENGLISH_DATE, function (all, day, month, year) {
        return year + "年" + (MONTHS.indexOf(month) + 1) + "月" + day + "日";
      });
    }
    ENGLISH_DATE.lastIndex = 0;
    if (changed !== text) {
      node.nodeValue = changed;
    }
  }

  function fixAll(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      fixText(node);
    }
  }

  function start() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) {
      return;
    }
    fixAll(editor);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        if (mutation.type === "characterData") {
          fixText(mutation.target);
        }
        mutation.addedNodes.forEach(function (added) {
          if (added.nodeType === Node.TEXT_NODE) {
            fixText(added);
          } else if (added.nodeType === Node.ELEMENT_NODE) {
            fixAll(added);
          }
        });
      });
    }).observe(editor, {childList: true, subtree: true, characterData: true});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
