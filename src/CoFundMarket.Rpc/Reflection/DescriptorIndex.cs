using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CoFundMarket.Rpc.Reflection;

/// <summary>
/// The proto files behind the bound services, with all their imports, indexed by file name, by fully-qualified
/// symbol (services, methods, messages, fields, enums, enum values, extensions) and by extension number.
/// </summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _filesBySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Extendee, int Number), FileDescriptor> _filesByExtension = [];
    private readonly Dictionary<string, SortedSet<int>> _extensionNumbers = new(StringComparer.Ordinal);

    public DescriptorIndex(IEnumerable<ServiceDescriptor> services)
    {
        var names = new List<string>();
        foreach (var service in services)
        {
            names.Add(service.FullName);
            AddFile(service.File);
        }

        ServiceNames = names;
    }

    public IReadOnlyList<string> ServiceNames { get; }

    public FileDescriptor? FindFile(string name) => _filesByName.GetValueOrDefault(name);

    public FileDescriptor? FindFileContainingSymbol(string symbol) => _filesBySymbol.GetValueOrDefault(symbol);

    public FileDescriptor? FindFileContainingExtension(string extendee, int number) => _filesByExtension.GetValueOrDefault((extendee, number));

    public IReadOnlyCollection<int>? FindExtensionNumbers(string extendee) =>
        _extensionNumbers.TryGetValue(extendee, out var numbers) ? numbers
        : _filesBySymbol.ContainsKey(extendee) ? Array.Empty<int>()
        : null;

    /// <summary>The serialized file and, after it, every file it imports, transitively, each once.</summary>
    public static List<ByteString> WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ByteString>();
        var pending = new Stack<FileDescriptor>();
        pending.Push(file);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next.Name))
            {
                continue;
            }

            result.Add(next.SerializedData);
            for (var i = next.Dependencies.Count - 1; i >= 0; i--)
            {
                pending.Push(next.Dependencies[i]);
            }
        }

        return result;
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }

        foreach (var service in file.Services)
        {
            AddSymbol(service.FullName, file);
            foreach (var method in service.Methods)
            {
                AddSymbol(method.FullName, file);
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (var enumType in file.EnumTypes)
        {
            AddEnum(enumType, file);
        }

        AddExtensions(file.Extensions.UnorderedExtensions, file);
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        AddSymbol(message.FullName, file);
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            AddSymbol(field.FullName, file);
        }

        foreach (var oneof in message.Oneofs)
        {
            AddSymbol(oneof.FullName, file);
        }

        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (var enumType in message.EnumTypes)
        {
            AddEnum(enumType, file);
        }

        AddExtensions(message.Extensions.UnorderedExtensions, file);
    }

    private void AddEnum(EnumDescriptor enumType, FileDescriptor file)
    {
        AddSymbol(enumType.FullName, file);
        foreach (var value in enumType.Values)
        {
            // Enum values are scoped like C++: siblings of their enum, e.g. grpc.health.v1.HealthCheckResponse.SERVING.
            var scope = enumType.FullName[..Math.Max(enumType.FullName.LastIndexOf('.'), 0)];
            AddSymbol(scope.Length == 0 ? value.Name : scope + "." + value.Name, file);
        }
    }

    private void AddExtensions(IList<FieldDescriptor> extensions, FileDescriptor file)
    {
        foreach (var extension in extensions)
        {
            AddSymbol(extension.FullName, file);
            var extendee = extension.ExtendeeType.FullName;
            _filesByExtension.TryAdd((extendee, extension.FieldNumber), file);
            if (!_extensionNumbers.TryGetValue(extendee, out var numbers))
            {
                _extensionNumbers[extendee] = numbers = [];
            }

            numbers.Add(extension.FieldNumber);
        }
    }

    private void AddSymbol(string symbol, FileDescriptor file) => _filesBySymbol.TryAdd(symbol, file);
}
