using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Storage.People;

namespace RiskEngine.Server.Auth;

/// <summary>The key people's tokens are signed with: configured, or generated once and shared through the store.</summary>
public sealed class TokenKeys(IOptions<JwtOptions> options, SecretStore secrets)
{
    public const string SecretName = "jwt-signing-key";

    private SymmetricSecurityKey? _key;

    /// <summary>Null until <see cref="LoadAsync"/> ran (tokens are refused until then).</summary>
    public SymmetricSecurityKey? Key => _key;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.SigningKey;
        var text = string.IsNullOrWhiteSpace(configured)
            ? await secrets.GetOrCreateAsync(SecretName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken)
            : configured;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{JwtOptions.Section}:SigningKey is not base64.");
        }

        if (bytes.Length < 32)
        {
            throw new InvalidOperationException($"{JwtOptions.Section}:SigningKey must hold at least 32 bytes (256 bits).");
        }

        _key = new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
    }
}
