using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// This silo's TLS identity and whom it trusts, loaded from <see cref="SiloTlsOptions"/>. Peers are recognised by their
/// certificate (pinned, or issued by the cluster's own authority), not by host name: silos reach each other by address.
/// </summary>
public sealed class SiloCertificate : IDisposable
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2? _authority;

    private SiloCertificate(X509Certificate2 certificate, X509Certificate2? authority)
    {
        Certificate = certificate;
        _authority = authority;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Loads and checks the configured files; a <see cref="SiloCertificateException"/> says in the operator's terms what is wrong.</summary>
    public static SiloCertificate Load(SiloTlsOptions options, DateTimeOffset now)
    {
        var path = options.CertificatePath ?? throw new SiloCertificateException($"{SiloTlsOptions.Section}:{nameof(SiloTlsOptions.CertificatePath)} must be set");
        var certificate = LoadCertificate(path, options);
        try
        {
            Check(certificate, path, now);
            var authority = options.AuthorityPath is { Length: > 0 } authorityPath ? LoadAuthority(authorityPath) : null;
            if (authority is not null && !IssuedBy(certificate, authority))
            {
                authority.Dispose();
                throw new SiloCertificateException(
                    $"{SiloTlsOptions.Section}:{nameof(SiloTlsOptions.CertificatePath)} ({path}) is not issued by the authority in {SiloTlsOptions.Section}:{nameof(SiloTlsOptions.AuthorityPath)}: peers would refuse this server");
            }

            return new SiloCertificate(certificate, authority);
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>Whether a peer presenting <paramref name="remote"/> belongs to this cluster.</summary>
    public bool Trusts(X509Certificate2 remote) =>
        _authority is null
            ? remote.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span)
            : IssuedBy(remote, _authority);

    public void Dispose()
    {
        Certificate.Dispose();
        _authority?.Dispose();
    }

    private static X509Certificate2 LoadCertificate(string path, SiloTlsOptions options)
    {
        var key = $"{SiloTlsOptions.Section}:{nameof(SiloTlsOptions.CertificatePath)}";
        if (!File.Exists(path))
        {
            throw new SiloCertificateException($"{key}: no file at {path}");
        }

        var pem = IsPem(path);
        try
        {
            if (pem)
            {
                var keyPath = string.IsNullOrWhiteSpace(options.CertificateKeyPath) ? null : options.CertificateKeyPath;
                return string.IsNullOrEmpty(options.CertificatePassword)
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword, keyPath);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException error)
        {
            var hint = pem
                ? $"the key must be in the file or in {SiloTlsOptions.Section}:{nameof(SiloTlsOptions.CertificateKeyPath)}"
                : $"wrong {SiloTlsOptions.Section}:{nameof(SiloTlsOptions.CertificatePassword)}?";
            throw new SiloCertificateException($"{key}: {path} could not be read as a certificate with its private key ({hint}): {error.Message}");
        }
        catch (ArgumentException error)
        {
            throw new SiloCertificateException($"{key}: {path} holds no usable certificate and key: {error.Message}");
        }
        catch (IOException error)
        {
            throw new SiloCertificateException($"{key}: {path} could not be read: {error.Message}");
        }
    }

    private static X509Certificate2 LoadAuthority(string path)
    {
        var key = $"{SiloTlsOptions.Section}:{nameof(SiloTlsOptions.AuthorityPath)}";
        if (!File.Exists(path))
        {
            throw new SiloCertificateException($"{key}: no file at {path}");
        }

        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException error)
        {
            throw new SiloCertificateException($"{key}: {path} could not be read as a certificate: {error.Message}");
        }
    }

    private static void Check(X509Certificate2 certificate, string path, DateTimeOffset now)
    {
        var key = $"{SiloTlsOptions.Section}:{nameof(SiloTlsOptions.CertificatePath)}";
        if (!certificate.HasPrivateKey)
        {
            throw new SiloCertificateException($"{key}: {path} has no private key (give the key in the file or in {SiloTlsOptions.Section}:{nameof(SiloTlsOptions.CertificateKeyPath)})");
        }

        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            throw new SiloCertificateException($"{key}: {path} is valid from {certificate.NotBefore:u} to {certificate.NotAfter:u}, not now");
        }

        // A silo is a TLS server to the peers that call it and a client to those it calls.
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<Oid>()).Select(o => o.Value).ToList();
        if (usages.Count > 0 && !(usages.Contains(ServerAuthentication) && usages.Contains(ClientAuthentication)))
        {
            throw new SiloCertificateException($"{key}: {path} must allow both server and client authentication (extended key usage)");
        }
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static bool IsPem(string path)
    {
        Span<byte> start = stackalloc byte[11];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return start[..read].SequenceEqual("-----BEGIN "u8);
    }
}

/// <summary>The configured silo certificate cannot be used; the message names the setting and what is wrong.</summary>
public sealed class SiloCertificateException(string message) : Exception(message);
