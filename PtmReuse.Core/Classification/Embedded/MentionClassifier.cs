namespace PtmReuse.Core.Classification.Embedded;

/// <summary>The decision for one mention: what the sentence says the authors did with the model, the rule, and its weight.</summary>
/// <param name="Strength">1 for a clear use, 0.5 for a bare mention in a reporting section (two of those make a use), 0 otherwise.</param>
internal readonly record struct MentionVerdict(MentionUse Use, string Rule, double Strength);

/// <summary>
/// Use or mention, decided per mention from the sentence around it, its section and the article kind. The rules are
/// tried in the order of docs/classification-rubric.md ("Use versus mention"); the first that applies decides.
/// </summary>
internal static class MentionClassifier
{
    /// <summary>Characters before a mention that belong to its clause (enough for "we did not use the pre-trained").</summary>
    private const int WindowBefore = 90;

    /// <summary>Characters after a mention read for a version, settings or a use verb ("X v2.3", "X was used to").</summary>
    private const int WindowAfter = 90;

    /// <summary>Characters before a mention read for a package's offer ("Available architectures include: A, B, C, …").</summary>
    private const int OfferWindow = 300;

    public static MentionVerdict Decide(DocumentFeatures features, DocumentSentence sentence, int start, int end)
    {
        var text = features.Text;
        var beforeStart = Math.Max(sentence.Start, start - WindowBefore);
        var before = text.AsSpan(beforeStart, start - beforeStart);
        var after = text.AsSpan(end, Math.Min(sentence.End, end + WindowAfter) - end);
        var whole = features.Span(sentence);

        if (EmbeddedLexicon.Negation().IsMatch(ClauseTail(before)))
        {
            return new(MentionUse.Negated, "N1 negated", 0);
        }

        if (EmbeddedLexicon.ComparisonBefore().IsMatch(before) || EmbeddedLexicon.ContrastBefore().IsMatch(ClauseTail(before)))
        {
            return new(MentionUse.Compared, "C1 compared against", 0);
        }

        var firstPersonUse = features.Has(sentence, SentenceFacts.FirstPersonUse);
        var software = EmbeddedLexicon.SoftwareNounAfter().IsMatch(after);
        var fieldStatement = features.Has(sentence, SentenceFacts.FieldStatement);
        var passive = features.Has(sentence, SentenceFacts.PassiveUse);
        if (features.Has(sentence, SentenceFacts.Hedge) && !passive && !firstPersonUse)
        {
            return new(MentionUse.Future, "F1 hedge or future work", 0);
        }

        // The model's outputs read or imported, not the model run: "analyses AlphaFold outputs", "compatible with DeepLabCut".
        if ((EmbeddedLexicon.OutputsAfter().IsMatch(after) || EmbeddedLexicon.OutputsOfBefore().IsMatch(before)) && !EmbeddedLexicon.RunsModel().IsMatch(whole))
        {
            return new(MentionUse.Cited, "B5 its outputs are read, it is not run", 0);
        }

        // A software paper's package implements or ships the model: "Available architectures include: U-Net, ResNet".
        // The offer must govern the name: "X provides U-Net", "Available architectures include: …, ResNet", not "carries
        // forward the code of Anipose, but provides …".
        var clause = text.AsSpan(Math.Max(sentence.Start, start - OfferWindow), start - Math.Max(sentence.Start, start - OfferWindow));
        // A weak sign of the field describes the model ("integrates X, a state-of-the-art …"): the package still ships it.
        if (features.IsSoftwarePaper && features.Kind == ArticleKind.Research && !sentence.IsBackground
            && (!fieldStatement || features.Has(sentence, SentenceFacts.WeakFieldStatementOnly))
            && (EmbeddedLexicon.SoftwareOffer().IsMatch(clause) || EmbeddedLexicon.ModelListSentence().IsMatch(clause))
            && features.NamesOwnPackage(sentence))
        {
            return new(MentionUse.Used, "U9 the software implements or ships it", 1);
        }

        // A software paper's table of the models it implements (no sentence around it), or an item of its list
        // "Available architectures include: A, B" that U9 did not take.
        if (features.ListingAt(start, end) is not null)
        {
            return new(MentionUse.Used, "U10 listed or tabulated as a model the package implements", 1);
        }

        if ((EmbeddedLexicon.ExampleListBefore().IsMatch(before) || EmbeddedLexicon.ExampleAfter().IsMatch(after)) && !(firstPersonUse && !fieldStatement))
        {
            return new(MentionUse.Cited, "B1 example in a list", 0);
        }

        if (features.Kind == ArticleKind.Review)
        {
            return firstPersonUse && !fieldStatement
                ? new(MentionUse.Used, "U1 first-person use", 1)
                : new(MentionUse.Cited, "B4 review article", 0);
        }

        if (sentence.IsBackground)
        {
            return firstPersonUse && !fieldStatement
                ? new(MentionUse.Used, "U1 first-person use", 1)
                : new(MentionUse.Cited, "B3 introduction or discussion", 0);
        }

        if (fieldStatement && !firstPersonUse)
        {
            return new(MentionUse.Cited, "B2 statement about the field", 0);
        }

        // "based on the open-source CARE framework": the software is used, not necessarily its trained model; two such
        // mentions (or one with a model noun elsewhere) make a use.
        if (software && (firstPersonUse || passive || EmbeddedLexicon.InstrumentBefore().IsMatch(before)))
        {
            return new(MentionUse.Used, "U8 its software is used", 0.5);
        }

        if (firstPersonUse)
        {
            return new(MentionUse.Used, "U1 first-person use", 1);
        }

        if (EmbeddedLexicon.SubjectOfUse().IsMatch(after))
        {
            return new(MentionUse.Used, "U5 subject of a use", 1);
        }

        if (EmbeddedLexicon.InstrumentBefore().IsMatch(before))
        {
            return new(MentionUse.Used, "U3 instrument of the work", 1);
        }

        // "Cross-encoder classification (mDeBERTa XNLI)", "pose estimation (DeepLabCut)": the one model in parentheses
        // after a task names the instrument of that task (a list in the parentheses is a set of options, not a use).
        if (sentence.Role != SectionRole.Title && before.TrimEnd().EndsWith('(') && EmbeddedLexicon.TaskBeforeParenthesis().IsMatch(before) && EmbeddedLexicon.ParenthesisClosesAlone().IsMatch(after))
        {
            return new(MentionUse.Used, "U11 the instrument of a task, in parentheses", 1);
        }

        if (sentence.Role != SectionRole.Title && passive)
        {
            return new(MentionUse.Used, "U2 passive use in a report", 1);
        }

        // A title says what the paper does: "... to train and deploy custom YOLOv5 detection models".
        if (sentence.Role == SectionRole.Title && EmbeddedLexicon.UseVerb().IsMatch(whole))
        {
            return new(MentionUse.Used, "U7 the title names its use", 1);
        }

        if (EmbeddedLexicon.UseDetailAfter().IsMatch(after))
        {
            return new(MentionUse.Used, "U4 version or settings given", 1);
        }

        if (features.Has(sentence, SentenceFacts.Comparison))
        {
            return new(MentionUse.Compared, "C2 comparison sentence", 0);
        }

        // A bare name in the title is the paper's topic ("a package for AlphaFold analysis"), not a use.
        if (sentence.Role == SectionRole.Title)
        {
            return new(MentionUse.Cited, "T1 named in the title only", 0);
        }

        return sentence.IsReport || sentence.Role == SectionRole.Abstract
            ? new(MentionUse.Used, "U6 named in a report", 0.5)
            : new(MentionUse.Cited, "B3 introduction or discussion", 0);
    }

    /// <summary>The end of the text before a mention from its last clause break: a negation further back is another clause's.</summary>
    private static ReadOnlySpan<char> ClauseTail(ReadOnlySpan<char> before)
    {
        var cut = before.LastIndexOfAny(';', ':');
        var comma = before.LastIndexOf(", ");
        cut = Math.Max(cut, comma >= 0 && before.Length - comma > 45 ? comma : -1);
        return cut >= 0 ? before[(cut + 1)..] : before;
    }
}
