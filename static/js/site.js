// Opens and closes the main menu on phones; opens a long article's table of contents where there is room for it.
// Everything else works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("main-nav");
    if (toggle && nav) {
        toggle.addEventListener("click", function () {
            var open = nav.classList.toggle("is-open");
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
        });
    }
    if (window.matchMedia("(min-width: 721px)").matches) {
        document.querySelectorAll("details.toc__details").forEach(function (details) {
            details.open = true;
        });
    }
});
