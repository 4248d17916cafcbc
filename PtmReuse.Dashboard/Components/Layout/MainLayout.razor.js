// Skip links (a[data-skip-to]): move keyboard focus to the target, not just the scroll position, so the next Tab
// continues from there. Handled in the capture phase, before Blazor's link interception would navigate.
export function attachSkipLinks() {
    window.addEventListener("click", event => {
        const link = event.target instanceof Element ? event.target.closest("a[data-skip-to]") : null;
        const target = link ? document.getElementById(link.dataset.skipTo) : null;
        if (!target) {
            return;
        }
        event.preventDefault();
        event.stopPropagation();
        if (!target.hasAttribute("tabindex")) {
            target.setAttribute("tabindex", "-1");
        }
        target.focus();
        target.scrollIntoView({ block: "start" });
    }, true);
}
