namespace CoFundMarket.Rpc.Tests.Fixtures;

/// <summary>A file in the temp folder for a child process to read (a CA certificate, a descriptor set, a request body), deleted on dispose.</summary>
public sealed class TemporaryFile : IDisposable
{
    private TemporaryFile(string extension) => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rpc-tests-{Guid.NewGuid():N}{extension}");

    public string Path { get; }

    public static TemporaryFile WithBytes(byte[] content, string extension = ".bin")
    {
        var file = new TemporaryFile(extension);
        File.WriteAllBytes(file.Path, content);
        return file;
    }

    public static TemporaryFile WithText(string content, string extension = ".txt")
    {
        var file = new TemporaryFile(extension);
        File.WriteAllText(file.Path, content);
        return file;
    }

    /// <summary>The server certificate as PEM, for clients that trust exactly it.</summary>
    public static TemporaryFile CertificateOf(RpcTestServer server) => WithText(server.Certificate.ExportCertificatePem(), ".pem");

    /// <summary>The test protos' FileDescriptorSet (Python's descriptor pool, buf's --schema).</summary>
    public static TemporaryFile DescriptorSet() => WithBytes(RpcTestServer.DescriptorSet(), ".binpb");

    public void Dispose() => File.Delete(Path);
}
