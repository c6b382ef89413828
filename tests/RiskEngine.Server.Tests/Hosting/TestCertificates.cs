using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RiskEngine.Server.Tests.Hosting;

/// <summary>Self-signed certificates made for one test run (none is ever committed), written where a server can load them.</summary>
public static class TestCertificates
{
    public const string Password = "test-certificate-password";

    /// <summary>An ECDSA certificate for <paramref name="subject"/> valid for a day, usable as a TLS server and client.</summary>
    public static X509Certificate2 Create(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(subject);
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        // Through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12, Password), Password);
    }

    /// <summary>Writes <paramref name="certificate"/> with its key as a password-protected PKCS#12 file; returns its path.</summary>
    public static string WritePkcs12(X509Certificate2 certificate, string directory, string name = "server.pfx")
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
