// GET /api/admin/reply-streams – { limit }; PUT – how many replies one user may stream at once { limit } (audited).
import { z } from "zod";
import { requireApiAdmin } from "@/lib/auth/session";
import { getReplyStreamLimit, MAX_REPLY_STREAMS_PER_USER, setReplyStreamLimit } from "@/lib/chat/reply-stream-limit";
import { jsonHandler } from "@/lib/http/json-handler";

const limitSchema = z.strictObject({
  limit: z
    .number()
    .int("Enter a whole number.")
    .min(1, "Allow at least 1.")
    .max(MAX_REPLY_STREAMS_PER_USER, `Allow at most ${MAX_REPLY_STREAMS_PER_USER}.`),
});

export const GET = jsonHandler({ authenticate: requireApiAdmin }, async () => ({ limit: await getReplyStreamLimit() }));

export const PUT = jsonHandler({ authenticate: requireApiAdmin, body: limitSchema }, (admin, { limit }) =>
  setReplyStreamLimit(admin, limit),
);
