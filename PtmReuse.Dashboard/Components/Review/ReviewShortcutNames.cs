using PtmReuse.Core.Review;

namespace PtmReuse.Dashboard.Components.Review;

/// <summary>What each review shortcut does, in words, for the help dialog, button labels and the key fields' labels.</summary>
public static class ReviewShortcutNames
{
    public static string Describe(ReviewShortcut shortcut) => shortcut switch
    {
        ReviewShortcut.Accept => "Accept the machine's answer",
        ReviewShortcut.Flip => "Flip yes/no",
        ReviewShortcut.SaveCorrection => "Save correction",
        ReviewShortcut.Note => "Write a note",
        ReviewShortcut.Skip => "Skip this item",
        ReviewShortcut.Undo => "Undo my last action",
        ReviewShortcut.Next => "Next item",
        ReviewShortcut.Previous => "Previous item",
        ReviewShortcut.NextItem => "Select the next model row",
        ReviewShortcut.PreviousItem => "Select the previous model row",
        ReviewShortcut.Help => "Show or hide these shortcuts",
        _ => shortcut.ToString(),
    };
}
