// What `import "server-only"` loads outside Next: the launcher and custom server (tsx), the tests (vitest) and the
// bench run lib/db on the server by definition, so the guard has nothing to do there. tsconfig.json's `paths` and
// vitest.config.ts point the bare name here. Inside Next the name is Next's own: a server module gets an empty one,
// and a module of a client component's graph that imports it fails `next build` (docs/contributing.md, "Guards").
export {};
