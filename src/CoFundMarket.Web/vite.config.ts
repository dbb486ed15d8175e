import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The gateway serves dist/ on its HTTP/1.1 port and answers gRPC-Web on the same origin; `npm run dev` proxies the API
// (every /cofund.v1.* service and the demo door) to a gateway running with `dotnet run`.
const gateway = process.env.COFUND_GATEWAY ?? "http://localhost:5081";

export default defineConfig({
  resolve: {
    // nhsuk-frontend's CSS names its icons as /assets/images/…; bundle them from the package instead.
    alias: [{ find: /^\/assets\/images\/(.*)$/, replacement: fileURLToPath(new URL("./node_modules/nhsuk-frontend/dist/nhsuk/assets/images/$1", import.meta.url)) }],
  },
  build: {
    // nhsuk-frontend ships its CSS minified, with an old-browser hack (@media screen\0) that lightningcss refuses.
    cssMinify: false,
    target: "es2022",
    // Budget of issue 5: all JavaScript under 200 kB gzipped; the build fails loudly well before a surprise.
    chunkSizeWarningLimit: 400,
    sourcemap: true,
  },
  server: {
    proxy: {
      "^/cofund\\.v1\\..*": gateway,
      "/demo": gateway,
      "/health": gateway,
    },
  },
});
