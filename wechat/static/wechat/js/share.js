// Share cards in WeChat's in-app browser (the wechat app; README "WeChat").
// The page's HTML is the same for every visitor (pages are cached whole, by URL), so the check happens here:
// outside WeChat this script stops at its first line and nothing else loads. In WeChat it asks our server
// for the JS-SDK's signature of this URL, and only with one loads the SDK (from our own static files) and
// hands it the page's share title, description, link and image: its OpenGraph tags.
(function () {
    "use strict";
    if (!/MicroMessenger/i.test(navigator.userAgent)) return;
    var script = document.currentScript;
    if (!script || !window.fetch || !window.Promise) return;
    var sdkUrl = script.getAttribute("data-sdk");
    var configUrl = script.getAttribute("data-config");
    // The URL as WeChat checks the signature: the address bar without the fragment.
    var pageUrl = window.location.href.split("#")[0];

    function meta(selector) {
        var element = document.querySelector(selector);
        return element ? element.getAttribute("content") || "" : "";
    }

    function loadSdk() {
        return new Promise(function (resolve, reject) {
            var sdk = document.createElement("script");
            sdk.src = sdkUrl;
            sdk.onload = function () {
                if (window.wx) resolve(window.wx);
                else reject(new Error("WeChat JS-SDK did not load"));
            };
            sdk.onerror = reject;
            document.head.appendChild(sdk);
        });
    }

    function shareData() {
        return {
            title: meta('meta[property="og:title"]') || document.title,
            desc: meta('meta[property="og:description"]') || meta('meta[name="description"]'),
            link: meta('meta[property="og:url"]') || pageUrl,
            imgUrl: meta('meta[property="og:image"]')
        };
    }

    fetch(configUrl + "?url=" + encodeURIComponent(pageUrl), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
    })
        .then(function (response) {
            // 204: no signature to be had now (rate limit, WeChat away): WeChat's default card stays.
            if (response.status !== 200) throw new Error("no JS-SDK configuration");
            return response.json();
        })
        .then(function (config) {
            return loadSdk().then(function (wx) {
                var share = shareData();
                wx.config({
                    debug: false,
                    appId: config.appId,
                    timestamp: config.timestamp,
                    nonceStr: config.nonceStr,
                    signature: config.signature,
                    jsApiList: ["updateAppMessageShareData", "updateTimelineShareData"]
                });
                wx.ready(function () {
                    wx.updateAppMessageShareData(share);
                    wx.updateTimelineShareData({ title: share.title, link: share.link, imgUrl: share.imgUrl });
                });
            });
        })
        .catch(function () {
            // Sharing still works without the SDK, with WeChat's default card.
        });
})();
