# The gateway image: build with the .NET SDK, run on the ASP.NET runtime.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/CoFundMarket.Gateway -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# h2c (native gRPC) and HTTP/1.1 (health, gRPC-Web, web app), bound on all interfaces inside the container.
ENV Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:5080 \
    Kestrel__Endpoints__Grpc__Protocols=Http2 \
    Kestrel__Endpoints__Web__Url=http://0.0.0.0:5081 \
    Kestrel__Endpoints__Web__Protocols=Http1
EXPOSE 5080 5081
ENTRYPOINT ["dotnet", "CoFundMarket.Gateway.dll"]
