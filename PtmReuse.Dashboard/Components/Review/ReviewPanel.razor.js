// Review shortcuts: one keydown listener for the page. Keys typed into a field never reach .NET (so "a" in the note box
// is a letter, not "accept"); Escape leaves the field. The .NET side decides what a key does (the map is per reviewer).
export function attach(dotnet, keys) {
    const state = { keys: new Set(keys) };
    const handler = event => {
        if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
            return;
        }
        const target = event.target;
        const tag = target && target.tagName ? target.tagName : "";
        if (target && (target.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT")) {
            if (event.key === "Escape") {
                target.blur();
            }
            return;
        }
        if (!state.keys.has(event.key)) {
            return;
        }
        event.preventDefault();
        dotnet.invokeMethodAsync("OnShortcutAsync", event.key, tag);
    };
    document.addEventListener("keydown", handler);
    return {
        setKeys: newKeys => { state.keys = new Set(newKeys); },
        dispose: () => document.removeEventListener("keydown", handler),
    };
}

export function setKeys(handle, keys) { handle.setKeys(keys); }

export function detach(handle) { handle.dispose(); }

export function scrollToAnchor(id) {
    const element = document.getElementById(id);
    if (element) {
        element.scrollIntoView({ block: "center" });
    }
}

export function focus(id) {
    const element = document.getElementById(id);
    if (element) {
        element.focus();
    }
}
