using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;

namespace CoFundMarket.Rpc.Tests.Fixtures;

/// <summary>
/// Raw gRPC over HttpClient: hand-made length-prefixed bodies and headers, HTTP version exactly as asked (h2c with
/// prior knowledge for http:// and 2.0), and the whole response as received: status, headers, body, trailers.
/// </summary>
public sealed class RawGrpc : IDisposable
{
    private readonly HttpClient _client;

    public RawGrpc(X509Certificate2? trusted = null)
    {
        var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None };
        if (trusted is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString();
        }

        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task<RawResponse> PostAsync(
        Uri server,
        string path,
        byte[] body,
        string? contentType = "application/grpc",
        Version? version = null,
        IEnumerable<(string Name, string Value)>? headers = null,
        CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("content-type", contentType);
        }

        return PostAsync(server, path, content, version, headers, cancellationToken);
    }

    /// <summary>The same with a body of the caller's making (its own content-type), e.g. a <see cref="HeldOpenContent"/>; the request disposes it.</summary>
    public async Task<RawResponse> PostAsync(
        Uri server,
        string path,
        HttpContent content,
        Version? version = null,
        IEnumerable<(string Name, string Value)>? headers = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await SendAsync(request, cancellationToken);
    }

    public async Task<RawResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = Collect(response.Headers);
        foreach (var (name, value) in Collect(response.Content.Headers))
        {
            headers[name] = value;
        }

        return new RawResponse(response.StatusCode, response.Version, headers, body, Collect(response.TrailingHeaders));
    }

    public void Dispose() => _client.Dispose();

    private static Dictionary<string, string> Collect(HttpHeaders headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers.NonValidated)
        {
            result[name] = values.ToString();
        }

        return result;
    }
}

/// <summary>A response as received.</summary>
public sealed record RawResponse(HttpStatusCode StatusCode, Version Version, Dictionary<string, string> Headers, byte[] Body, Dictionary<string, string> Trailers)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public string? Trailer(string name) => Trailers.GetValueOrDefault(name);

    /// <summary>The status in a single HEADERS frame: in the headers, no body, no trailers.</summary>
    public bool IsTrailersOnly => Header("grpc-status") is not null && Body.Length == 0 && Trailers.Count == 0;

    public string? GrpcStatus => Trailer("grpc-status") ?? Header("grpc-status");

    public string? GrpcMessage => Trailer("grpc-message") ?? Header("grpc-message");

    public StatusCode Code => (StatusCode)int.Parse(GrpcStatus ?? throw new InvalidOperationException($"No grpc-status; HTTP {(int)StatusCode}."), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The body's length-prefixed frames.</summary>
    public IReadOnlyList<(byte Flags, byte[] Payload)> Frames() => Frame.Split(Body);
}

/// <summary>Builds and splits length-prefixed frames by hand.</summary>
public static class Frame
{
    public static byte[] Of(IMessage message) => Raw(0, message.ToByteArray());

    public static byte[] Compressed(IMessage message, string algorithm)
    {
        using var output = new MemoryStream();
        using (Stream compressor = algorithm == "gzip" ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            compressor.Write(message.ToByteArray());
        }

        return Raw(1, output.ToArray());
    }

    public static byte[] Raw(byte flags, byte[] payload) => Raw(flags, (uint)payload.Length, payload);

    /// <summary>A frame whose length prefix says <paramref name="declaredLength"/>, whatever the payload's real length.</summary>
    public static byte[] Raw(byte flags, uint declaredLength, byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static List<(byte Flags, byte[] Payload)> Split(byte[] body)
    {
        var frames = new List<(byte, byte[])>();
        var offset = 0;
        while (offset + 5 <= body.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 1));
            frames.Add((body[offset], body.AsSpan(offset + 5, length).ToArray()));
            offset += 5 + length;
        }

        if (offset != body.Length)
        {
            throw new InvalidDataException($"The body has {body.Length - offset} bytes after its last whole frame.");
        }

        return frames;
    }
}
