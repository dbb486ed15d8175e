using System.Collections;
using System.Text;

namespace CoFundMarket.Rpc;

/// <summary>
/// gRPC metadata: an ordered list of key/value entries sent as HTTP headers or trailers. Keys are
/// lower-case ASCII (<c>0-9 a-z _ - .</c>); keys ending in <c>-bin</c> carry bytes (base64 on the wire,
/// padded or not when received, unpadded when sent); other values are printable ASCII.
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    /// <summary>The key suffix that marks a binary value.</summary>
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> _entries;

    /// <summary>An empty list.</summary>
    public Metadata() => _entries = [];

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Always false: metadata can be changed until it is sent.</summary>
    public bool IsReadOnly => false;

    /// <summary>The entry at <paramref name="index"/>.</summary>
    public Entry this[int index]
    {
        get => _entries[index];
        set => _entries[index] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Adds a text entry; the key must not end in <c>-bin</c>.</summary>
    public Metadata Add(string key, string value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    /// <summary>Adds a binary entry; the key must end in <c>-bin</c>.</summary>
    public Metadata Add(string key, byte[] valueBytes)
    {
        _entries.Add(new Entry(key, valueBytes));
        return this;
    }

    /// <summary>Adds an entry.</summary>
    public void Add(Entry item) => _entries.Add(item ?? throw new ArgumentNullException(nameof(item)));

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }

        return null;
    }

    /// <summary>The text value of the last entry with this key, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The bytes of the last entry with this key, or null.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <summary>Every entry with this key, in order.</summary>
    public IEnumerable<Entry> GetAll(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Removes every entry.</summary>
    public void Clear() => _entries.Clear();

    /// <summary>Whether this exact entry is in the list.</summary>
    public bool Contains(Entry item) => _entries.Contains(item);

    /// <summary>Copies the entries into an array.</summary>
    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    /// <summary>The position of this exact entry, or -1.</summary>
    public int IndexOf(Entry item) => _entries.IndexOf(item);

    /// <summary>Inserts an entry at a position.</summary>
    public void Insert(int index, Entry item) => _entries.Insert(index, item ?? throw new ArgumentNullException(nameof(item)));

    /// <summary>Removes this exact entry.</summary>
    public bool Remove(Entry item) => _entries.Remove(item);

    /// <summary>Removes the entry at a position.</summary>
    public void RemoveAt(int index) => _entries.RemoveAt(index);

    /// <summary>Enumerates the entries without allocating.</summary>
    public List<Entry>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<Entry> IEnumerable<Entry>.GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    /// <summary>Whether a key names a binary entry.</summary>
    public static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>One metadata entry: a key and either a text value or bytes.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        /// <summary>A text entry; the key is lower-cased and checked, the value must be printable ASCII.</summary>
        public Entry(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' ends in '{BinarySuffix}' and so needs a byte[] value.", nameof(key));
            }

            foreach (var c in value)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"The value of '{Key}' holds a character that is not printable ASCII; send it in a '-bin' entry instead.", nameof(value));
                }
            }

            _value = value;
        }

        /// <summary>A binary entry; the key must end in <c>-bin</c>.</summary>
        public Entry(string key, byte[] valueBytes)
        {
            ArgumentNullException.ThrowIfNull(valueBytes);
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' carries bytes and so must end in '{BinarySuffix}'.", nameof(key));
            }

            _valueBytes = valueBytes;
        }

        private Entry(string key, string? value, byte[]? valueBytes)
        {
            Key = key;
            _value = value;
            _valueBytes = valueBytes;
        }

        /// <summary>The lower-case key.</summary>
        public string Key { get; }

        /// <summary>Whether the value is bytes (the key ends in <c>-bin</c>).</summary>
        public bool IsBinary => _valueBytes is not null;

        /// <summary>The text value; a binary entry has none and throws.</summary>
        public string Value => _value ?? throw new InvalidOperationException($"Entry '{Key}' is binary: read ValueBytes.");

        /// <summary>The bytes: the binary value, or the text value's ASCII bytes.</summary>
        public byte[] ValueBytes => _valueBytes ?? Encoding.ASCII.GetBytes(_value!);

        /// <summary>An entry from a received header, kept as received (no checks: peers' odd values must not fail a call).</summary>
        internal static Entry Received(string key, string value) => new(key, value, null);

        /// <summary>A binary entry from a received header, already decoded from base64.</summary>
        internal static Entry Received(string key, byte[] valueBytes) => new(key, null, valueBytes);

        /// <inheritdoc />
        public override string ToString() => IsBinary ? $"{Key}: [{_valueBytes!.Length} bytes]" : $"{Key}: {_value}";

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = key.ToLowerInvariant();
            foreach (var c in normalized)
            {
                var allowed = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
                if (!allowed)
                {
                    throw new ArgumentException($"Metadata key '{key}' may hold only 0-9, a-z, '-', '_' and '.'.", nameof(key));
                }
            }

            return normalized;
        }
    }
}
