/*
 * The translator's footer in wagtail-localize's translation editor (a React app, wagtail-localize 1.x): "Ready for
 * review" as the main button, and neither "Lock" nor "Delete" nor "Stop Synced translation" offered.
 *
 * Loaded only for a user who translates but may not publish (home/templatetags/editorial_tags.py writes the data
 * in #cdats-translation-review). wagtail-localize's footer shows Lock, Unlock and Delete from the `perms` of the
 * editor's props, and always "Stop Synced translation". The admin loads scripts before the page's content, and the
 * React app reads its props on DOMContentLoaded: this script acts when the document is parsed ("interactive", which
 * comes before DOMContentLoaded) and turns those perms off; then, once the footer is drawn, it puts the button in
 * the footer's own form (CSRF token included) as its main action and hides what remains of the vendor's menu.
 * The button posts to the site's own view (home/editorial/translation_review_views.py); nothing of wagtail-localize's is changed
 * on the server.
 */
(function () {
  "use strict";
  var data;
  var editor;
  var stopUrl;

  function rewriteProps() {
    // Before React reads the props: no Lock, Unlock, Delete or "Convert to alias page" for a translator.
    var props = JSON.parse(editor.dataset.props);
    props.perms.canLock = false;
    props.perms.canUnlock = false;
    props.perms.canDelete = false;
    props.links.convertToAliasUrl = null;
    editor.dataset.props = JSON.stringify(props);
  }

  function readyButton() {
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "button translation-ready-for-review";
    button.setAttribute("formaction", data.readyUrl);
    button.name = "action";
    button.value = "ready-for-review";
    button.textContent = data.awaiting ? data.awaitingLabel : data.label;
    button.disabled = Boolean(data.awaiting);
    return button;
  }

  function hide(node) {
    // Wagtail's button styles set `display`, which the `hidden` attribute alone does not beat.
    node.hidden = true;
    node.style.display = "none";
  }

  function install(footer) {
    var actions = footer.querySelector(".w-dropdown-button");
    if (!actions || footer.querySelector(".translation-ready-for-review")) {
      return;
    }
    // What is left of the vendor's actions for a translator is "Stop Synced translation": hidden, with its menu.
    Array.prototype.forEach.call(actions.children, hide);
    if (stopUrl) {
      Array.prototype.forEach.call(footer.querySelectorAll('[data-w-action-url-value="' + stopUrl + '"]'), hide);
    }
    actions.insertBefore(readyButton(), actions.firstChild);
  }

  function whenFooterDrawn() {
    var footer = editor.querySelector("footer");
    if (footer) {
      install(footer);
      return;
    }
    var observer = new MutationObserver(function () {
      var drawn = editor.querySelector("footer");
      if (drawn) {
        observer.disconnect();
        install(drawn);
      }
    });
    observer.observe(editor, {childList: true, subtree: true});
  }

  function start() {
    var dataElement = document.getElementById("cdats-translation-review");
    editor = document.querySelector(".js-translation-editor");
    if (!dataElement || !editor || !editor.dataset.props) {
      return;
    }
    data = JSON.parse(dataElement.textContent);
    stopUrl = JSON.parse(editor.dataset.props).links.stopTranslationUrl;
    if (!editor.querySelector("footer")) {
      rewriteProps();
    }
    whenFooterDrawn();
  }

  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", function parsed() {
      document.removeEventListener("readystatechange", parsed);
      start();
    });
  } else {
    start();
  }
})();
