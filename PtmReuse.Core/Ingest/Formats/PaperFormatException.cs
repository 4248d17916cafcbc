namespace PtmReuse.Core.Ingest.Formats;

/// <summary>A source that cannot be read as a paper. The message is shown to the user and stored as the error reason.</summary>
public sealed class PaperFormatException(string message, Exception? inner = null) : Exception(message, inner);
