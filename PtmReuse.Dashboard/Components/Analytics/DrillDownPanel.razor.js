// Scrolls the drill-down list into view (only as far as needed) and moves focus to it for keyboard users.
export function reveal(element) {
    if (!element) {
        return;
    }

    element.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    element.focus({ preventScroll: true });
}
