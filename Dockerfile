# The gateway image: the web app built with Node, the gateway with the .NET SDK, run on the ASP.NET runtime.

# The web app (messages generated from protos/, TypeScript, Vite) into src/CoFundMarket.Web/dist, which the gateway's
# build copies beside it as webapp/. Without this stage the image would serve the API only.
FROM node:22-bookworm-slim AS web
WORKDIR /src
COPY protos protos
COPY src/CoFundMarket.Web src/CoFundMarket.Web
RUN npm ci --prefix src/CoFundMarket.Web --no-audit --no-fund && npm run build --prefix src/CoFundMarket.Web

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
COPY --from=web /src/src/CoFundMarket.Web/dist src/CoFundMarket.Web/dist
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
