import type { Metadata } from "next";
import { YourDataSettings } from "@/app/_components/your-data-settings";

export const metadata: Metadata = { title: "Settings · Parley" };

export default function SettingsPage() {
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto w-full max-w-2xl px-4 py-8">
        <h1 className="mb-6 font-semibold text-2xl">Settings</h1>
        <YourDataSettings />
      </div>
    </div>
  );
}
