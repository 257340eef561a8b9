// Loads `.env.local` and `.env` into the launcher, as Next does for the web server, so that the database,
// migrations and seeding see the same configuration. Variables already set in the environment win.
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";

export function loadEnvFiles(files = [".env.local", ".env"]): string[] {
  const loaded = files.filter((file) => existsSync(file));
  for (const file of loaded) {
    for (const [key, value] of Object.entries(parseEnv(readFileSync(file, "utf8")))) {
      if (process.env[key] === undefined) process.env[key] = value;
    }
  }
  return loaded;
}
