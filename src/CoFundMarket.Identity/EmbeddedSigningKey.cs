using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace CoFundMarket.Identity;

/// <summary>
/// The HS256 key of the embedded default: 32 random bytes, base64 in <c>&lt;dataDirectory&gt;/signing-key</c>, readable
/// only by its owner on Unix. The gateway creates it on first start when no key is configured; the <c>cofund</c> CLI
/// loads it from the same data directory to mint tokens the gateway accepts.
/// </summary>
public sealed class EmbeddedSigningKey
{
    /// <summary>The key file's name inside the data directory.</summary>
    public const string FileName = "signing-key";

    /// <summary>Bytes of a new key (HS256 wants at least the hash size, 256 bits).</summary>
    public const int KeyLength = 32;

    private EmbeddedSigningKey(byte[] keyBytes, string path)
    {
        KeyBytes = keyBytes;
        FilePath = path;
    }

    /// <summary>The key.</summary>
    public byte[] KeyBytes { get; }

    /// <summary>The file the key was read from or written to.</summary>
    public string FilePath { get; }

    /// <summary>Loads the key of <paramref name="dataDirectory"/>, creating the directory and a new key when there is none.</summary>
    /// <exception cref="InvalidOperationException">The file exists but does not hold a usable key.</exception>
    public static EmbeddedSigningKey LoadOrCreate(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (File.Exists(path))
        {
            return Load(dataDirectory);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written to a private temporary file and published whole, so a concurrent reader never sees half a key and
        // starts that race agree on one key: the publish fails for every start but the first, and those load its key.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var key = RandomNumberGenerator.GetBytes(KeyLength);
        try
        {
            using (var writer = new StreamWriter(new FileStream(temporary, options)))
            {
                writer.Write(Convert.ToBase64String(key));
            }

            return PublishIfAbsent(temporary, path) ? new EmbeddedSigningKey(key, path) : Load(dataDirectory);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Loads the key of <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no key file; the message names the path.</exception>
    /// <exception cref="InvalidOperationException">The file does not hold a base64 key of at least 32 bytes.</exception>
    public static EmbeddedSigningKey Load(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No signing key at {path}. The gateway's embedded default creates it on first start in its data directory (./data by default); start the gateway once, or point at the data directory it uses.",
                path);
        }

        var text = File.ReadAllText(path).Trim();
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"The signing key at {path} is not base64.", e);
        }

        return key.Length >= KeyLength
            ? new EmbeddedSigningKey(key, path)
            : throw new InvalidOperationException($"The signing key at {path} has {key.Length} bytes; at least {KeyLength} are needed.");
    }

    /// <summary>Puts <paramref name="temporary"/> at <paramref name="path"/> unless a file is already there.</summary>
    /// <returns>False when another start published its key first.</returns>
    private static bool PublishIfAbsent(string temporary, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_REPLACE_EXISTING fails atomically when the target exists.
            try
            {
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }

        // On Unix File.Move checks for the target and then calls rename(2), which replaces it: two starts could both
        // "win" and hand out different keys. link(2) creates the name only if it is absent, in one step.
        if (Link(temporary, path) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == AlreadyExists
            ? false
            : throw new IOException($"Could not create the signing key at {path}: {Marshal.GetPInvokeErrorMessage(error)}.");
    }

    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);

    private static string PathIn(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return Path.Combine(Path.GetFullPath(dataDirectory), FileName);
    }
}
