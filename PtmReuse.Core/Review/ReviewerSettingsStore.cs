using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review;

/// <summary>The review actions a key can trigger.</summary>
public enum ReviewShortcut
{
    Accept,
    Flip,
    SaveCorrection,
    Note,
    Skip,
    Undo,
    Next,
    Previous,
    NextItem,
    PreviousItem,
    Help,
}

/// <summary>Per-reviewer keyboard maps, stored in the database by user name (non-QWERTY keyboards remap freely).</summary>
public sealed class ReviewerSettingsStore(IDbContextFactory<PtmReuseDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The default map: single keys, as <c>KeyboardEvent.key</c> reports them.</summary>
    public static IReadOnlyDictionary<ReviewShortcut, string> Defaults { get; } = new Dictionary<ReviewShortcut, string>
    {
        [ReviewShortcut.Accept] = "a",
        [ReviewShortcut.Flip] = "f",
        [ReviewShortcut.SaveCorrection] = "c",
        [ReviewShortcut.Note] = "n",
        [ReviewShortcut.Skip] = "s",
        [ReviewShortcut.Undo] = "u",
        [ReviewShortcut.Next] = "j",
        [ReviewShortcut.Previous] = "k",
        [ReviewShortcut.NextItem] = "]",
        [ReviewShortcut.PreviousItem] = "[",
        [ReviewShortcut.Help] = "?",
    };

    public async Task<IReadOnlyDictionary<ReviewShortcut, string>> ShortcutsAsync(string userName, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.ReviewerSettings.Where(s => s.UserName == userName).Select(s => s.ShortcutsJson).FirstOrDefaultAsync(cancellationToken);
        var map = new Dictionary<ReviewShortcut, string>(Defaults);
        if (json is not null)
        {
            foreach (var (name, key) in JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
            {
                if (Enum.TryParse<ReviewShortcut>(name, out var shortcut) && !string.IsNullOrEmpty(key))
                {
                    map[shortcut] = key;
                }
            }
        }

        return map;
    }

    /// <summary>Saves a map; refuses one key for two actions and keys the choice digits (1–6) already use.</summary>
    public async Task SaveShortcutsAsync(string userName, IReadOnlyDictionary<ReviewShortcut, string> map, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new LabelPermissionException("Sign in to save your shortcuts.");
        }

        var problems = map.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key} has no key").ToList();
        problems.AddRange(map.GroupBy(p => p.Value, StringComparer.Ordinal).Where(g => g.Count() > 1 && !string.IsNullOrWhiteSpace(g.Key))
            .Select(g => $"'{g.Key}' is used for {string.Join(" and ", g.Select(p => p.Key))}"));
        problems.AddRange(map.Where(p => p.Value is { Length: 1 } && p.Value[0] is >= '1' and <= '6').Select(p => $"{p.Key}: digits 1–6 choose a pattern or step"));
        if (problems.Count > 0)
        {
            throw new LabelSchemaException(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ReviewerSettings.FirstOrDefaultAsync(s => s.UserName == userName, cancellationToken);
        if (row is null)
        {
            row = new ReviewerSettings { UserName = userName };
            db.ReviewerSettings.Add(row);
        }

        row.ShortcutsJson = JsonSerializer.Serialize(map.ToDictionary(p => p.Key.ToString(), p => p.Value));
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
