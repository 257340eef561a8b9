// What the admin pages hand to their client components: plain data, never a key (a provider's key is only
// known as its last four characters).
import type { ModelSettings } from "@/lib/db/model-admin";
import type { ProviderView } from "@/lib/db/providers";
import type { listAllTeams } from "@/lib/db/team-conversations";

export type AdminProvider = Omit<ProviderView, "createdAt">;
export type AdminModel = ModelSettings & { providerName: string };
export type AdminTeam = Awaited<ReturnType<typeof listAllTeams>>[number];
