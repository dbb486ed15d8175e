#!/usr/bin/env bash
# Runs every test of CoFundMarket, installing first whatever the tests need and the machine lacks.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# PostgreSQL server binaries: the storage tests start throwaway servers with initdb and pg_ctl.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "test.sh: installing PostgreSQL server binaries (Debian postgresql)"
  apt_install postgresql
fi

# gRPC interop peers of the Rpc and end-to-end tests: Debian's grpcio for /usr/bin/python3, grpc_tools (the end-to-end
# Python client generates its messages from the protos at test time), and nghttp2-client (nghttp, h2load).
if ! /usr/bin/python3 -c "import grpc, google.protobuf, grpc_tools.protoc" 2>/dev/null || ! command -v nghttp >/dev/null; then
  echo "test.sh: installing gRPC interop peers (Debian python3-grpcio, python3-protobuf, python3-grpc-tools, nghttp2-client)"
  apt_install python3-grpcio python3-protobuf python3-grpc-tools nghttp2-client
fi

# Node gRPC peers of the Rpc and end-to-end tests (@grpc/grpc-js, buf curl), pinned by the committed package-lock.json files.
if ! command -v npm >/dev/null; then
  echo "test.sh: installing Node.js and npm (Debian)"
  apt_install nodejs npm
fi
for interop in tests/CoFundMarket.Rpc.Tests/Interop tests/CoFundMarket.EndToEnd.Tests/Interop; do
  if [ ! -d "$interop/node_modules" ]; then
    echo "test.sh: installing the Node interop peers of $interop (npm ci)"
    npm ci --prefix "$interop" --no-audit --no-fund
  fi
done

# Web app tests: Debian's Chromium, which Playwright drives (no browser is downloaded), and the web app's npm packages
# (the build, axe-core). The app is rebuilt so the tests run the sources as they are, not a dist/ from an older checkout.
if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: installing Chromium (Debian) for the web app tests"
  apt_install chromium
fi
if [ ! -d src/CoFundMarket.Web/node_modules ]; then
  echo "test.sh: installing the web app's npm packages (npm ci)"
  npm ci --prefix src/CoFundMarket.Web --no-audit --no-fund
fi
npm run build --prefix src/CoFundMarket.Web --silent

# The .NET SDK is the one prerequisite this script does not install.
command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK is required (https://dotnet.microsoft.com/download)"; exit 1; }

dotnet restore CoFundMarket.sln --verbosity quiet
dotnet build CoFundMarket.sln --no-restore --configuration Release --verbosity quiet -warnaserror
dotnet test CoFundMarket.sln --no-build --configuration Release --logger "console;verbosity=minimal" "$@"
