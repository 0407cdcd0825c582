using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// Certificate validation for Home Assistant instances with a self-signed certificate: the configured CA is
/// trusted in addition to the system store; host name checks and all other validation stay on.
/// </summary>
internal static class HomeAssistantTls
{
    /// <summary>Null (system validation) when no CA file is configured.</summary>
    public static RemoteCertificateValidationCallback? CreateValidator(string? caFile)
    {
        if (string.IsNullOrWhiteSpace(caFile))
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        return (_, certificate, chain, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            // Only an untrusted chain may be rescued by the configured CA; a wrong host name never is.
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            {
                return false;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(roots);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            return certificate is X509Certificate2 certificate2
                ? custom.Build(certificate2)
                : custom.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
    }
}
