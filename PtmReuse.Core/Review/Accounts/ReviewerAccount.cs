using Microsoft.AspNetCore.Identity;

namespace PtmReuse.Core.Review.Accounts;

/// <summary>A person who signs in to the dashboard. Identity's user; its user name is what labels record as the reviewer.</summary>
public sealed class ReviewerAccount : IdentityUser
{
    public ReviewerAccount()
    {
    }

    public ReviewerAccount(string userName)
        : base(userName)
    {
    }
}
