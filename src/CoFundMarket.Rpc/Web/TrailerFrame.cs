using System.Buffers;
using System.Text;
using CoFundMarket.Rpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace CoFundMarket.Rpc.Web;

/// <summary>
/// gRPC-Web's trailers: the last frame of the body, flag 0x80, holding an HTTP/1-style header block of
/// <c>key: value\r\n</c> lines with lower-case keys (PROTOCOL-WEB.md).
/// </summary>
internal static class TrailerFrame
{
    public static void Write(IBufferWriter<byte> output, Status status, Metadata? trailers, Google.Rpc.Status? details)
    {
        var block = new HeaderDictionary();
        StatusTrailers.Write(block, status, trailers, details);
        var text = new StringBuilder();
        foreach (var (name, values) in block)
        {
            foreach (var value in values)
            {
                text.Append(name.ToLowerInvariant()).Append(": ").Append(value).Append("\r\n");
            }
        }

        var bytes = Encoding.Latin1.GetBytes(text.ToString());
        var span = output.GetSpan(Envelope.HeaderSize + bytes.Length);
        Envelope.WriteHeader(span, Envelope.TrailersFlag, bytes.Length);
        bytes.CopyTo(span[Envelope.HeaderSize..]);
        output.Advance(Envelope.HeaderSize + bytes.Length);
    }
}
