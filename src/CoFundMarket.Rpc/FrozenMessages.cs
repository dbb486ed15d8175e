using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace CoFundMarket.Rpc;

/// <summary>
/// Messages an application has promised never to change again, serialized once. A service that answers many calls with
/// the same message object (a cached read) freezes it, and every response or request that sends it copies the bytes
/// instead of sizing and encoding the message again: Protocol Buffers' C# messages cache neither, and a nested message
/// is sized once for its parent and again to write its own length.
/// </summary>
/// <remarks>
/// Changing a message after freezing it is a bug this class cannot see: the old bytes would still be sent. Freeze only
/// messages that nothing holds for writing. Frozen messages are held weakly: the bytes go when the message does.
/// </remarks>
public static class FrozenMessages
{
    private static readonly ConditionalWeakTable<IMessage, byte[]> s_serialized = [];

    /// <summary>Serializes <paramref name="message"/> now and sends these bytes whenever it is written from here on.</summary>
    public static T Freeze<T>(T message)
        where T : IMessage
    {
        s_serialized.AddOrUpdate(message, message.ToByteArray());
        return message;
    }

    /// <summary>The bytes of a frozen message, or false for any other.</summary>
    internal static bool TryGetSerialized(IMessage message, out byte[] serialized) =>
        s_serialized.TryGetValue(message, out serialized!);
}
