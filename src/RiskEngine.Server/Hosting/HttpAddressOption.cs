using System.CommandLine;

namespace RiskEngine.Server.Hosting;

/// <summary>A required option naming an http(s) address; anything else is a usage error that says what was given.</summary>
public static class HttpAddressOption
{
    public static Option<Uri> Create(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
            {
                return address;
            }

            result.AddError($"{name} must be an http(s) address such as http://127.0.0.1:5000, not '{text}'.");
            return null;
        },
    };
}
