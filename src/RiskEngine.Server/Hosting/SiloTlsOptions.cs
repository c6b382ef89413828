namespace RiskEngine.Server.Hosting;

/// <summary>
/// Cluster mode: TLS between silos (section "Orleans:Tls"). Each server presents a certificate and accepts a peer only
/// when the peer's certificate is trusted: issued by <see cref="AuthorityPath"/>'s certificate when one is given,
/// otherwise the very same certificate as its own (one certificate for the whole cluster). Off while no certificate
/// is configured.
/// </summary>
public sealed class SiloTlsOptions
{
    public const string Section = "Orleans:Tls";

    /// <summary>The server's certificate: a PKCS#12 file (.pfx/.p12), or a PEM file (with its key in it or in <see cref="CertificateKeyPath"/>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of the PKCS#12 file, or of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The PEM private key, when it is not in <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>PEM certificate of the authority that issues the silos' certificates; without it peers must present this server's own certificate.</summary>
    public string? AuthorityPath { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
