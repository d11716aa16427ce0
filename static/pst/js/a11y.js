/* Accessibility helpers of the theme (issue #18); no framework, no CDN.
 *
 * 1. A wide table scrolls inside its own box, never the page: each table is wrapped in a
 *    .pst-table-scroll box; a box that does scroll becomes a named, focusable group, so the
 *    keyboard can scroll it too (WCAG 2.1.1) and a screen reader says what it holds.
 * 2. After a form comes back with errors, the focus goes to the first invalid field: a screen
 *    reader reads its label and, through aria-describedby, its error.
 */
(function () {
    "use strict";

    function nameOf(table) {
        var caption = table.querySelector("caption");
        if (caption) { return caption.textContent.trim(); }
        var node = table.closest(".pst-table-scroll") || table;
        while (node && node !== document.body) {
            var previous = node.previousElementSibling;
            while (previous) {
                if (/^H[1-6]$/.test(previous.tagName)) { return previous.textContent.trim(); }
                previous = previous.previousElementSibling;
            }
            node = node.parentElement;
        }
        return "";
    }

    function wrapTables() {
        document.querySelectorAll("main table").forEach(function (table) {
            if (table.parentElement.classList.contains("pst-table-scroll")) { return; }
            if (table.parentElement.classList.contains("table-responsive")) {
                table.parentElement.classList.add("pst-table-scroll");
                return;
            }
            var box = document.createElement("div");
            box.className = "pst-table-scroll";
            table.parentNode.insertBefore(box, table);
            box.appendChild(table);
        });
    }

    function markScrollingBoxes() {
        document.querySelectorAll(".pst-table-scroll").forEach(function (box) {
            var scrolls = box.scrollWidth > box.clientWidth + 1;
            if (scrolls && !box.hasAttribute("tabindex")) {
                box.setAttribute("tabindex", "0");
                var name = nameOf(box.querySelector("table"));
                if (name) {
                    // a group, not a region: the table's heading often names its section
                    // already, and two landmarks of one name are one too many
                    box.setAttribute("role", "group");
                    box.setAttribute("aria-label", name);
                }
            } else if (!scrolls && box.getAttribute("tabindex") === "0") {
                box.removeAttribute("tabindex");
                box.removeAttribute("role");
                box.removeAttribute("aria-label");
            }
        });
    }

    function focusFirstError() {
        var invalid = document.querySelector("main [aria-invalid=true], main .is-invalid");
        if (invalid && typeof invalid.focus === "function") { invalid.focus(); }
    }

    document.addEventListener("DOMContentLoaded", function () {
        wrapTables();
        markScrollingBoxes();
        focusFirstError();
        var timer = null;
        window.addEventListener("resize", function () {
            clearTimeout(timer);
            timer = setTimeout(markScrollingBoxes, 100);
        });
    });
}());
