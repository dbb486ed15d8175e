using CoFundMarket.Rpc.Reflection.V1;
using CoFundMarket.Rpc.Server;

namespace CoFundMarket.Rpc.Reflection;

/// <summary>
/// Answers server reflection questions (doc/server-reflection.md) about the bound services: list services, the file
/// containing a symbol or an extension, a file by name (each with its imports, transitively), extension numbers.
/// Questions it cannot answer get an in-band <c>error_response</c> with NOT_FOUND and the stream stays open.
/// </summary>
internal sealed class ReflectionResponder(RpcServiceRegistry registry)
{
    private DescriptorIndex? _index;

    /// <summary>Built on first use: by then every service has been bound.</summary>
    private DescriptorIndex Index => _index ??= new DescriptorIndex(registry.Services.Select(s => s.Descriptor));

    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                foreach (var name in Index.ServiceNames)
                {
                    list.Service.Add(new ServiceResponse { Name = name });
                }

                response.ListServicesResponse = list;
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, Index.FindFile(request.FileByFilename), $"File '{request.FileByFilename}' not found.");
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, Index.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol '{request.FileContainingSymbol}' not found.");
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                SetFile(
                    response,
                    Index.FindFileContainingExtension(extension.ContainingType, extension.ExtensionNumber),
                    $"Extension {extension.ExtensionNumber} of '{extension.ContainingType}' not found.");
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                var numbers = Index.FindExtensionNumbers(request.AllExtensionNumbersOfType);
                if (numbers is null)
                {
                    SetError(response, StatusCode.NotFound, $"Type '{request.AllExtensionNumbersOfType}' not found.");
                    break;
                }

                response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType, ExtensionNumber = { numbers } };
                break;

            default:
                SetError(response, StatusCode.InvalidArgument, "The reflection request names no question.");
                break;
        }

        return response;
    }

    private static void SetFile(ServerReflectionResponse response, Google.Protobuf.Reflection.FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        response.FileDescriptorResponse = new FileDescriptorResponse { FileDescriptorProto = { DescriptorIndex.WithDependencies(file) } };
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
