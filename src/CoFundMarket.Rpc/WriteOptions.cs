namespace CoFundMarket.Rpc;

/// <summary>How to write the following messages of a call.</summary>
/// <param name="Flags">The write flags.</param>
public sealed record WriteOptions(WriteFlags Flags = WriteFlags.None);

/// <summary>Flags for writing a message.</summary>
[Flags]
public enum WriteFlags
{
    /// <summary>Default behaviour.</summary>
    None = 0,

    /// <summary>Send the message uncompressed even when the call compresses (e.g. to keep secrets out of compression, CRIME/BREACH).</summary>
    NoCompress = 1,
}
