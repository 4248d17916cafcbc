using System.ComponentModel.DataAnnotations;

namespace PtmReuse.Dashboard.Components.Account;

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your user name.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}

public sealed class NewAccountInput
{
    [Required(ErrorMessage = "Choose a user name.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}
