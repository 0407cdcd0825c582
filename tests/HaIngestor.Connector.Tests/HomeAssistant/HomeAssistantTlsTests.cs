using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HaIngestor.Connector.HomeAssistant;

namespace HaIngestor.Connector.Tests.HomeAssistant;

/// <summary>The CA file trusts certificates it signed, and nothing else; host name errors are never forgiven.</summary>
public sealed class HomeAssistantTlsTests : IDisposable
{
    private readonly string _caFile = Path.Combine(Path.GetTempPath(), $"hai-ca-{Guid.NewGuid():N}.pem");
    private readonly X509Certificate2 _ca;

    public HomeAssistantTlsTests()
    {
        _ca = CreateCertificate("CN=Test Home CA", issuer: null, isCa: true);
        File.WriteAllText(_caFile, _ca.ExportCertificatePem());
    }

    [Fact]
    public void CreateValidator_NoCaFile_ReturnsNullForSystemValidation()
    {
        Assert.Null(HomeAssistantTls.CreateValidator(null));
        Assert.Null(HomeAssistantTls.CreateValidator(" "));
    }

    [Fact]
    public void CreateValidator_LeafSignedByTheCa_IsTrusted()
    {
        using var leaf = CreateCertificate("CN=homeassistant.local", _ca, isCa: false);
        var validator = HomeAssistantTls.CreateValidator(_caFile)!;

        Assert.True(validator(this, leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void CreateValidator_SelfSignedStranger_IsRejected()
    {
        using var stranger = CreateCertificate("CN=evil.local", issuer: null, isCa: false);
        var validator = HomeAssistantTls.CreateValidator(_caFile)!;

        Assert.False(validator(this, stranger, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void CreateValidator_NameMismatch_IsRejectedEvenWhenSignedByTheCa()
    {
        using var leaf = CreateCertificate("CN=other.local", _ca, isCa: false);
        var validator = HomeAssistantTls.CreateValidator(_caFile)!;

        Assert.False(validator(this, leaf, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
    }

    public void Dispose()
    {
        _ca.Dispose();
        File.Delete(_caFile);
    }

    private static X509Certificate2 CreateCertificate(string subject, X509Certificate2? issuer, bool isCa)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        if (isCa)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        }

        // The CA outlives its leaves: a leaf may not be valid longer than its issuer.
        var notBefore = DateTimeOffset.UtcNow.AddHours(isCa ? -2 : -1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(isCa ? 2 : 1);
        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        using var signed = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        return signed.CopyWithPrivateKey(key);
    }
}
