import { defineConfig } from "vite";

// npm runs scripts in this folder, so relative paths below are relative to ClientApp/.
// The server serves ../wwwroot; it is build output only (emptied on every build).
const backend = "http://localhost:5000";

export default defineConfig({
  base: "/",
  build: {
    outDir: "../wwwroot",
    emptyOutDir: true,
    target: "es2022",
    // The wall runs on big-screen PCs with current Chromium; no legacy bundle or polyfills needed.
    modulePreload: { polyfill: false },
    // ECharts alone is ~500 kB minified even when only the parts used are imported.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      input: {
        index: "index.html",
        console: "console.html",
        login: "login.html",
      },
    },
  },
  server: {
    // `npm run dev` against `dotnet run --project src/RiskEngine.Server` (default port 5000).
    proxy: {
      "/api": backend,
      "/health": backend,
      "/hubs": { target: backend, ws: true },
    },
    // The district boundaries and names live in the repository's seeds/ folder, outside this root.
    fs: { allow: [".", "../../../seeds"] },
  },
});
