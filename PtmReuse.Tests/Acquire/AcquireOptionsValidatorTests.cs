using PtmReuse.Core.Acquire;

namespace PtmReuse.Tests.Acquire;

public sealed class AcquireOptionsValidatorTests
{
    private static readonly AcquireOptionsValidator Validator = new();

    private static string? Failure(AcquireOptions options)
    {
        var result = Validator.Validate(null, options);
        return result.Succeeded ? null : result.FailureMessage;
    }

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.Null(Failure(new AcquireOptions()));

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://api.openalex.org")]
    [InlineData("https://api.openalex.org?mailto=x@y.org")]
    public void Validate_BaseUrlNotAbsoluteHttpOrWithQuery_FailsNamingTheSetting(string url)
    {
        Assert.Contains("Acquire:OpenAlexBaseUrl", Failure(new AcquireOptions { OpenAlexBaseUrl = url }));
        Assert.Contains("Acquire:PlosBaseUrl", Failure(new AcquireOptions { PlosBaseUrl = url }));
        Assert.Contains("Acquire:EuropePmcBaseUrl", Failure(new AcquireOptions { EuropePmcBaseUrl = url }));
        Assert.Contains("Acquire:BiorxivBaseUrl", Failure(new AcquireOptions { BiorxivBaseUrl = url }));
    }

    [Fact]
    public void Validate_MailtoNotAnEmailAddress_Fails()
    {
        Assert.Contains("Acquire:Mailto", Failure(new AcquireOptions { Mailto = "not an address" }));
        Assert.Null(Failure(new AcquireOptions { Mailto = "researcher@example.org" }));
    }

    [Fact]
    public void Validate_TotalTimeoutNotLongerThanAttempt_Fails() =>
        Assert.Contains("Acquire:TotalTimeout", Failure(new AcquireOptions { AttemptTimeout = TimeSpan.FromMinutes(2), TotalTimeout = TimeSpan.FromMinutes(2) }));

    [Fact]
    public void Validate_AttemptTimeoutNotPositive_Fails() =>
        Assert.Contains("Acquire:AttemptTimeout", Failure(new AcquireOptions { AttemptTimeout = TimeSpan.Zero }));

    [Fact]
    public void Validate_NegativeRetryDelay_Fails() =>
        Assert.Contains("Acquire:RetryBaseDelay", Failure(new AcquireOptions { RetryBaseDelay = TimeSpan.FromSeconds(-1) }));

    [Fact]
    public void Validate_PerHostConcurrencyAboveTotal_Fails() =>
        Assert.Contains("Acquire:FullTextConcurrencyPerHost", Failure(new AcquireOptions { FullTextConcurrency = 2, FullTextConcurrencyPerHost = 3 }));
}
